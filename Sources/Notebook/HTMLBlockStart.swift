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

  private static func at(_ s: [UInt8], _ i: Int) -> UInt8 { i < s.count ? s[i] : 0 }
  private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
  private static func isSpaceOrTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
  private static func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D || c == 0 }

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
  static func kind(of s: [UInt8]) -> Int? {
    guard at(s, 0) == UInt8(ascii: "<") else { return nil }
    if hasPrefix(s, "<!--") { return 2 }
    if hasPrefix(s, "<?") { return 3 }
    if hasPrefix(s, "<![CDATA[") { return 5 }
    if at(s, 1) == UInt8(ascii: "!") && isLetter(at(s, 2)) { return 4 }
    // Kind 1: <pre, <script, <style, <textarea + space, tab, '>' or end of line.
    var i = 1
    while isLetter(at(s, i)) { i += 1 }
    let name1 = String(decoding: s[1..<i], as: UTF8.self).lowercased()
    let after1 = at(s, i)
    if kind1Names.contains(name1)
      && (isSpaceOrTab(after1) || after1 == UInt8(ascii: ">") || isLineEnd(after1))
    {
      return 1
    }
    // Kind 6: < or </ + block tag name + space, tab, end of line, '>' or '/>'.
    var j = 1
    if at(s, j) == UInt8(ascii: "/") { j += 1 }
    let nameStart = j
    while isLetter(at(s, j)) || isDigit(at(s, j)) { j += 1 }
    let name6 = String(decoding: s[nameStart..<j], as: UTF8.self).lowercased()
    let after6 = at(s, j)
    if blockTagNames.contains(name6)
      && (isSpaceOrTab(after6) || isLineEnd(after6) || after6 == UInt8(ascii: ">")
        || (after6 == UInt8(ascii: "/") && at(s, j + 1) == UInt8(ascii: ">")))
    {
      return 6
    }
    return nil
  }

  /// Kind 7: a complete open tag (not pre/script/style/textarea) or closing tag, followed only by
  /// spaces or tabs. May not interrupt a paragraph.
  static func isKind7(_ s: [UInt8]) -> Bool {
    guard at(s, 0) == UInt8(ascii: "<") else { return false }
    var i = 1
    let closing = at(s, i) == UInt8(ascii: "/")
    if closing { i += 1 }
    guard isLetter(at(s, i)) else { return false }
    let nameStart = i
    while isLetter(at(s, i)) || isDigit(at(s, i)) || at(s, i) == UInt8(ascii: "-") { i += 1 }
    let name = String(decoding: s[nameStart..<i], as: UTF8.self).lowercased()
    if closing {
      while isSpaceOrTab(at(s, i)) { i += 1 }
      guard at(s, i) == UInt8(ascii: ">") else { return false }
      i += 1
    } else {
      if kind1Names.contains(name) { return false }
      // Attributes: whitespace, name, optional value specification.
      while true {
        var j = i
        while isSpaceOrTab(at(s, j)) { j += 1 }
        guard j > i, isAttributeNameStart(at(s, j)) else { break }
        j += 1
        while isAttributeNameChar(at(s, j)) { j += 1 }
        // Optional value specification.
        var k = j
        while isSpaceOrTab(at(s, k)) { k += 1 }
        if at(s, k) == UInt8(ascii: "=") {
          k += 1
          while isSpaceOrTab(at(s, k)) { k += 1 }
          guard let end = attributeValueEnd(s, k) else { return false }
          j = end
        }
        i = j
      }
      while isSpaceOrTab(at(s, i)) { i += 1 }
      if at(s, i) == UInt8(ascii: "/") { i += 1 }
      guard at(s, i) == UInt8(ascii: ">") else { return false }
      i += 1
    }
    while isSpaceOrTab(at(s, i)) { i += 1 }
    return isLineEnd(at(s, i))
  }

  private static func isAttributeNameStart(_ c: UInt8) -> Bool {
    isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":")
  }

  private static func isAttributeNameChar(_ c: UInt8) -> Bool {
    isAttributeNameStart(c) || isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
  }

  /// End index of an unquoted, single- or double-quoted attribute value starting at `k`.
  private static func attributeValueEnd(_ s: [UInt8], _ k: Int) -> Int? {
    let q = at(s, k)
    if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
      var j = k + 1
      while j < s.count && s[j] != q && !isLineEnd(s[j]) { j += 1 }
      return at(s, j) == q ? j + 1 : nil
    }
    let forbidden: Set<UInt8> = Set(" \t\n\r\"'=<>`".utf8)
    var j = k
    while j < s.count && !forbidden.contains(s[j]) { j += 1 }
    return j > k ? j : nil
  }

  /// Whether the line (from its first non-space character) meets the end condition of `kind`.
  /// Kinds 6 and 7 end at a blank line instead, so they never end here.
  static func endConditionMet(kind: Int, in s: [UInt8]) -> Bool {
    switch kind {
    case 1:
      return contains(s, "</script>", caseInsensitive: true) || contains(s, "</pre>", caseInsensitive: true)
        || contains(s, "</style>", caseInsensitive: true) || contains(s, "</textarea>", caseInsensitive: true)
    case 2: return contains(s, "-->")
    case 3: return contains(s, "?>")
    case 4: return s.contains(UInt8(ascii: ">"))
    case 5: return contains(s, "]]>")
    default: return false
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
