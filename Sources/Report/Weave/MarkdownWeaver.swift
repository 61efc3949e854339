import Executor
import Notebook

/// The Markdown report: the notebook's bytes unchanged, with each executable
/// block followed by its results as GitHub-flavoured Markdown (tables, images
/// relative to the report, math in GitHub's `$` syntax, errors as quotes).
///
/// A notebook without executable blocks comes out byte for byte identical
/// (unless its front matter has an error, which is quoted right after the
/// front matter). In any other notebook the front matter is shown as its title
/// (``frontMatterView(_:newline:)``).
public enum MarkdownWeaver {
  public static func weave(
    document: NotebookDocument, outcomes: [BlockOutcome], figures: [String: FigureFile]
  ) -> String {
    var out = ""
    let newline = document.source.contains("\r\n") ? "\r\n" : "\n"
    for (n, segment) in document.segments.enumerated() {
      switch segment {
      case .text(let text):
        if n == 0, let raw = document.frontMatter.rawText, let range = text.range(of: raw),
          text[..<range.lowerBound].allSatisfy({ $0 == "\u{FEFF}" }),
          document.frontMatter.error != nil || !document.blocks.isEmpty
        {
          // The front matter (as a title, see frontMatterView), its error, then the rest
          // (after a blank line, so that prose cannot continue the quote).
          out += text[..<range.lowerBound]
          out += document.blocks.isEmpty ? raw : frontMatterView(document.frontMatter, newline: newline)
          if let error = document.frontMatter.error {
            out += newline + frontMatterBox(error).replacingOccurrences(of: "\n", with: newline)
            out += newline
          }
          let rest = text[range.upperBound...]
          if !(rest.hasPrefix("\n") || rest.hasPrefix("\r\n")) { out += newline }
          out += rest
        } else {
          out += text
        }
      case .block(let i):
        let block = document.blocks[i]
        out += block.rawText
        if !block.rawText.hasSuffix("\n") { out += newline }
        if !block.isClosed {
          // An unclosed fence runs to the end of the file; close it so the
          // results are not swallowed by the code block.
          out +=
            String(
              repeating: block.rawText.first == "~" ? "~" : "`", count: max(3, fenceLength(block.rawText)))
            + newline
        }
        guard i < outcomes.count else { continue }
        let md = results(outcomes[i], figures: figures)
        if !md.isEmpty {
          out += newline + md.replacingOccurrences(of: "\n", with: newline) + newline
        }
      }
    }
    return withErrata(out, document: document, outcomes: outcomes, newline: newline)
  }

  private static func fenceLength(_ raw: String) -> Int {
    let trimmed = raw.drop { $0 == " " }
    guard let c = trimmed.first else { return 3 }
    return trimmed.prefix { $0 == c }.count
  }

  /// The quoted error box for a problem in the front matter.
  static func frontMatterBox(_ e: NotebookError) -> String {
    ErrorBox(frontMatter: e).markdown
  }

  /// The Markdown for one block's outcome.
  static func results(_ o: BlockOutcome, figures: [String: FigureFile]) -> String {
    var parts: [String] = []
    for e in o.problems { parts.append(ErrorBox(block: e, skipped: o.status == .skipped).markdown) }
    for item in o.content where o.status == .ok {
      switch item {
      case .table(let t): parts.append(table(t))
      case .note(let n): parts.append("*\(escapeText(n))*")
      case .figure(let f):
        if let file = figures[f.stem] {
          if let problem = file.problem {
            parts.append("> Figure not drawn: \(escapeText(problem))")
          } else {
            parts.append(
              "![\(escapeText(file.caption))](\(file.relativePath))\n\n*\(escapeText(file.caption))*")
          }
        }
      }
    }
    if !o.expectations.isEmpty { parts.append(table(ExpectationTable.make(o.expectations))) }
    if !o.printed.isEmpty { parts.append(table(PrintedTable.make(o.printed))) }
    return parts.joined(separator: "\n\n")
  }

  /// A GFM table; cells escape `|`; matrices are written `[[a, b], [c, d]]`.
  /// Columns are padded so the raw Markdown lines up, and columns holding
  /// only numbers are right-aligned (`---:`).
  public static func table(_ t: ReportTable) -> String {
    let format = NumberFormat(digits: t.digits)
    let header = t.columns.map(escapeText)
    let body = t.rows.map { row in t.columns.indices.map { $0 < row.count ? cell(row[$0], format) : "" } }
    let numeric = t.columns.indices.map { c in
      t.rows.contains { c < $0.count && isNumeric($0[c]) }
        && t.rows.allSatisfy { c >= $0.count || isNumeric($0[c]) || $0[c] == .empty }
    }
    let widths = t.columns.indices.map { c in
      max(3, ([header[c]] + body.map { $0[c] }).map(\.count).max() ?? 3)
    }
    func line(_ cells: [String]) -> String {
      "| "
        + cells.enumerated().map { c, text in
          let pad = String(repeating: " ", count: max(0, widths[c] - text.count))
          return numeric[c] ? pad + text : text + pad
        }.joined(separator: " | ") + " |"
    }
    var lines: [String] = []
    if let caption = t.caption { lines.append("**\(escapeText(caption))**\n") }
    lines.append(line(header))
    lines.append(
      "|"
        + widths.enumerated().map { c, w in
          " " + (numeric[c] ? String(repeating: "-", count: w - 1) + ":" : String(repeating: "-", count: w))
            + " |"
        }.joined())
    for row in body { lines.append(line(row)) }
    return lines.joined(separator: "\n")
  }

  private static func isNumeric(_ c: ReportTable.Cell) -> Bool {
    switch c {
    case .number, .matrix: return true
    default: return false
    }
  }

  static func cell(_ c: ReportTable.Cell, _ f: NumberFormat) -> String {
    switch c {
    case .text(let s): return escapeText(s)
    case .math(let tex): return "$" + tex.replacingOccurrences(of: "|", with: "\\vert ") + "$"
    case .code(let s):
      return "`" + s.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    case .number(let x): return f.text(x)
    case .matrix(let m): return f.text(m)
    case .verdict(let ok): return ok ? "✅ pass" : "❌ fail"
    case .empty: return ""
    }
  }

  /// Text safe inside a GFM table cell and as inline Markdown: `|`, `<`, `>`,
  /// `*`, `_`, `` ` `` and `$` are escaped; newlines become spaces.
  static func escapeText(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "|", "*", "_", "`", "$", "\\": out += "\\\(ch)"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out
  }
}
