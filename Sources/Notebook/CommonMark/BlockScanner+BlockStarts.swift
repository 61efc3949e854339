extension BlockScanner {
  // MARK: - Scanners for block starts

  /// `#{1,6}` followed by a space, tab or the end of the line: (characters matched, level).
  func scanATXHeadingStart(_ pos: Int) -> (Int, Int)? {
    var i = pos
    while peek(i) == UInt8(ascii: "#") { i += 1 }
    let level = i - pos
    guard (1...6).contains(level) else { return nil }
    let c = peek(i)
    guard ByteClass.isSpaceOrTab(c) || ByteClass.isLineEnding(c) else { return nil }
    while ByteClass.isSpaceOrTab(peek(i)) { i += 1 }
    return (i - pos, level)
  }

  /// The text of an ATX heading after its opening `#`s: trimmed, without the optional closing
  /// sequence of `#`s (which must be preceded by a space or tab, or be the whole text).
  static func atxHeadingText(_ rest: [UInt8]) -> String {
    var bytes = Array(rest.trimmingSpacesAndTabs())
    var end = bytes.count
    while end > 0 && bytes[end - 1] == UInt8(ascii: "#") { end -= 1 }
    if end == 0 {
      bytes = []
    } else if end < bytes.count && ByteClass.isSpaceOrTab(bytes[end - 1]) {
      bytes = Array(Array(bytes[0..<end]).trimmingSpacesAndTabs())
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A run of at least 3 backticks or tildes; a backtick fence's info string may not hold a
  /// backtick. Returns the fence length.
  func scanOpenCodeFence(_ pos: Int) -> Int? {
    let c = peek(pos)
    guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
    var i = pos
    while peek(i) == c { i += 1 }
    let length = i - pos
    guard length >= 3 else { return nil }
    if c == UInt8(ascii: "`") {
      while i < line.count && !ByteClass.isLineEnding(line[i]) {
        if line[i] == UInt8(ascii: "`") { return nil }
        i += 1
      }
    }
    return length
  }

  /// A run of at least 3 fence characters followed only by spaces or tabs. Returns its length or 0.
  func scanCloseCodeFence(_ pos: Int) -> Int {
    let c = peek(pos)
    guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return 0 }
    var i = pos
    while peek(i) == c { i += 1 }
    let length = i - pos
    guard length >= 3 else { return 0 }
    while ByteClass.isSpaceOrTab(peek(i)) { i += 1 }
    return ByteClass.isLineEnding(peek(i)) ? length : 0
  }

  /// `=+` or `-+` followed only by spaces or tabs.
  func scanSetextHeadingLine(_ pos: Int) -> Bool {
    let c = peek(pos)
    guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return false }
    var i = pos
    while peek(i) == c { i += 1 }
    while ByteClass.isSpaceOrTab(peek(i)) { i += 1 }
    return ByteClass.isLineEnding(peek(i))
  }

  /// Three or more of the same `*`, `-` or `_`, with only spaces or tabs between.
  mutating func scanThematicBreak(_ pos: Int) -> Bool {
    guard pos >= thematicBreakKillPosition else { return false }
    let c = peek(pos)
    guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { return false }
    var count = 0
    var i = pos
    while i < line.count {
      let d = line[i]
      if d == c {
        count += 1
      } else if ByteClass.isLineEnding(d) {
        break
      } else if !ByteClass.isSpaceOrTab(d) {
        thematicBreakKillPosition = i
        return false
      }
      i += 1
    }
    if count < 3 { thematicBreakKillPosition = i }
    return count >= 3
  }

  /// Whether only spaces and tabs lie between `p` and the line ending: a list item that
  /// starts empty cannot interrupt a paragraph (CommonMark 5.2).
  private func isBlankToLineEnd(_ p: Int) -> Bool {
    var i = p
    while ByteClass.isSpaceOrTab(peek(i)) { i += 1 }
    return ByteClass.isLineEnding(peek(i))
  }

  func parseListMarker(_ pos: Int, interruptsParagraph: Bool) -> (Int, ListData)? {
    var p = pos
    var data = ListData()
    let c = peek(p)
    if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
      p += 1
      guard ByteClass.isSpaceTabOrLineEnding(peek(p)) else { return nil }
      if interruptsParagraph && isBlankToLineEnd(p) { return nil }
      data.bulletChar = c
    } else if ByteClass.isDigit(c) {
      var start = 0
      var digits = 0
      repeat {
        start = 10 * start + Int(peek(p) - 0x30)
        p += 1
        digits += 1
      } while digits < 9 && ByteClass.isDigit(peek(p))
      if interruptsParagraph && start != 1 { return nil }
      let d = peek(p)
      guard d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
      p += 1
      guard ByteClass.isSpaceTabOrLineEnding(peek(p)) else { return nil }
      if interruptsParagraph && isBlankToLineEnd(p) { return nil }
      data.ordered = true
      data.delimiter = d
    } else {
      return nil
    }
    return (p - pos, data)
  }
}
