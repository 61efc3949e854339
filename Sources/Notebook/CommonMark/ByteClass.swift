/// The byte classes of the CommonMark spec (0.31.2, "Characters and lines") for scanners that
/// read UTF-8 bytes: the fence scanner (`BlockScanner`), the HTML block starts
/// (`HTMLBlockStart`), the shared tag grammar (`HTMLTagGrammar`), and in Report the math
/// extraction (`MathSpans`) and the raw-HTML filter (`RawHTMLFilter`).
///
/// Only ASCII bytes belong to a class: a multi-byte UTF-8 character (including the Unicode `Zs`
/// spaces) is never white space here. NUL is no class's member: CommonMark replaces it by
/// U+FFFD before parsing, so it is an ordinary character, never a line ending.
public enum ByteClass {
  /// A [space] (U+0020) or a [tab] (U+0009): what indentation, a blank line and the padding
  /// of fences, markers and closing `#`s are made of.
  @inline(__always)
  public static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  /// A line feed (U+000A) or carriage return (U+000D): the characters a [line ending] is made
  /// of (`\r\n` is one line ending of two such bytes).
  @inline(__always)
  public static func isLineEnding(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

  /// A space, a tab or a line-ending byte: what may follow a list marker or separate the parts
  /// of an HTML tag ("spaces, tabs, and up to one line ending"), and what an info string is
  /// trimmed of. Vertical tab (U+000B) and form feed (U+000C) are not included (cmark's
  /// `cmark_isspace`).
  @inline(__always)
  public static func isSpaceTabOrLineEnding(_ byte: UInt8) -> Bool {
    isSpaceOrTab(byte) || isLineEnding(byte)
  }

  /// The ASCII [Unicode whitespace characters]: tab, line feed, form feed (U+000C), carriage
  /// return and space; vertical tab (U+000B) is not one. This is also the HTML standard's
  /// "ASCII whitespace", which separates attributes when a browser tokenizes a tag.
  @inline(__always)
  public static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
  }

  /// An ASCII digit `0`–`9`.
  @inline(__always)
  public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// An ASCII letter `A`–`Z` or `a`–`z`.
  @inline(__always)
  public static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// An [ASCII control character]: U+0000–U+001F or U+007F.
  @inline(__always)
  public static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
}
