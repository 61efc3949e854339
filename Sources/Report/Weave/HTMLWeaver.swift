import Executor
import Foundation
import Notebook
import Tensor

/// The HTML report: prose through cmark-gfm (math kept for KaTeX), each block's
/// source followed by its results, a table of contents, error boxes in place.
/// Everything that comes from the notebook is HTML-escaped.
public struct HTMLWeaver {
  /// Embed figures as data URIs and KaTeX inline (one file, no folders).
  public var selfContained: Bool
  /// Shown in the page footer and meta line.
  public var notebookPath: String

  public init(selfContained: Bool = false, notebookPath: String) {
    self.selfContained = selfContained
    self.notebookPath = notebookPath
  }

  /// Tables with more rows or columns than this are summarised, the full table
  /// behind a `<details>`.
  static let largeTable = 12

  public func weave(
    document: NotebookDocument, outcomes: [BlockOutcome], figures: [String: FigureFile]
  ) throws -> String {
    var body = ""
    for segment in document.segments {
      switch segment {
      case .text(let text):
        body += MarkdownHTML.render(stripFrontMatter(text, document))
      case .block(let i):
        guard i < outcomes.count else { continue }
        body += blockHTML(document.blocks[i], outcomes[i], figures: figures)
      }
    }
    body += errataSection(outcomes)
    let (withIDs, toc) = HTMLWeaver.addHeadingIDs(body)
    let title = document.title ?? URL(fileURLWithPath: notebookPath).deletingPathExtension().lastPathComponent
    let katexHead = selfContained ? try KaTeXAssets.inlineHeadHTML() : KaTeXAssets.headHTML()
    let counts = OutcomeCounts(outcomes)
    var meta = "\(counts.blocks) block\(counts.blocks == 1 ? "" : "s")"
    if counts.notRun == 0 { meta += counts.blocks == 1 ? " ran" : ", all ran" }
    if counts.failed > 0 { meta += ", \(counts.failed) failed" }
    if counts.skipped > 0 { meta += ", \(counts.skipped) skipped" }
    if document.frontMatter.error != nil { meta += ", front matter error" }
    if counts.checks > 0 {
      meta +=
        counts.checksFailed == 0
        ? " · \(counts.checks - counts.unanswered) checks passed"
        : " · \(counts.checksFailed) of \(counts.checks) checks failed"
      if counts.unanswered > 0 { meta += ", \(counts.unanswered) unanswered" }
    }
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<meta name=\"generator\" content=\"gradbook \(ProgramVersion.current)\">\n"
    page +=
      "<title>\(HTMLText.escape(title))</title>\n<style>\n\(HTMLWeaver.stylesheet)</style>\n\(katexHead)\n</head>\n"
    page += "<body>\n<main>\n"
    page +=
      "<p class=\"meta\">\(HTMLText.escape(notebookPath)) · seed \(document.frontMatter.seed) · \(HTMLText.escape(meta))"
      + "\(errataMeta(outcomes, toc: toc))</p>\n"
    // The front matter title is shown unless the prose opens with its own
    // `#` heading (which then serves as the page's title).
    let firstH1 = toc.first { $0.level == 1 }
    let opensWithHeading = withIDs.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<h1")
    if let fm = document.frontMatter.title, !opensWithHeading {
      page += "<h1 class=\"title\">\(HTMLText.escape(fm))</h1>\n"
    }
    if let error = document.frontMatter.error {
      page += frontMatterBox(error)
    }
    let entries = toc.filter { $0.level > 1 || $0.id != firstH1?.id || !opensWithHeading }
    var nav = ""
    if entries.count >= 2 {
      nav = "<nav class=\"toc\" aria-label=\"Contents\"><p class=\"toc-title\">Contents</p>\n<ul>\n"
      for entry in entries {
        nav += "<li class=\"toc-h\(entry.level)\"><a href=\"#\(entry.id)\">\(entry.text)</a></li>\n"
      }
      nav += "</ul></nav>\n"
    }
    // The contents box goes right after the title: after the prose's opening `#` heading
    // when it serves as the title, else before the prose.
    if opensWithHeading, let end = withIDs.range(of: "</h1>\n") {
      page += withIDs[..<end.upperBound] + nav + withIDs[end.upperBound...]
    } else {
      page += nav + withIDs
    }
    page +=
      "<footer>Woven by gradbook \(ProgramVersion.current) from <code>\(HTMLText.escape(notebookPath))</code>.</footer>\n"
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  /// Prose before the first block may start with the YAML front matter, which
  /// is not shown in HTML.
  private func stripFrontMatter(_ text: String, _ document: NotebookDocument) -> String {
    guard let raw = document.frontMatter.rawText, text.hasPrefix(raw) else { return text }
    return String(text.dropFirst(raw.count))
  }

  /// The error box for a problem in the front matter, shown at the top of the page.
  func frontMatterBox(_ e: NotebookError) -> String {
    ErrorBox(frontMatter: e).html
  }

  // MARK: Blocks

  func blockHTML(_ block: BlockSource, _ o: BlockOutcome, figures: [String: FigureFile]) -> String {
    var h = "<section class=\"block \(o.status.rawValue)\" id=\"block-\(o.index + 1)\">\n"
    var summary = "<span class=\"kind\">\(HTMLText.escape(block.kindText))</span>"
    if let name = block.name { summary += " <span class=\"name\">\(HTMLText.escape(name))</span>" }
    summary += " <span class=\"where\">line \(block.line)</span>"
    if !o.expectations.isEmpty {
      let ok = o.expectations.allSatisfy(\.passed)
      summary +=
        " <span class=\"badge \(ok ? "pass" : "fail")\">\(ok ? "checks pass" : "check failed")</span>"
    }
    h += "<details class=\"source\" open><summary>\(summary)</summary>\n"
    h += "<pre><code>\(HTMLText.escape(block.body))</code></pre></details>\n"
    for e in o.problems { h += ErrorBox(block: e, skipped: o.status == .skipped).html }
    if o.status == .ok {
      for item in o.content {
        switch item {
        case .table(let t): h += table(t)
        case .note(let n): h += "<p class=\"note\">\(HTMLText.escape(n))</p>\n"
        case .figure(let f): h += figure(figures[f.stem])
        }
      }
    }
    if !o.expectations.isEmpty { h += table(ExpectationTable.make(o.expectations), cssClass: "checks") }
    if !o.printed.isEmpty { h += table(PrintedTable.make(o.printed), cssClass: "checks printed") }
    return h + "</section>\n"
  }

  func figure(_ file: FigureFile?) -> String {
    guard let file else { return "" }
    if let problem = file.problem {
      return "<p class=\"figure-missing\">Figure not drawn: \(HTMLText.escape(problem))</p>\n"
    }
    let caption = "<figcaption>\(HTMLText.escape(file.caption))</figcaption></figure>\n"
    if let svg = file.svg {
      // Graph pictures inline, at their natural size (labels never shrink; wide graphs scroll).
      return "<figure class=\"graph\"><div class=\"svg-wrap\" role=\"img\" aria-label=\""
        + HTMLText.escape(file.caption) + "\">" + svg + "</div>" + caption
    }
    let src: String
    if selfContained, let png = file.png {
      src = DataURI.png(Data(png))
    } else {
      src = HTMLText.escape(file.relativePath)
    }
    let size = file.displaySize.map { " width=\"\($0.width)\" height=\"\($0.height)\"" } ?? ""
    return "<figure><img src=\"\(src)\" alt=\"\(HTMLText.escape(file.caption))\"\(size) loading=\"lazy\">"
      + caption
  }

  // MARK: Tables

  func table(_ t: ReportTable, cssClass: String = "results") -> String {
    let large = t.rows.count > HTMLWeaver.largeTable || t.columns.count > HTMLWeaver.largeTable
    if !large { return tableHTML(t, rows: t.rows, cssClass: cssClass) }
    let preview = Array(t.rows.prefix(6))
    var h = tableHTML(t, rows: preview, cssClass: cssClass + " preview", columnsLimit: HTMLWeaver.largeTable)
    h +=
      "<details class=\"full-table\"><summary>Show the full table (\(t.rows.count) rows × \(t.columns.count) columns)</summary>\n"
    h += tableHTML(
      ReportTable(caption: nil, columns: t.columns, rows: t.rows, digits: t.digits), rows: t.rows,
      cssClass: cssClass)
    return h + "</details>\n"
  }

  private func tableHTML(
    _ t: ReportTable, rows: [[ReportTable.Cell]], cssClass: String, columnsLimit: Int? = nil
  )
    -> String
  {
    let f = NumberFormat(digits: t.digits)
    let n = min(t.columns.count, columnsLimit ?? .max)
    var h = "<div class=\"table-wrap\"><table class=\"\(cssClass)\">"
    if let c = t.caption { h += "<caption>\(HTMLText.escape(c))</caption>" }
    h += "<thead><tr>" + t.columns.prefix(n).map { "<th>\(HTMLText.escape($0))</th>" }.joined()
    if n < t.columns.count { h += "<th>…</th>" }
    h += "</tr></thead><tbody>\n"
    for row in rows {
      h += "<tr>" + row.prefix(n).map { cell($0, f) }.joined()
      if n < t.columns.count { h += "<td>…</td>" }
      h += "</tr>\n"
    }
    return h + "</tbody></table></div>\n"
  }

  func cell(_ c: ReportTable.Cell, _ f: NumberFormat) -> String {
    switch c {
    case .text(let s): return "<td>\(HTMLText.escape(s))</td>"
    case .math(let tex): return "<td><span class=\"math inline\">\\(\(HTMLText.escape(tex))\\)</span></td>"
    case .code(let s):
      // Long labels such as `loss=bce-logits,learning-rate=0.01` may wrap after each comma.
      return "<td><code>\(HTMLText.escape(s).replacingOccurrences(of: ",", with: ",<wbr>"))</code></td>"
    case .number(let x): return "<td class=\"num\">\(HTMLText.escape(f.text(x)))</td>"
    case .matrix(let m): return "<td class=\"num\">\(matrix(m, f))</td>"
    case .verdict(let ok): return ok ? "<td class=\"pass\">✔ pass</td>" : "<td class=\"fail\">✘ fail</td>"
    case .empty: return "<td></td>"
    }
  }

  /// A matrix as a grid in square brackets; very large ones as their shape and norm.
  func matrix(_ m: Matrix, _ f: NumberFormat) -> String {
    if m.isScalar { return HTMLText.escape(f.text(m.storage[0])) }
    if m.rows > HTMLWeaver.largeTable || m.cols > HTMLWeaver.largeTable {
      return
        "<span class=\"shape\">\(m.rows)×\(m.cols) matrix, ‖·‖ = \(HTMLText.escape(f.text(m.norm())))</span>"
    }
    // Square brackets (as `bmatrix`), drawn by the `.bmatrix` frame: bars would read as a determinant.
    var h = "<span class=\"bmatrix\"><table class=\"matrix\">"
    for r in 0..<m.rows {
      h += "<tr>" + (0..<m.cols).map { "<td>\(HTMLText.escape(f.text(m[r, $0])))</td>" }.joined() + "</tr>"
    }
    return h + "</table></span>"
  }

  // MARK: Headings

  struct TOCEntry {
    var level: Int
    var id: String
    var text: String
  }

  /// Adds `id`s to `<h1>`–`<h3>` and returns the table of contents.
  static func addHeadingIDs(_ html: String) -> (String, [TOCEntry]) {
    var out = ""
    var toc: [TOCEntry] = []
    var used: [String: Int] = [:]
    var rest = Substring(html)
    while let open = rest.range(of: "<h") {
      out += rest[..<open.lowerBound]
      let after = rest[open.upperBound...]
      guard let levelChar = after.first, let level = Int(String(levelChar)), (1...3).contains(level),
        after.dropFirst().first == ">",
        let close = after.range(of: "</h\(level)>")
      else {
        out += "<h"
        rest = after
        continue
      }
      let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound]
      let plain = String(inner).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
      var slug = FileName.sanitize(plain)
      if let n = used[slug] {
        used[slug] = n + 1
        slug += "-\(n + 1)"
      } else {
        used[slug] = 1
      }
      toc.append(TOCEntry(level: level, id: slug, text: String(inner)))
      out += "<h\(level) id=\"\(slug)\">\(inner)</h\(level)>"
      rest = after[close.upperBound...]
    }
    out += rest
    return (out, toc)
  }
}
