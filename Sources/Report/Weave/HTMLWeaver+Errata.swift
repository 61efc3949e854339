import Executor

extension HTMLWeaver {
  /// The Errata section at the end of the page for a notebook with printed values (contract
  /// section 10): a heading (listed in the contents), the introduction and, when something
  /// differs, the table of differing numbers. Empty without printed values.
  func errataSection(_ outcomes: [BlockOutcome]) -> String {
    guard Errata.applies(to: outcomes) else { return "" }
    var h = "<section class=\"errata\">\n<h2>\(Errata.title)</h2>\n"
    h += "<p>\(HTMLText.escape(Errata.introduction(outcomes)))</p>\n"
    if let t = Errata.table(outcomes) { h += table(t, cssClass: "checks errata") }
    return h + "</section>\n"
  }

  /// ` · <a href="#errata">2 printed values differ from the exact ones</a>` for the meta line,
  /// linking to the Errata heading (its id from the contents, which is the last heading
  /// named Errata); empty without printed values.
  func errataMeta(_ outcomes: [BlockOutcome], toc: [TOCEntry]) -> String {
    guard Errata.applies(to: outcomes) else { return "" }
    let text = HTMLText.escape(Errata.sentence(outcomes))
    guard let id = toc.last(where: { $0.text == Errata.title })?.id else { return " · " + text }
    return " · <a href=\"#\(id)\">\(text)</a>"
  }
}
