import Notebook

/// The byte-level scanner behind `MathSpans.extract`: copies the Markdown to `output`, with
/// each math span replaced by its placeholder and recorded in `spans`.
struct MathSpanScanner {
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
      if ByteClass.isLineEnding(byte) {
        line += 1
        blank.append(true)
      } else if !(ByteClass.isSpaceOrTab(byte) || byte == UInt8(ascii: ">")) {
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
  func mayContinue(fromLine from: Int32, toLine to: Int32, display: Bool) -> Bool {
    let next = Int(to)
    if lines.protected.contains(next) { return false }
    if next < blankLine.count, blankLine[next] { return false }
    if display { return true }
    guard let a = lines.block[Int(from)], let b = lines.block[next] else { return false }
    return a == b
  }

  /// Checks the span boundary when moving from byte `j - 1` to byte `j`.
  func crossesAllowed(_ j: Int, startLine: Int32, display: Bool) -> Bool {
    if j == 0 || lineOf[j] == lineOf[j - 1] { return true }
    return mayContinue(fromLine: startLine, toLine: lineOf[j], display: display)
  }

  /// The end (exclusive) of the code span starting with the backtick run at `start`, or the
  /// end of the run itself when no run of the same length closes it (CommonMark).
  func codeSpanEnd(at start: Int) -> Int {
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
  func mathEnd(at start: Int) -> (Int, Bool)? {
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
          return content.contains(where: { !ByteClass.isWhitespace($0) }) ? (j, true) : nil
        }
        j += 1
      }
      return nil
    }
    guard start + 1 < bytes.count, !ByteClass.isWhitespace(bytes[start + 1]) else { return nil }
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
        if ByteClass.isWhitespace(bytes[j - 1]) { return nil }
        if j + 1 < bytes.count, ByteClass.isDigit(bytes[j + 1]) { return nil }
        return (j, false)
      }
      j += 1
    }
    return nil
  }
}
