/// The CommonMark grammar of an HTML open or closing tag (spec 0.31.2, "Raw HTML": tag name,
/// attribute, open tag, closing tag). One recogniser for both places that need it: the start
/// condition of HTML block kind 7 (`HTMLBlockStart.isCompleteTagLine`) and inline raw HTML in
/// the math extraction (`MathSpans` in Report).
///
/// * tag name: an ASCII letter, then ASCII letters, digits and `-`;
/// * attribute: white space, a name (`[A-Za-z_:][A-Za-z0-9_.:-]*`), and optionally white
///   space, `=`, white space and a value: unquoted (no white space and none of `"'=<>` and
///   backtick, at least one byte), `'…'` or `"…"`;
/// * open tag: `<`, tag name, attributes, white space, optional `/`, `>`;
/// * closing tag: `</`, tag name, white space, `>`.
///
/// White space is spaces, tabs and line endings (`ByteClass.isSpaceTabOrLineEnding`); the
/// spec's "up to one line ending" is the caller's to enforce through `mayContinue`.
public enum HTMLTagGrammar {
  /// A tag found by `tag(in:at:mayContinue:)`.
  public struct Tag: Equatable, Sendable {
    /// The tag name, lower-cased.
    public var name: String
    /// `</name>` rather than `<name …>`.
    public var isClosing: Bool
    /// Index after the closing `>`.
    public var end: Int
  }

  /// The open or closing tag that starts at `bytes[start]` (a `<`), or `nil` when none does.
  /// `mayContinue(i)` is asked before byte `i` of white space or of a quoted value is taken
  /// into the tag; `false` means the tag may not reach that byte (for example, it is on a line
  /// of another block), so there is no tag.
  public static func tag(
    in bytes: [UInt8], at start: Int, mayContinue: (Int) -> Bool = { _ in true }
  ) -> Tag? {
    guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "<") else { return nil }
    var j = start + 1
    let closing = bytes[j] == UInt8(ascii: "/")
    if closing { j += 1 }
    guard j < bytes.count, ByteClass.isLetter(bytes[j]) else { return nil }
    let nameStart = j
    while j < bytes.count, ByteClass.isLetter(bytes[j]) || ByteClass.isDigit(bytes[j]) || bytes[j] == 0x2D {
      j += 1
    }
    let name = String(decoding: bytes[nameStart..<j].map { $0 | 0x20 }, as: UTF8.self)
    if closing {
      guard let k = skipWhiteSpace(bytes, from: j, mayContinue: mayContinue), k < bytes.count,
        bytes[k] == UInt8(ascii: ">")
      else { return nil }
      return Tag(name: name, isClosing: true, end: k + 1)
    }
    while true {
      guard let k = skipWhiteSpace(bytes, from: j, mayContinue: mayContinue), k < bytes.count else {
        return nil
      }
      if bytes[k] == UInt8(ascii: ">") { return Tag(name: name, isClosing: false, end: k + 1) }
      if bytes[k] == UInt8(ascii: "/") {
        guard k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: ">") else { return nil }
        return Tag(name: name, isClosing: false, end: k + 2)
      }
      guard k > j, let afterAttribute = attributeEnd(bytes, at: k, mayContinue: mayContinue) else {
        return nil
      }
      j = afterAttribute
    }
  }

  /// The index after the white space starting at `from`, or `nil` when `mayContinue` refuses
  /// a byte of it.
  private static func skipWhiteSpace(_ bytes: [UInt8], from: Int, mayContinue: (Int) -> Bool) -> Int? {
    var k = from
    while k < bytes.count, ByteClass.isSpaceTabOrLineEnding(bytes[k]) {
      guard mayContinue(k) else { return nil }
      k += 1
    }
    return k
  }

  private static func isAttributeNameStart(_ b: UInt8) -> Bool {
    ByteClass.isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
  }

  private static func isAttributeNameByte(_ b: UInt8) -> Bool {
    isAttributeNameStart(b) || ByteClass.isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
  }

  /// The end of one attribute `name` or `name = value` starting at `start`, or `nil`.
  private static func attributeEnd(_ bytes: [UInt8], at start: Int, mayContinue: (Int) -> Bool) -> Int? {
    guard isAttributeNameStart(bytes[start]) else { return nil }
    var j = start + 1
    while j < bytes.count, isAttributeNameByte(bytes[j]) { j += 1 }
    guard var k = skipWhiteSpace(bytes, from: j, mayContinue: mayContinue), k < bytes.count,
      bytes[k] == UInt8(ascii: "=")
    else { return j }
    guard let valueStart = skipWhiteSpace(bytes, from: k + 1, mayContinue: mayContinue),
      valueStart < bytes.count
    else { return nil }
    k = valueStart
    let quote = bytes[k]
    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      var m = k + 1
      while m < bytes.count, bytes[m] != quote {
        guard mayContinue(m) else { return nil }
        m += 1
      }
      return m < bytes.count ? m + 1 : nil
    }
    var m = k
    while m < bytes.count, !ByteClass.isSpaceTabOrLineEnding(bytes[m]), !unquotedForbidden(bytes[m]) {
      m += 1
    }
    return m > k ? m : nil
  }

  /// `"`, `'`, `=`, `<`, `>` and backtick, which an unquoted attribute value may not hold.
  private static func unquotedForbidden(_ b: UInt8) -> Bool {
    b == 0x22 || b == 0x27 || b == 0x3D || b == 0x3C || b == 0x3E || b == 0x60
  }
}
