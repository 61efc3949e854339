import Executor
import Notebook

extension MarkdownWeaver {
  /// The woven Markdown `md` with, for a notebook with printed values, the Errata header line
  /// (`> **Errata:** 2 printed values differ from the exact ones (see [Errata](#errata)).`)
  /// inserted after the front matter (at the very top without one), followed by a blank line,
  /// and the `## Errata` section
  /// appended at the end. Every byte of `md` is kept; without printed values `md` is returned
  /// unchanged.
  static func withErrata(
    _ md: String, document: NotebookDocument, outcomes: [BlockOutcome], newline: String
  ) -> String {
    guard Errata.applies(to: outcomes) else { return md }
    let header =
      "> **\(Errata.title):** \(escapeText(Errata.sentence(outcomes))) (see [\(Errata.title)](#errata))."
    var start = md.startIndex
    while start < md.endIndex, md[start] == "\u{FEFF}" { start = md.index(after: start) }
    var lead = ""
    if let raw = document.frontMatter.rawText, md[start...].hasPrefix(raw) {
      start = md.index(start, offsetBy: raw.count)
      if !(raw.hasSuffix("\n") || raw.hasSuffix("\r")) { lead = newline }
    }
    let rest = md[start...]
    let gap = rest.hasPrefix("\n") || rest.hasPrefix("\r") ? newline : newline + newline
    var out = String(md[..<start]) + lead + header + gap + rest
    if !(out.hasSuffix("\n") || out.hasSuffix("\r")) { out += newline }
    out += newline + section(outcomes).replacingOccurrences(of: "\n", with: newline) + newline
    return out
  }

  /// `## Errata`, its introduction and, when something differs, the table.
  static func section(_ outcomes: [BlockOutcome]) -> String {
    var parts = ["## \(Errata.title)", escapeText(Errata.introduction(outcomes))]
    if let t = Errata.table(outcomes) { parts.append(table(t)) }
    return parts.joined(separator: "\n\n")
  }
}
