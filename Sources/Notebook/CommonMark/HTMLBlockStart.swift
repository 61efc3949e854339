/// The seven start conditions and five end conditions of CommonMark HTML blocks (spec 0.31.2,
/// section "HTML blocks"). A line inside an HTML block is raw HTML, so a fence there is not a fence.
///
/// All functions take the line from its first non-space character, ending with `\n`.
enum HTMLBlockStart {
  /// Tag names of kind 6 (case-insensitive), as listed in the spec.
  static let blockTagNames: Set<String> = [
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul",
  ]

  private static let kind1Names: Set<String> = ["pre", "script", "style", "textarea"]

  /// The byte at `i`, or a line feed past the end (the end of the text ends its line).
  private static func at(_ s: [UInt8], _ i: Int) -> UInt8 { i < s.count ? s[i] : 0x0A }

  private static func hasPrefix(_ s: [UInt8], _ prefix: String, caseInsensitive: Bool = false) -> Bool {
    let p = Array(prefix.utf8)
    guard s.count >= p.count else { return false }
    for (i, b) in p.enumerated() {
      let c = s[i]
      if caseInsensitive ? (c | 0x20) != (b | 0x20) : c != b { return false }
    }
    return true
  }

  /// Kinds 1–6 (those that may interrupt a paragraph), or `nil`.
  static func kind(of s: [UInt8]) -> HTMLBlockKind? {
    guard at(s, 0) == UInt8(ascii: "<") else { return nil }
    if hasPrefix(s, "<!--") { return .comment }
    if hasPrefix(s, "<?") { return .processingInstruction }
    if hasPrefix(s, "<![CDATA[") { return .cdata }
    if at(s, 1) == UInt8(ascii: "!") && ByteClass.isLetter(at(s, 2)) { return .declaration }
    // Kind 1: <pre, <script, <style, <textarea + space, tab, '>' or end of line.
    var i = 1
    while ByteClass.isLetter(at(s, i)) { i += 1 }
    let name1 = String(decoding: s[1..<i], as: UTF8.self).lowercased()
    let after1 = at(s, i)
    if kind1Names.contains(name1)
      && (ByteClass.isSpaceOrTab(after1) || after1 == UInt8(ascii: ">") || ByteClass.isLineEnding(after1))
    {
      return .rawText
    }
    // Kind 6: < or </ + block tag name + space, tab, end of line, '>' or '/>'.
    var j = 1
    if at(s, j) == UInt8(ascii: "/") { j += 1 }
    let nameStart = j
    while ByteClass.isLetter(at(s, j)) || ByteClass.isDigit(at(s, j)) { j += 1 }
    let name6 = String(decoding: s[nameStart..<j], as: UTF8.self).lowercased()
    let after6 = at(s, j)
    if blockTagNames.contains(name6)
      && (ByteClass.isSpaceOrTab(after6) || ByteClass.isLineEnding(after6) || after6 == UInt8(ascii: ">")
        || (after6 == UInt8(ascii: "/") && at(s, j + 1) == UInt8(ascii: ">")))
    {
      return .blockTag
    }
    return nil
  }

  /// Kind 7: a complete open tag (not pre/script/style/textarea) or closing tag
  /// (`HTMLTagGrammar`), followed only by spaces or tabs. May not interrupt a paragraph.
  static func isCompleteTagLine(_ s: [UInt8]) -> Bool {
    guard let tag = HTMLTagGrammar.tag(in: s, at: 0) else { return false }
    if !tag.isClosing && kind1Names.contains(tag.name) { return false }
    var i = tag.end
    while ByteClass.isSpaceOrTab(at(s, i)) { i += 1 }
    return ByteClass.isLineEnding(at(s, i))
  }

  /// Whether the line (from its first non-space character) meets the end condition of `kind`.
  /// Kinds 6 and 7 end at a blank line instead, so they never end here.
  static func endConditionMet(kind: HTMLBlockKind, in s: [UInt8]) -> Bool {
    switch kind {
    case .rawText:
      return contains(s, "</script>", caseInsensitive: true) || contains(s, "</pre>", caseInsensitive: true)
        || contains(s, "</style>", caseInsensitive: true) || contains(s, "</textarea>", caseInsensitive: true)
    case .comment: return contains(s, "-->")
    case .processingInstruction: return contains(s, "?>")
    case .declaration: return s.contains(UInt8(ascii: ">"))
    case .cdata: return contains(s, "]]>")
    case .blockTag, .completeTag: return false
    }
  }

  private static func contains(_ s: [UInt8], _ needle: String, caseInsensitive: Bool = false) -> Bool {
    let n = Array(needle.utf8)
    guard s.count >= n.count else { return false }
    for start in 0...(s.count - n.count)
    where hasPrefix(Array(s[start..<(start + n.count)]), needle, caseInsensitive: caseInsensitive) {
      return true
    }
    return false
  }
}
