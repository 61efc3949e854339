import Foundation
import Notebook
import Tensor

/// The y-axis options of `train` and `compare` plots (contract §7): `y-scale: linear | log`
/// and `y-range: [a, b]`, wired to ``LineFigure/yScale`` and ``LineFigure/yRange``.
///
/// - Without `y-scale` the scale is chosen from the data (``LineFigure/YScale/automatic``:
///   log when the plotted values span more than two orders of magnitude).
/// - `y-range` needs two finite numbers with `a < b`; on a log scale `a > 0`. A range
///   reaching zero or below with no `y-scale` keeps the axis linear (a log axis could not
///   show it); with `y-scale: log` it is an error.
struct PlotAxis: Sendable, Equatable {
  var scale: LineFigure.YScale = .automatic
  var range: [Double]?

  /// The keys this reads.
  static let keys = ["y-scale", "y-range"]
  /// What `y-scale` may say.
  static let scales = ["linear", "log"]

  init() {}

  /// Reads `y-scale` and `y-range` from a block body; errors are positioned at the value.
  init(_ body: SpecNode) throws(NotebookError) {
    if let node = body["y-scale"], !node.isNull {
      let text = try node.string().trimmingCharacters(in: .whitespaces)
      switch text.lowercased() {
      case "linear": scale = .linear
      case "log": scale = .log
      default:
        throw node.error(
          "unknown y-scale '\(text)'", hint: NameSuggestion.hint(for: text.lowercased(), among: Self.scales))
      }
    }
    if let node = body["y-range"], !node.isNull {
      let values = try node.doubles()
      guard values.count == 2 else {
        throw node.error(
          "y-range needs two numbers [low, high], got '\(node.compactText)'",
          hint: "Write e.g. 'y-range: [0, 1]'.")
      }
      guard values.allSatisfy(\.isFinite), values[0] < values[1] else {
        throw node.error(
          "y-range needs low < high, both finite, got '\(node.compactText)'",
          hint: "Write e.g. 'y-range: [0, 1]'.")
      }
      if values[0] <= 0 {
        if scale == .log {
          throw node.error(
            "y-range must be positive on a log scale, got '\(node.compactText)'",
            hint: "Write e.g. 'y-range: [0.001, 10]', or 'y-scale: linear'.")
        }
        scale = .linear
      }
      range = values
    }
  }
}
