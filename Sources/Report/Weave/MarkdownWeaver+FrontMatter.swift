import Notebook

extension MarkdownWeaver {
  /// The front matter as the Markdown report shows it: its bytes unchanged inside an HTML
  /// comment (`<!--` line, the front matter, `-->` line), which every renderer hides, then
  /// `# TITLE` when it sets `title:` (escaped, on one line). Renderers other than GitHub would
  /// show raw front matter as a rule and a setext heading; GitHub would show it as a table.
  ///
  /// A front matter holding `-->` (which would end the comment early) is left out and only
  /// the title is written. Lines end in `newline`.
  static func frontMatterView(_ frontMatter: FrontMatter, newline: String) -> String {
    var out = ""
    if let raw = frontMatter.rawText, !raw.contains("-->") {
      out += "<!--" + newline + raw
      if !(raw.hasSuffix("\n")) { out += newline }
      out += "-->" + newline
    }
    if let title = frontMatter.title, !title.trimmingSpacesForTitle.isEmpty {
      out += "# " + escapeText(title.trimmingSpacesForTitle) + newline
    }
    return out
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks.
  fileprivate var trimmingSpacesForTitle: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" || c.isNewline { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" || c.isNewline { s = s.dropLast() }
    return String(s)
  }
}
