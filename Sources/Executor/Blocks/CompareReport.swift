import NeuralNet
import Notebook
import Tensor

extension SpecNode {
  /// The value written compactly for variant names: a scalar as written, a
  /// list as `[a, b]`, a mapping as `{k: v}`.
  var compactText: String {
    if isSequence {
      return "[" + ((try? sequence()) ?? []).map(\.compactText).joined(separator: ", ") + "]"
    }
    if isMapping {
      return "{" + entries().map { "\($0.key): \($0.value.compactText)" }.joined(separator: ", ") + "}"
    }
    return scalarText ?? ""
  }
}

/// The compare block's results, overlay plot and summary table.
enum CompareReport {
  /// Mean and (population) standard deviation of the finite values; nil when
  /// none is finite.
  static func meanStd(_ xs: [Double]) -> (mean: Double, std: Double)? {
    let finite = xs.filter(\.isFinite)
    guard !finite.isEmpty else { return nil }
    let mean = finite.reduce(0, +) / Double(finite.count)
    let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)
    return (mean, variance.squareRoot())
  }

  static func value(_ r: EpochRecord, _ curve: String) -> Double? {
    switch curve {
    case "train.loss": return r.trainLoss
    case "test.loss": return r.testLoss
    case "train.accuracy": return r.trainAccuracy
    default: return r.testAccuracy
    }
  }

  static func fill(
    variants: [String], runs: [[TrainingRun]], plot: String, axis: PlotAxis = PlotAxis(), seeds: Int,
    prefix: String, outcome: inout BlockOutcome
  ) {
    var table = ReportTable(
      caption: "Final epoch, mean ± std over \(seeds) seed\(seeds == 1 ? "" : "s")",
      columns: [
        "Variant", "Train loss", "Test loss", "Train accuracy", "Test accuracy", "Best epoch", "Kinks",
        "Diverged",
      ])
    table.digits = 4
    var series: [LineFigure.Series] = []
    for (v, name) in variants.enumerated() {
      let group = runs[v]
      var row: [ReportTable.Cell] = [.code(name)]
      for curve in CompareReport.curvesInTable {
        let finals = group.compactMap { $0.records.last.flatMap { value($0, curve) } }
        if let ms = meanStd(finals), finals.count == group.count {
          outcome.results.set("\(name).\(curve)", ms.mean)
          outcome.results.set("\(name).\(curve).std", ms.std)
          row.append(
            .text(NumberText.meanStd(ms.mean, ms.std, digits: 4)))
        } else {
          row.append(.text("—"))
        }
      }
      let bests = group.compactMap { TrainReport.bestEpoch($0).map { Double($0.epoch) } }
      if let b = meanStd(bests) {
        outcome.results.set("\(name).best-epoch", b.mean)
        row.append(.number(b.mean))
      } else {
        row.append(.text("—"))
      }
      let kinks = group.map { Double($0.kinks) }
      let meanKinks = kinks.reduce(0, +) / Double(max(kinks.count, 1))
      outcome.results.set("\(name).kinks", meanKinks)
      row.append(.number(meanKinks))
      let diverged = group.filter(\.diverged).count
      outcome.results.set("\(name).diverged", Double(diverged))
      row.append(.text(diverged == 0 ? "no" : "\(diverged) of \(group.count)"))
      if let first = group.first {
        for w in first.network.parameterNames.filter({ $0.hasPrefix("W") }).dropLast() {
          let s = group.compactMap { $0.network.parameter(w).map(TrainReport.symmetry) }
          if let m = meanStd(s) { outcome.results.set("\(name).symmetry.\(w)", m.mean) }
        }
      }
      table.rows.append(row)

      // Mean curve with a min–max band over seeds (epochs all seeds reached).
      let length = group.map(\.records.count).min() ?? 0
      guard length > 0 else { continue }
      var mean: [Double] = []
      var lower: [Double] = []
      var upper: [Double] = []
      for e in 0..<length {
        let ys = group.compactMap { value($0.records[e], plot) }
        guard ys.count == group.count else { break }
        mean.append(ys.reduce(0, +) / Double(ys.count))
        lower.append(ys.min() ?? .nan)
        upper.append(ys.max() ?? .nan)
      }
      guard !mean.isEmpty else { continue }
      outcome.results.set("\(name).curve.\(plot)", .vector(mean))
      let xs = (0..<mean.count).map(Double.init)
      series.append(
        LineFigure.Series(
          name: name, x: xs, y: mean, lower: seeds > 1 ? lower : nil, upper: seeds > 1 ? upper : nil,
          colorIndex: v))
    }
    outcome.content.append(.table(table))
    if !series.isEmpty {
      outcome.content.append(
        .figure(
          FigureRequest(
            stem: "\(prefix)-\(plot.replacingOccurrences(of: ".", with: "-"))",
            caption: "\(plot) per epoch: mean over \(seeds) seed(s)"
              + (seeds > 1 ? ", band from min to max" : ""),
            kind: .lines(
              LineFigure(
                title: "\(plot) per epoch", xLabel: "epoch", yLabel: plot, yScale: axis.scale,
                yRange: axis.range, series: series)))))
    }
  }

  static let curvesInTable = ["train.loss", "test.loss", "train.accuracy", "test.accuracy"]
}
