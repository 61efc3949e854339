import Notebook

/// Raw HTML from a notebook's prose, made unable to run script (as GitHub does after its tag
/// filter): an element allowlist, no event handler attributes, no script URLs.
///
/// `MarkdownHTML` passes raw HTML through (`CMARK_OPT_UNSAFE`) and cmark-gfm's `tagfilter`
/// only neutralises nine tags (`<script>`, `<iframe>`, …), so without this filter
/// `<img src=x onerror=alert(1)>` or `<a href="javascript:…">` in prose would run.
///
/// Rules, applied to the literal text of each raw HTML node:
/// * Start tags are read with the HTML tokenizer's rules (tag name up to white space, `/` or
///   `>`; attributes with double-quoted, single-quoted or unquoted values; `/` between
///   attributes), then written back canonically: `<name attr="value" …>` with `"` in values
///   as `&quot;`, and ` />` when self-closing. Writing back what was read means the browser
///   parses exactly the attributes that were checked.
/// * Only `allowedElements` survive; any other tag (including `<svg>`, `<math>`, `<noscript>`,
///   `<style>`, `<textarea>`, `<object>`, `<form>`, `<base>`, …), an unterminated tag, `<!…>`
///   other than a comment, `<?…>` and a stray `<` get their `<` written as `&lt;`, so they
///   show as text. The browser therefore never leaves its ordinary "data" tokenizer state
///   (no raw text element, no foreign content, no CDATA) and reads the rest as we do.
/// * Attributes named `on…`, `srcdoc`, `srcset`, `ping`, `style`, or with a name other than
///   `[a-z_:][a-z0-9_:.-]*`, are dropped; a URL attribute (`href`, `src`, `action`, …) is
///   dropped unless `isSafeURL` accepts its value.
/// * End tags of allowed elements become `</name>` (attributes of end tags mean nothing).
/// * Comments are kept, ending where the browser ends them: `<!-->`, `<!--->`, or the first
///   `-->` or `--!>`; an unterminated comment is shown as text.
/// Text between tags is unchanged. Deterministic.
enum RawHTMLFilter {
  /// Elements kept (GitHub's sanitizer allowlist, plus `u`, `col`, `colgroup`).
  static let allowedElements: Set<String> = [
    "a", "abbr", "b", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp",
    "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
  ]

  /// Attributes whose value is a URL, kept only when `isSafeURL` accepts it.
  static let urlAttributes: Set<String> = [
    "href", "src", "cite", "longdesc", "action", "formaction", "background", "poster", "data", "codebase",
    "xlink:href", "usemap", "dynsrc", "lowsrc", "manifest",
  ]

  /// Attributes always dropped (besides every `on…` attribute). `style` goes as in GitHub's
  /// sanitizer: with it, prose could lay a full-page overlay (`position: fixed`) over the report.
  static let droppedAttributes: Set<String> = ["srcdoc", "srcset", "ping", "style"]

  /// The raw HTML `html` with the rules above applied.
  static func sanitize(_ html: String) -> String {
    let bytes = Array(html.utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    let lessThan = Array("&lt;".utf8)
    var i = 0
    while i < bytes.count {
      guard bytes[i] == UInt8(ascii: "<") else {
        out.append(bytes[i])
        i += 1
        continue
      }
      if let end = commentEnd(bytes, at: i) {
        out.append(contentsOf: bytes[i..<end])
        i = end
      } else if let tag = readTag(bytes, at: i), allowedElements.contains(tag.name) {
        out.append(contentsOf: serialize(tag).utf8)
        i = tag.end
      } else {
        out.append(contentsOf: lessThan)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether a URL may stay in a link or image: after decoding character references and
  /// removing every control character and space (as browsers ignore them around and inside a
  /// scheme), its scheme is none of `javascript`, `vbscript`, `file`, and not `data` unless it
  /// is `data:image/png`, `gif`, `jpeg` or `webp` (cmark-gfm's rule for its safe mode). A
  /// reference left undecoded before the first `/`, `?` or `#` makes the URL unsafe.
  static func isSafeURL(_ url: String) -> Bool {
    let decoded = decodeCharacterReferences(url)
    let compact = String(
      String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
    )
    .lowercased()
    let head = compact.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if head.contains("&") { return false }
    guard let colon = head.firstIndex(of: ":") else { return true }
    switch head[..<colon] {
    case "javascript", "vbscript", "file": return false
    case "data":
      return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
        compact.hasPrefix($0)
      }
    default: return true
    }
  }

  // MARK: Tokenizing

  /// A start or end tag as the browser reads it.
  struct Tag {
    var name: String
    var isEnd: Bool
    var attributes: [(name: String, value: String?)]
    var selfClosing: Bool
    /// Index after the closing `>`.
    var end: Int
  }

  private static func lowercased(_ s: ArraySlice<UInt8>) -> String {
    String(decoding: s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// If a comment starts at `start`, the index after its end (the browser's rules); nil for
  /// anything else, including an unterminated comment.
  private static func commentEnd(_ b: [UInt8], at start: Int) -> Int? {
    let open = Array("<!--".utf8)
    guard start + open.count <= b.count, Array(b[start..<(start + open.count)]) == open else { return nil }
    var j = start + open.count
    if j < b.count, b[j] == UInt8(ascii: ">") { return j + 1 }
    if j + 1 < b.count, b[j] == UInt8(ascii: "-"), b[j + 1] == UInt8(ascii: ">") { return j + 2 }
    while j + 2 < b.count {
      if b[j] == UInt8(ascii: "-"), b[j + 1] == UInt8(ascii: "-") {
        if b[j + 2] == UInt8(ascii: ">") { return j + 3 }
        if j + 3 < b.count, b[j + 2] == UInt8(ascii: "!"), b[j + 3] == UInt8(ascii: ">") { return j + 4 }
      }
      j += 1
    }
    return nil
  }

  /// Reads a start tag `<name …>` or end tag `</name …>` at `start` with the HTML tokenizer's
  /// rules; nil when none starts there or it is not closed by `>`.
  static func readTag(_ b: [UInt8], at start: Int) -> Tag? {
    var j = start + 1
    let isEnd = j < b.count && b[j] == UInt8(ascii: "/")
    if isEnd { j += 1 }
    guard j < b.count, ByteClass.isLetter(b[j]) else { return nil }
    let nameStart = j
    while j < b.count, !ByteClass.isWhitespace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">") {
      j += 1
    }
    var tag = Tag(
      name: lowercased(b[nameStart..<j]), isEnd: isEnd, attributes: [], selfClosing: false, end: 0)
    while true {
      while j < b.count, ByteClass.isWhitespace(b[j]) { j += 1 }
      guard j < b.count else { return nil }
      if b[j] == UInt8(ascii: ">") {
        tag.end = j + 1
        return tag
      }
      if b[j] == UInt8(ascii: "/") {
        j += 1
        if j < b.count, b[j] == UInt8(ascii: ">") {
          tag.selfClosing = true
          tag.end = j + 1
          return tag
        }
        continue
      }
      // Attribute name: its first character may be '='.
      let attributeStart = j
      j += 1
      while j < b.count, !ByteClass.isWhitespace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">"),
        b[j] != UInt8(ascii: "=")
      {
        j += 1
      }
      let name = lowercased(b[attributeStart..<j])
      while j < b.count, ByteClass.isWhitespace(b[j]) { j += 1 }
      guard j < b.count else { return nil }
      guard b[j] == UInt8(ascii: "=") else {
        tag.attributes.append((name, nil))
        continue
      }
      j += 1
      while j < b.count, ByteClass.isWhitespace(b[j]) { j += 1 }
      guard j < b.count else { return nil }
      let quote = b[j]
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        let valueStart = j + 1
        j = valueStart
        while j < b.count, b[j] != quote { j += 1 }
        guard j < b.count else { return nil }
        tag.attributes.append((name, String(decoding: b[valueStart..<j], as: UTF8.self)))
        j += 1
      } else if quote == UInt8(ascii: ">") {
        tag.attributes.append((name, ""))
      } else {
        let valueStart = j
        while j < b.count, !ByteClass.isWhitespace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
        tag.attributes.append((name, String(decoding: b[valueStart..<j], as: UTF8.self)))
      }
    }
  }

  /// The tag written back with only the attributes that may stay.
  private static func serialize(_ tag: Tag) -> String {
    if tag.isEnd { return "</\(tag.name)>" }
    var s = "<" + tag.name
    for (name, value) in tag.attributes where keeps(name, value) {
      s += " " + name
      if let value { s += "=\"" + value.replacingOccurrences(of: "\"", with: "&quot;") + "\"" }
    }
    return s + (tag.selfClosing ? " />" : ">")
  }

  /// Whether an attribute survives.
  private static func keeps(_ name: String, _ value: String?) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first == ":" || ("a"..."z").contains(first),
      name.unicodeScalars.allSatisfy({
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == ":" || $0 == "."
          || $0 == "-"
      })
    else { return false }
    if name.hasPrefix("on") || droppedAttributes.contains(name) { return false }
    if urlAttributes.contains(name) { return isSafeURL(value ?? "") }
    return true
  }

  /// Numeric character references (`&#106;`, `&#x6A;`, semicolon optional) and the named
  /// ones that spell URL punctuation or white space, decoded; other text unchanged.
  static func decodeCharacterReferences(_ s: String) -> String {
    guard s.contains("&") else { return s }
    let named: [String: String] = [
      "amp": "&", "colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "quest": "?", "num": "#",
      "lpar": "(", "rpar": ")", "period": ".", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
    ]
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      guard scalars[i] == "&", i + 1 < scalars.count else {
        out.append(scalars[i])
        i += 1
        continue
      }
      var j = i + 1
      if scalars[j] == "#" {
        j += 1
        let hex = j < scalars.count && (scalars[j] == "x" || scalars[j] == "X")
        if hex { j += 1 }
        let digitsStart = j
        while j < scalars.count,
          hex ? scalars[j].properties.isASCIIHexDigit : ("0"..."9").contains(scalars[j])
        {
          j += 1
        }
        let digits = String(String.UnicodeScalarView(scalars[digitsStart..<j]))
        if !digits.isEmpty, let code = UInt32(digits.prefix(8), radix: hex ? 16 : 10) {
          out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
          if j < scalars.count, scalars[j] == ";" { j += 1 }
          i = j
          continue
        }
      } else {
        while j < scalars.count, scalars[j].properties.isAlphabetic, scalars[j].isASCII { j += 1 }
        let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
        if let value = named[name] {
          out.append(contentsOf: value.unicodeScalars)
          if j < scalars.count, scalars[j] == ";" { j += 1 }
          i = j
          continue
        }
      }
      out.append(scalars[i])
      i += 1
    }
    return String(out)
  }
}
