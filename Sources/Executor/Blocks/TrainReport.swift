import Datasets
import NeuralNet
import Tensor

/// Results and report content of a training run.
enum TrainReport {
  static func results(_ run: TrainingRun, into r: inout ResultSet) {
    let records = run.records
    guard let last = records.last else { return }
    r.set("train.loss", last.trainLoss)
    if let v = last.testLoss { r.set("test.loss", v) }
    if let v = last.trainAccuracy { r.set("train.accuracy", v) }
    if let v = last.testAccuracy { r.set("test.accuracy", v) }
    r.set("epochs-run", Double(records.count - 1))
    r.set("diverged", .bool(run.diverged))
    if let best = bestEpoch(run) {
      r.set("best-epoch", Double(best.epoch))
      if let v = best.testLoss { r.set("best.test.loss", v) }
    }
    r.set("curve.train.loss", .vector(records.map(\.trainLoss)))
    if records.allSatisfy({ $0.testLoss != nil }) {
      r.set("curve.test.loss", .vector(records.map { $0.testLoss ?? .nan }))
    }
    if records.allSatisfy({ $0.trainAccuracy != nil }) {
      r.set("curve.train.accuracy", .vector(records.map { $0.trainAccuracy ?? .nan }))
    }
    if records.allSatisfy({ $0.testAccuracy != nil }) {
      r.set("curve.test.accuracy", .vector(records.map { $0.testAccuracy ?? .nan }))
    }
    let names = run.network.parameterNames.filter { $0.hasPrefix("W") }
    for (k, name) in names.enumerated() {
      let norms = records.dropFirst().map { k < $0.gradientNorms.count ? $0.gradientNorms[k] : .nan }
      r.set("curve.grad-norm.\(name)", .vector(Array(norms)))
    }
    // Symmetry: the largest difference between any hidden unit's incoming
    // weights and the first unit's. 0 means the units never became different.
    for name in names.dropLast() {
      if let w = run.network.parameter(name) { r.set("symmetry.\(name)", symmetry(w)) }
    }
    r.set("kinks", Double(run.kinks))
  }

  /// max over units i and inputs j of |W[i, j] − W[0, j]|.
  static func symmetry(_ w: Matrix) -> Double {
    var m = 0.0
    for i in 1..<max(w.rows, 1) {
      for j in 0..<w.cols { m = max(m, abs(w[i, j] - w[0, j])) }
    }
    return m
  }

  /// The epoch with the lowest test loss (train loss without a test set).
  static func bestEpoch(_ run: TrainingRun) -> EpochRecord? {
    run.records.filter { ($0.testLoss ?? $0.trainLoss).isFinite }.min {
      ($0.testLoss ?? $0.trainLoss) < ($1.testLoss ?? $1.trainLoss)
    }
  }

  static func content(
    _ run: TrainingRun, spec: TrainSpec, split: DataSplit, prefix: String, into content: inout [ReportItem]
  ) {
    let records = run.records
    let epochs = records.map { Double($0.epoch) }
    if run.diverged, let last = records.last {
      let how =
        last.trainLoss.isFinite
        ? "the loss grew past 10 times its initial value (\(NumberText.short(records[0].trainLoss)) to "
          + "\(NumberText.short(last.trainLoss)))"
        : "the loss became NaN or infinite"
      content.append(
        .note("Diverged: \(how) at epoch \(last.epoch); training stopped there. Try a smaller learning rate.")
      )
    }
    if run.precision == .float32 {
      content.append(
        .note(
          "Trained in float32 (precision: float32): data, weights and products in single precision; "
            + "the numbers reported here are float64 values of that run."))
    }
    if spec.show.contains("summary") {
      var t = ReportTable(
        caption: "Final epoch (\(records.count - 1) epochs)", columns: ["", "Loss", "Accuracy"])
      if let last = records.last {
        t.rows.append([
          .text("train"), .number(last.trainLoss), last.trainAccuracy.map { .number($0) } ?? .empty,
        ])
        if let tl = last.testLoss {
          t.rows.append([.text("test"), .number(tl), last.testAccuracy.map { .number($0) } ?? .empty])
        }
      }
      if let best = bestEpoch(run) {
        t.rows.append([
          .text("best epoch \(best.epoch)"), .number(best.testLoss ?? best.trainLoss),
          (best.testAccuracy ?? best.trainAccuracy).map { .number($0) } ?? .empty,
        ])
      }
      t.digits = 5
      content.append(.table(t))
    }
    for what in spec.plot {
      let isLoss = what == "loss"
      let train = records.map { isLoss ? $0.trainLoss : ($0.trainAccuracy ?? .nan) }
      var series = [LineFigure.Series(name: "train", x: epochs, y: train, colorIndex: 0)]
      if records.allSatisfy({ (isLoss ? $0.testLoss : $0.testAccuracy) != nil }) {
        let test = records.map { (isLoss ? $0.testLoss : $0.testAccuracy) ?? .nan }
        series.append(LineFigure.Series(name: "test", x: epochs, y: test, dashed: true, colorIndex: 1))
      }
      if !isLoss && train.allSatisfy({ $0.isNaN }) { continue }
      content.append(
        .figure(
          FigureRequest(
            stem: "\(prefix)-\(what)", caption: "Learning curve: \(what) per epoch (train and test)",
            kind: .lines(
              LineFigure(
                title: "\(isLoss ? "Loss" : "Accuracy") per epoch", xLabel: "epoch",
                yLabel: isLoss ? "loss (\(run.network.spec.loss.name))" : "accuracy", yScale: spec.axis.scale,
                yRange: spec.axis.range, series: series)))))
    }
    if spec.show.contains("boundary"), split.train.featureCount == 2,
      let boundary = boundaryFigure(run.network, split: split, stem: "\(prefix)-boundary")
    {
      content.append(.figure(boundary))
    }
    if spec.show.contains("confusion"),
      let c = confusionFigure(run.network, split: split, stem: "\(prefix)-confusion")
    {
      content.append(.figure(c))
    }
    if spec.show.contains("gradient-norms") {
      let names = run.network.parameterNames.filter { $0.hasPrefix("W") }
      let series = names.enumerated().map { k, name in
        LineFigure.Series(
          name: name, x: Array(epochs.dropFirst()),
          y: records.dropFirst().map { k < $0.gradientNorms.count ? $0.gradientNorms[k] : .nan },
          colorIndex: k)
      }
      content.append(
        .figure(
          FigureRequest(
            stem: "\(prefix)-gradient-norms",
            caption: "Gradient norm ‖∂L/∂W‖ per layer, mean over each epoch's steps",
            kind: .lines(
              LineFigure(
                title: "Gradient norm per layer", xLabel: "epoch", yLabel: "‖∂L/∂W‖ (log scale)",
                yScale: .log,
                series: series)))))
    }
  }

  /// Predicted class over a 120×120 grid covering the data with a margin.
  static func boundaryFigure(_ network: Network, split: DataSplit, stem: String) -> FigureRequest? {
    let all = split.test.map { [split.train, $0] } ?? [split.train]
    var lo = [Double.infinity, .infinity]
    var hi = [-Double.infinity, -.infinity]
    for d in all {
      for i in 0..<d.count {
        for j in 0..<2 {
          lo[j] = min(lo[j], d.features[i, j])
          hi[j] = max(hi[j], d.features[i, j])
        }
      }
    }
    guard lo[0].isFinite, hi[0] > lo[0] || hi[1] > lo[1] else { return nil }
    let n = 120
    let pad = [(hi[0] - lo[0]) * 0.1 + 1e-9, (hi[1] - lo[1]) * 0.1 + 1e-9]
    let xs = (0..<n).map { lo[0] - pad[0] + (hi[0] - lo[0] + 2 * pad[0]) * Double($0) / Double(n - 1) }
    let ys = (0..<n).map { lo[1] - pad[1] + (hi[1] - lo[1] + 2 * pad[1]) * Double($0) / Double(n - 1) }
    var grid = Matrix(rows: n * n, cols: 2)
    for j in 0..<n {
      for i in 0..<n {
        grid[j * n + i, 0] = xs[i]
        grid[j * n + i, 1] = ys[j]
      }
    }
    let out = network.forward(grid).output
    guard let classes = network.spec.loss.predictedClasses(output: out) else { return nil }
    let values = (0..<n).map { j in (0..<n).map { i in Double(classes[j * n + i]) } }
    let points = DataReport.points(of: split.train)
    return FigureRequest(
      stem: stem,
      caption: "Decision boundary after training, with the training points"
        + (DataReport.shownNote(count: split.train.count).map { " (\($0))" } ?? ""),
      kind: .scatter(
        ScatterFigure(
          title: "Decision boundary", xLabel: "x₁", yLabel: "x₂", classes: points,
          boundary: ScatterFigure.Grid(xs: xs, ys: ys, values: values))))
  }

  /// Confusion matrix on the test split (the training split without one).
  static func confusionFigure(_ network: Network, split: DataSplit, stem: String) -> FigureRequest? {
    let d = split.test ?? split.train
    guard let labels = d.labels, let classCount = d.classCount, classCount > 0,
      let predicted = network.spec.loss.predictedClasses(output: network.forward(d.features).output)
    else { return nil }
    var counts = [[Double]](repeating: [Double](repeating: 0, count: classCount), count: classCount)
    for (t, p) in zip(labels, predicted) where t < classCount && p < classCount && t >= 0 && p >= 0 {
      counts[t][p] += 1
    }
    let names = (0..<classCount).map { "\($0)" }
    return FigureRequest(
      stem: stem,
      caption: "Confusion matrix on the \(split.test == nil ? "training" : "test") split (rows: true class)",
      kind: .heatmap(
        HeatmapFigure(
          title: "Confusion matrix", xLabel: "predicted class", yLabel: "true class", rowLabels: names,
          columnLabels: names, values: counts)))
  }
}
