import Foundation

/// A matrix drawn as coloured cells with each value written in its cell (a confusion matrix:
/// rows are true classes, columns predicted classes).
public struct HeatmapPlot: Equatable, Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// Labels of the rows, top to bottom (missing ones are the row numbers from 0).
  public var rowLabels: [String]
  /// Labels of the columns, left to right (missing ones are the column numbers from 0).
  public var columnLabels: [String]
  /// `values[r][c]` is the cell in row `r` (from the top) and column `c`; short rows are
  /// padded with empty cells.
  public var values: [[Double]]
  /// Image size in pixels (default 640×540).
  public var width: Int
  public var height: Int

  /// Creates a heatmap; sizes default to 640×540 pixels.
  public init(
    title: String, xLabel: String, yLabel: String, rowLabels: [String], columnLabels: [String],
    values: [[Double]], width: Int = 640, height: Int = 540
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
    self.width = width
    self.height = height
  }

  /// The text written in a cell: integers (|v| < 10¹⁵) without decimals, other finite values
  /// with 3 significant digits (`%.3g`), non-finite values as `nan`, `inf`, `-inf`.
  public static func cellText(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.3g", value)
  }

  /// The gnuplot script that draws this heatmap as a PNG on standard output: square cells
  /// shaded from white (smallest value) to dark blue (largest; ColorBrewer "Blues"), row 0 at
  /// the top, the value in each cell in dark text on light cells and white text on dark ones.
  /// Non-finite cells are left white. Deterministic.
  public func gnuplotScript() -> String {
    var lines = GnuplotSyntax.preamble(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel)
    let rows = values.count
    let columns = values.map(\.count).max() ?? 0
    guard rows > 0, columns > 0 else {
      return (lines + GnuplotSyntax.noDataPlot).joined(separator: "\n") + "\n"
    }
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    var low = finite.min() ?? 0
    var high = finite.max() ?? 1
    if low == high {
      low -= 0.5
      high += 0.5
    }
    var cells = [[Double]]()
    var darkText = [String]()
    var lightText = [String]()
    for r in 0..<rows {
      for c in 0..<columns {
        let value = c < values[r].count ? values[r][c] : .nan
        cells.append([Double(c), Double(r), value])
        guard c < values[r].count else { continue }
        let label = "\(c) \(r) \"\(Self.cellText(value))\""
        let shade = value.isFinite ? (value - low) / (high - low) : 0
        if shade > 0.55 { lightText.append(label) } else { darkText.append(label) }
      }
      cells.append([])
    }
    lines += GnuplotSyntax.dataBlock("cells", rows: cells)
    let fontSize = max(columns, rows) <= 6 ? 12 : (max(columns, rows) <= 12 ? 9 : 7)
    var terms = ["$cells using 1:2:3 with image notitle"]
    for (name, text, color) in [("darktext", darkText, "#1a1a1a"), ("lighttext", lightText, "#ffffff")]
    where !text.isEmpty {
      lines += ["$\(name) << EOD"] + text + ["EOD"]
      terms.append(
        "$\(name) using 1:2:3 with labels center font \"DejaVu Sans,\(fontSize * GnuplotSyntax.pixelDensity)\""
          + " textcolor rgb '\(color)' noenhanced notitle")
    }
    lines += [
      "set palette defined (0 '#f7fbff', 1 '#c6dbef', 2 '#6baed6', 3 '#2171b5', 4 '#08306b')",
      "set cbrange [\(GnuplotSyntax.number(low)):\(GnuplotSyntax.number(high))]",
      "unset colorbox",
      "unset grid",
      "set border 15 linewidth 1 linecolor rgb '#505050'",
      "set size ratio \(GnuplotSyntax.number(Double(rows) / Double(columns)))",
      "set xrange [-0.5:\(GnuplotSyntax.number(Double(columns) - 0.5))]",
      "set yrange [\(GnuplotSyntax.number(Double(rows) - 0.5)):-0.5]",
      "set xtics noenhanced scale 0 (\(tics(columnLabels, count: columns)))",
      "set ytics noenhanced scale 0 (\(tics(rowLabels, count: rows)))",
      "unset key",
      "plot " + terms.joined(separator: ", \\\n     "),
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `'label' 0, 'label' 1, …` for `set xtics (…)`.
  private func tics(_ labels: [String], count: Int) -> String {
    (0..<count).map { index in
      let label = index < labels.count ? labels[index] : String(index)
      return "\(GnuplotSyntax.quoted(label)) \(index)"
    }.joined(separator: ", ")
  }
}
