import Notebook

extension MathSpanScanner {
  /// The TeX of a span. For display math opened inside a block quote, the quote markers of
  /// continuation lines are dropped (they belong to the Markdown, not to the formula).
  func texText(_ content: ArraySlice<UInt8>, display: Bool, openingAt start: Int) -> String {
    let depth = display ? quoteDepth(ofLineContaining: start) : 0
    guard depth > 0, content.contains(where: ByteClass.isLineEnding) else {
      return String(decoding: content, as: UTF8.self)
    }
    var out = [UInt8]()
    var i = content.startIndex
    var atLineStart = false
    while i < content.endIndex {
      if atLineStart {
        i = skipQuoteMarkers(from: i, upTo: content.endIndex, count: depth)
        atLineStart = false
        continue
      }
      let byte = content[i]
      out.append(byte)
      if ByteClass.isLineEnding(byte) {
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
    while lineStart > 0, !ByteClass.isLineEnding(bytes[lineStart - 1]) { lineStart -= 1 }
    var depth = 0
    var i = lineStart
    while let next = quoteMarkerEnd(from: i, upTo: bytes.count) {
      depth += 1
      i = next
    }
    return depth
  }

  /// Index after up to `count` block-quote markers starting at `from`, none reaching `limit`.
  private func skipQuoteMarkers(from: Int, upTo limit: Int, count: Int) -> Int {
    var i = from
    for _ in 0..<count {
      guard let next = quoteMarkerEnd(from: i, upTo: limit) else { break }
      i = next
    }
    return i
  }

  /// If one block-quote marker (up to 3 spaces, `>`, an optional space) starts at `from`, the
  /// index after it; bytes at `limit` and beyond are not looked at.
  private func quoteMarkerEnd(from: Int, upTo limit: Int) -> Int? {
    var j = from
    var spaces = 0
    while j < limit, bytes[j] == 0x20, spaces < 3 {
      j += 1
      spaces += 1
    }
    guard j < limit, bytes[j] == UInt8(ascii: ">") else { return nil }
    j += 1
    if j < limit, bytes[j] == 0x20 { j += 1 }
    return j
  }
}
