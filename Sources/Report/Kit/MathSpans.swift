/// Per-line facts about a Markdown source, from a cmark parse with source positions.
struct SourceLineMap: Sendable {
  /// 1-based lines inside code blocks or HTML blocks: copied verbatim, no math.
  var protected = Set<Int>()
  /// 1-based line → id of the innermost block containing it (absent for blank lines).
  var block = [Int: Int]()
}

/// TeX math in Markdown, swapped for placeholders before Markdown parsing and put back after.
///
/// Markdown parsers damage TeX (`\{` → `{`, `\\` → `\`, `$x*y*z$` gets `<em>`), so every math
/// span is replaced by an inert word such as `GBMATHPLACEHOLDER7X` before cmark sees the text,
/// and the HTML gets the original TeX back, HTML-escaped.
///
/// Delimiters follow pandoc's `tex_math_dollars`:
/// * `$$…$$` is display math; it may span lines but not a blank line; non-empty.
/// * `$…$` is inline math when the opening `$` is followed by a non-space character, and the
///   first later unescaped `$` is preceded by a non-space character and not followed by a
///   digit (otherwise there is no math at that opening `$`: `$5 and $6` stays text). It may
///   continue on the next line of the same paragraph, never across a blank line or into
///   another block, and never contains a backtick (code spans bind tighter, so in
///   ``$5 and `$x$` `` the code span wins).
/// * A backslash escapes the next character: `\$` is never a delimiter, in or out of math.
/// * No math inside code spans (`` `$x$` ``), fenced or indented code blocks, HTML blocks,
///   inline HTML tags (`<span title="$5">`), HTML comments or `<…>` autolinks.
/// Inside display math that starts in a block quote, the quote markers (`> `) of its
/// continuation lines are not part of the TeX.
struct MathSpans {
  /// One math span: the TeX between the delimiters (exact source bytes), whether it is
  /// display math, and the whole source text including delimiters.
  struct Span: Equatable {
    var tex: String
    var display: Bool
    var source: String
  }

  /// The Markdown with every math span replaced by its placeholder.
  var text: String
  /// Placeholder prefix: `GBMATHPLACEHOLDER`, lengthened with `Q`s until it does not occur in
  /// the source, so user text can never be mistaken for a placeholder.
  var prefix: String
  /// The spans, in source order; span `i` has placeholder `prefix + "\(i)" + "X"`.
  var spans: [Span]

  /// The placeholder word standing for span `index`.
  func placeholder(_ index: Int) -> String { prefix + String(index) + "X" }

  /// Finds the math spans of `markdown` (see the type's rules) and replaces them by
  /// placeholders. `lines` says which lines are code or HTML and which block each line is in.
  static func extract(from markdown: String, lines: SourceLineMap) -> MathSpans {
    var prefix = "GBMATHPLACEHOLDER"
    while markdown.contains(prefix) { prefix += "Q" }
    var scanner = Scanner(bytes: Array(markdown.utf8), lines: lines, prefix: prefix)
    scanner.run()
    return MathSpans(
      text: String(decoding: scanner.output, as: UTF8.self), prefix: prefix, spans: scanner.spans)
  }

  /// Replaces each placeholder in `html` by its math: in text,
  /// `<span class="math inline">\(TeX\)</span>` or `<span class="math display">\[TeX\]</span>`
  /// with the TeX HTML-escaped; inside a tag (an `alt` or `href` attribute, raw HTML), the
  /// HTML-escaped source text with its dollars. Unknown placeholder numbers are left alone.
  func restore(into html: String) -> String {
    if spans.isEmpty { return html }
    let bytes = Array(html.utf8)
    let prefixBytes = Array(prefix.utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var inTag = false
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "<") {
        inTag = true
      } else if byte == UInt8(ascii: ">") {
        inTag = false
      } else if byte == prefixBytes[0], let (index, length) = placeholderAt(i, in: bytes, prefixBytes),
        index < spans.count
      {
        let span = spans[index]
        let replacement: String
        if inTag {
          replacement = HTMLText.escape(span.source)
        } else if span.display {
          replacement = "<span class=\"math display\">\\[" + HTMLText.escape(span.tex) + "\\]</span>"
        } else {
          replacement = "<span class=\"math inline\">\\(" + HTMLText.escape(span.tex) + "\\)</span>"
        }
        out.append(contentsOf: replacement.utf8)
        i += length
        continue
      }
      out.append(byte)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// If `bytes[start...]` begins with `prefix digits X`, the number and the total length.
  private func placeholderAt(_ start: Int, in bytes: [UInt8], _ prefixBytes: [UInt8]) -> (Int, Int)? {
    let end = start + prefixBytes.count
    guard end < bytes.count, Array(bytes[start..<end]) == prefixBytes else { return nil }
    var j = end
    var value = 0
    while j < bytes.count, isDigit(bytes[j]), j - end < 9 {
      value = value * 10 + Int(bytes[j] - UInt8(ascii: "0"))
      j += 1
    }
    guard j > end, j < bytes.count, bytes[j] == UInt8(ascii: "X") else { return nil }
    return (value, j + 1 - start)
  }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
private func isSpace(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
}
private func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
private func isLetter(_ byte: UInt8) -> Bool {
  (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

/// The byte-level scanner behind `MathSpans.extract`.
private struct Scanner {
  let bytes: [UInt8]
  let lines: SourceLineMap
  let prefix: String
  /// 1-based line number of every byte (a line ending belongs to the line it ends).
  var lineOf: [Int32]
  /// Per 1-based line: only white space and block-quote markers.
  var blankLine: [Bool]
  var output = [UInt8]()
  var spans = [MathSpans.Span]()

  init(bytes: [UInt8], lines: SourceLineMap, prefix: String) {
    self.bytes = bytes
    self.lines = lines
    self.prefix = prefix
    var lineOf = [Int32](repeating: 0, count: bytes.count)
    var blank: [Bool] = [true, true]  // index 0 unused; line 1 starts blank until a byte says no
    var line: Int32 = 1
    var i = 0
    while i < bytes.count {
      lineOf[i] = line
      let byte = bytes[i]
      if byte == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
        lineOf[i + 1] = line
        i += 1
      }
      if isLineEnd(byte) {
        line += 1
        blank.append(true)
      } else if !(byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">")) {
        blank[Int(line)] = false
      }
      i += 1
    }
    self.lineOf = lineOf
    self.blankLine = blank
    output.reserveCapacity(bytes.count)
  }

  mutating func run() {
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if lines.protected.contains(Int(lineOf[i])) {
        output.append(byte)
        i += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "\\"):
        let end = min(i + 2, bytes.count)
        output.append(contentsOf: bytes[i..<end])
        i = end
      case UInt8(ascii: "`"):
        let end = codeSpanEnd(at: i)
        output.append(contentsOf: bytes[i..<end])
        i = end
      case UInt8(ascii: "<"):
        let end = htmlEnd(at: i) ?? (i + 1)
        output.append(contentsOf: bytes[i..<end])
        i = end
      case UInt8(ascii: "$"):
        if let (contentEnd, display) = mathEnd(at: i) {
          let open = display ? 2 : 1
          let source = String(decoding: bytes[i..<(contentEnd + open)], as: UTF8.self)
          let tex = texText(bytes[(i + open)..<contentEnd], display: display, openingAt: i)
          output.append(contentsOf: (prefix + String(spans.count) + "X").utf8)
          spans.append(MathSpans.Span(tex: tex, display: display, source: source))
          i = contentEnd + open
        } else {
          let count = (i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "$")) ? 2 : 1
          output.append(contentsOf: bytes[i..<(i + count)])
          i += count
        }
      default:
        output.append(byte)
        i += 1
      }
    }
  }

  /// Whether a span that started on `from` may continue on the next line `to`.
  /// Never into a protected or blank line; inline spans (and code spans, HTML tags) only
  /// within one block.
  private func mayContinue(fromLine from: Int32, toLine to: Int32, display: Bool) -> Bool {
    let next = Int(to)
    if lines.protected.contains(next) { return false }
    if next < blankLine.count, blankLine[next] { return false }
    if display { return true }
    guard let a = lines.block[Int(from)], let b = lines.block[next] else { return false }
    return a == b
  }

  /// Checks the span boundary when moving from byte `j - 1` to byte `j`.
  private func crossesAllowed(_ j: Int, startLine: Int32, display: Bool) -> Bool {
    if j == 0 || lineOf[j] == lineOf[j - 1] { return true }
    return mayContinue(fromLine: startLine, toLine: lineOf[j], display: display)
  }

  /// The end (exclusive) of the code span starting with the backtick run at `start`, or the
  /// end of the run itself when no run of the same length closes it (CommonMark).
  private func codeSpanEnd(at start: Int) -> Int {
    var runEnd = start
    while runEnd < bytes.count, bytes[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
    let length = runEnd - start
    var j = runEnd
    while j < bytes.count {
      if !crossesAllowed(j, startLine: lineOf[start], display: false) { break }
      if bytes[j] == UInt8(ascii: "`") {
        var k = j
        while k < bytes.count, bytes[k] == UInt8(ascii: "`") { k += 1 }
        if k - j == length { return k }
        j = k
      } else {
        j += 1
      }
    }
    return runEnd
  }

  /// If a math span opens at the `$` at `start`, the index of its closing delimiter and
  /// whether it is display math.
  private func mathEnd(at start: Int) -> (Int, Bool)? {
    let dollar = UInt8(ascii: "$")
    let startLine = lineOf[start]
    if start + 1 < bytes.count, bytes[start + 1] == dollar {
      var j = start + 2
      while j < bytes.count {
        if !crossesAllowed(j, startLine: startLine, display: true) { return nil }
        if bytes[j] == UInt8(ascii: "\\") {
          j += 2
          continue
        }
        if bytes[j] == dollar, j + 1 < bytes.count, bytes[j + 1] == dollar {
          let content = bytes[(start + 2)..<j]
          return content.contains(where: { !isSpace($0) }) ? (j, true) : nil
        }
        j += 1
      }
      return nil
    }
    guard start + 1 < bytes.count, !isSpace(bytes[start + 1]) else { return nil }
    var j = start + 1
    while j < bytes.count {
      if !crossesAllowed(j, startLine: startLine, display: false) { return nil }
      if bytes[j] == UInt8(ascii: "\\") {
        j += 2
        continue
      }
      // Code spans bind tighter than math (CommonMark gives backticks precedence), so a
      // backtick ends the attempt: in `$5 and `$x$``, the code span wins.
      if bytes[j] == UInt8(ascii: "`") { return nil }
      if bytes[j] == dollar {
        if isSpace(bytes[j - 1]) { return nil }
        if j + 1 < bytes.count, isDigit(bytes[j + 1]) { return nil }
        return (j, false)
      }
      j += 1
    }
    return nil
  }

  /// The TeX of a span. For display math opened inside a block quote, the quote markers of
  /// continuation lines are dropped (they belong to the Markdown, not to the formula).
  private func texText(_ content: ArraySlice<UInt8>, display: Bool, openingAt start: Int) -> String {
    let depth = display ? quoteDepth(ofLineContaining: start) : 0
    guard depth > 0, content.contains(where: isLineEnd) else {
      return String(decoding: content, as: UTF8.self)
    }
    var out = [UInt8]()
    var i = content.startIndex
    var atLineStart = false
    while i < content.endIndex {
      if atLineStart {
        i = skipQuoteMarkers(in: content, from: i, count: depth)
        atLineStart = false
        continue
      }
      let byte = content[i]
      out.append(byte)
      if isLineEnd(byte) {
        if byte == 0x0D, i + 1 < content.endIndex, content[i + 1] == 0x0A {
          out.append(0x0A)
          i += 1
        }
        atLineStart = true
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Number of leading `>` block-quote markers on the line containing byte `index`.
  private func quoteDepth(ofLineContaining index: Int) -> Int {
    var lineStart = index
    while lineStart > 0, !isLineEnd(bytes[lineStart - 1]) { lineStart -= 1 }
    var depth = 0
    var i = lineStart
    while true {
      var spaces = 0
      while i < bytes.count, bytes[i] == 0x20, spaces < 3 {
        i += 1
        spaces += 1
      }
      guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { break }
      depth += 1
      i += 1
      if i < bytes.count, bytes[i] == 0x20 { i += 1 }
    }
    return depth
  }

  /// Index after up to `count` block-quote markers (`   > `) starting at `from`.
  private func skipQuoteMarkers(in content: ArraySlice<UInt8>, from: Int, count: Int) -> Int {
    var i = from
    for _ in 0..<count {
      var j = i
      var spaces = 0
      while j < content.endIndex, content[j] == 0x20, spaces < 3 {
        j += 1
        spaces += 1
      }
      guard j < content.endIndex, content[j] == UInt8(ascii: ">") else { break }
      j += 1
      if j < content.endIndex, content[j] == 0x20 { j += 1 }
      i = j
    }
    return i
  }

  /// If raw inline HTML the way CommonMark recognises it (an open tag with valid attributes,
  /// a closing tag, a comment) or an autolink `<scheme:…>` starts at `start`, its end.
  private func htmlEnd(at start: Int) -> Int? {
    var j = start + 1
    guard j < bytes.count else { return nil }
    let startLine = lineOf[start]
    if bytes[j] == UInt8(ascii: "!") {
      // Comment <!-- … -->, within one block.
      guard j + 2 < bytes.count, bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] == UInt8(ascii: "-")
      else { return nil }
      var k = j + 3
      while k + 2 < bytes.count {
        if !crossesAllowed(k, startLine: startLine, display: false) { return nil }
        if bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == UInt8(ascii: "-"), bytes[k + 2] == UInt8(ascii: ">")
        {
          return k + 3
        }
        k += 1
      }
      return nil
    }
    let closing = bytes[j] == UInt8(ascii: "/")
    if closing { j += 1 }
    guard j < bytes.count, isLetter(bytes[j]) else { return nil }
    var nameEnd = j
    while nameEnd < bytes.count, isLetter(bytes[nameEnd]) || isDigit(bytes[nameEnd]) || bytes[nameEnd] == 0x2D
    {
      nameEnd += 1
    }
    if !closing, let end = autolinkEnd(schemeStart: j) { return end }
    j = nameEnd
    if closing {
      while j < bytes.count, isSpace(bytes[j]) { j += 1 }
      return j < bytes.count && bytes[j] == UInt8(ascii: ">") ? j + 1 : nil
    }
    // Attributes: (whitespace+ name (= value)?)* whitespace* /? >
    while j < bytes.count {
      var k = j
      while k < bytes.count, isSpace(bytes[k]) {
        if !crossesAllowed(k, startLine: startLine, display: false) { return nil }
        k += 1
      }
      guard k < bytes.count else { return nil }
      if bytes[k] == UInt8(ascii: ">") { return k + 1 }
      if bytes[k] == UInt8(ascii: "/") {
        return k + 1 < bytes.count && bytes[k + 1] == UInt8(ascii: ">") ? k + 2 : nil
      }
      guard k > j, let afterAttribute = attributeEnd(at: k, startLine: startLine) else { return nil }
      j = afterAttribute
    }
    return nil
  }

  /// End of one attribute `name` or `name = value` starting at `start`, or nil.
  private func attributeEnd(at start: Int, startLine: Int32) -> Int? {
    func isNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F || b == 0x3A }
    func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) || b == 0x2E || b == 0x2D }
    guard isNameStart(bytes[start]) else { return nil }
    var j = start + 1
    while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
    var k = j
    while k < bytes.count, isSpace(bytes[k]) { k += 1 }
    guard k < bytes.count, bytes[k] == UInt8(ascii: "=") else { return j }
    k += 1
    while k < bytes.count, isSpace(bytes[k]) { k += 1 }
    guard k < bytes.count else { return nil }
    let quote = bytes[k]
    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      var m = k + 1
      while m < bytes.count, bytes[m] != quote {
        if !crossesAllowed(m, startLine: startLine, display: false) { return nil }
        m += 1
      }
      return m < bytes.count ? m + 1 : nil
    }
    var m = k
    let forbidden: Set<UInt8> = [0x22, 0x27, 0x3D, 0x3C, 0x3E, 0x60]
    while m < bytes.count, !isSpace(bytes[m]), !forbidden.contains(bytes[m]) { m += 1 }
    return m > k ? m : nil
  }

  /// End of an autolink `<scheme:…>` (scheme 2–32 characters, no spaces or `<` before `>`).
  private func autolinkEnd(schemeStart: Int) -> Int? {
    var j = schemeStart
    while j < bytes.count,
      isLetter(bytes[j]) || isDigit(bytes[j]) || bytes[j] == 0x2B || bytes[j] == 0x2E || bytes[j] == 0x2D
    {
      j += 1
    }
    let schemeLength = j - schemeStart
    guard (2...32).contains(schemeLength), j < bytes.count, bytes[j] == UInt8(ascii: ":") else { return nil }
    while j < bytes.count {
      let byte = bytes[j]
      if byte == UInt8(ascii: ">") { return j + 1 }
      if isSpace(byte) || byte == UInt8(ascii: "<") || byte < 0x20 { return nil }
      j += 1
    }
    return nil
  }
}
