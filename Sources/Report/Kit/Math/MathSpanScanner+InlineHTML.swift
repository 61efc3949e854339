import Notebook

extension MathSpanScanner {
  /// If raw inline HTML the way CommonMark recognises it (an open or closing tag by
  /// `HTMLTagGrammar`, a comment) or an autolink `<scheme:…>` starts at `start`, its end.
  /// None of them reaches into another block or a blank line (`crossesAllowed`).
  func htmlEnd(at start: Int) -> Int? {
    let j = start + 1
    guard j < bytes.count else { return nil }
    let startLine = lineOf[start]
    if bytes[j] == UInt8(ascii: "!") { return commentEnd(at: start, startLine: startLine) }
    if bytes[j] != UInt8(ascii: "/"), let end = autolinkEnd(schemeStart: j) { return end }
    let tag = HTMLTagGrammar.tag(in: bytes, at: start) {
      crossesAllowed($0, startLine: startLine, display: false)
    }
    return tag?.end
  }

  /// The end of the comment `<!-- … -->` starting at `start`, within one block.
  private func commentEnd(at start: Int, startLine: Int32) -> Int? {
    let j = start + 1
    guard j + 2 < bytes.count, bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] == UInt8(ascii: "-")
    else { return nil }
    var k = j + 3
    while k + 2 < bytes.count {
      if !crossesAllowed(k, startLine: startLine, display: false) { return nil }
      if bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == UInt8(ascii: "-"), bytes[k + 2] == UInt8(ascii: ">") {
        return k + 3
      }
      k += 1
    }
    return nil
  }

  /// End of an autolink `<scheme:…>`: a scheme of 2–32 ASCII letters, digits, `+`, `.` and
  /// `-` starting with a letter, a `:`, then no white space, `<` or ASCII control character
  /// before the `>`.
  private func autolinkEnd(schemeStart: Int) -> Int? {
    guard schemeStart < bytes.count, ByteClass.isLetter(bytes[schemeStart]) else { return nil }
    var j = schemeStart
    while j < bytes.count,
      ByteClass.isLetter(bytes[j]) || ByteClass.isDigit(bytes[j]) || bytes[j] == 0x2B || bytes[j] == 0x2E
        || bytes[j] == 0x2D
    {
      j += 1
    }
    let schemeLength = j - schemeStart
    guard (2...32).contains(schemeLength), j < bytes.count, bytes[j] == UInt8(ascii: ":") else { return nil }
    while j < bytes.count {
      let byte = bytes[j]
      if byte == UInt8(ascii: ">") { return j + 1 }
      if byte == 0x20 || byte == UInt8(ascii: "<") || ByteClass.isControl(byte) { return nil }
      j += 1
    }
    return nil
  }
}
