import Executor
import Notebook

/// The table of a block's `printed:` entries, shared by both weavers (contract section 10): one
/// row per printed number with the path (an element of a list or matrix as `path[i]` or
/// `path[row,column]`, 1-based), the number as printed, the exact value to the printed decimals
/// and two more, the difference printed − exact, and the verdict; every `differs` row is marked ⚠.
enum PrintedTable {
  /// The verdict cell text.
  static let matches = "matches"
  static let differs = "⚠ differs"

  static func make(_ xs: [PrintedOutcome]) -> ReportTable {
    let source = xs.first?.source
    var t = ReportTable(
      caption: source.map { "Printed in \($0), against the exact values" }
        ?? "Printed values against the exact values",
      columns: ["Path", "Printed", "Exact", "Printed − exact", "Verdict"])
    for x in xs {
      for i in x.printed.indices {
        t.rows.append([
          .code(elementPath(x, i)), .text(x.printed[i]), .text(x.exact[i]), .number(x.differences[i]),
          .text(x.matches[i] ? matches : differs),
        ])
      }
    }
    t.digits = 3
    return t
  }

  /// `path` for a one-element value, `path[i]` for a vector, `path[row,column]` for a matrix
  /// (1-based, row-major).
  static func elementPath(_ x: PrintedOutcome, _ i: Int) -> String {
    guard x.printed.count > 1 else { return x.path }
    switch x.got {
    case .matrix(let rows):
      let columns = max(rows.first?.count ?? 1, 1)
      return "\(x.path)[\(i / columns + 1),\(i % columns + 1)]"
    case .vector, .number, .text, .bool:
      return "\(x.path)[\(i + 1)]"
    }
  }
}

extension PrintedTable {
  /// `x` rounded half away from zero to `decimals` (decimal rounding of its shortest form), as
  /// text with that many decimals; NaN and infinities spelled out.
  static func exactText(_ x: Double, decimals: Int) -> String {
    guard let d = PrintedDecimal(shortest: x) else { return NumberFormat().text(x) }
    return d.text(decimals: decimals)
  }
}
