import Testing

@testable import Notebook

/// `ByteClass` against the CommonMark definitions it cites, over every byte value.
@Suite struct ByteClassTests {
  /// Every byte value, each class's members listed by hand from the spec.
  static let allBytes: [UInt8] = Array(0...255)

  @Test func spaceOrTabIsExactlySpaceAndTab() {
    let members = Self.allBytes.filter(ByteClass.isSpaceOrTab)
    #expect(members == [0x09, 0x20])
  }

  @Test func lineEndingIsLineFeedAndCarriageReturnNotNUL() {
    let members = Self.allBytes.filter(ByteClass.isLineEnding)
    #expect(members == [0x0A, 0x0D])
    #expect(!ByteClass.isLineEnding(0))
  }

  @Test func spaceTabOrLineEndingLeavesOutVerticalTabAndFormFeed() {
    let members = Self.allBytes.filter(ByteClass.isSpaceTabOrLineEnding)
    #expect(members == [0x09, 0x0A, 0x0D, 0x20])
  }

  /// CommonMark's Unicode whitespace, ASCII part: tab, LF, FF, CR, space (no VT).
  @Test func whitespaceIsTheASCIIPartOfUnicodeWhitespace() {
    let members = Self.allBytes.filter(ByteClass.isWhitespace)
    #expect(members == [0x09, 0x0A, 0x0C, 0x0D, 0x20])
    #expect(!ByteClass.isWhitespace(0x0B))
  }

  @Test func digitsLettersAndControls() {
    #expect(Self.allBytes.filter(ByteClass.isDigit) == Array(0x30...0x39))
    #expect(Self.allBytes.filter(ByteClass.isLetter) == Array(0x41...0x5A) + Array(0x61...0x7A))
    #expect(Self.allBytes.filter(ByteClass.isControl) == Array(0x00...0x1F) + [0x7F])
  }

  /// No byte of a multi-byte UTF-8 character is in any class (U+00A0 and U+3000 are `Zs`, but
  /// the scanners treat them as text, as cmark does for block structure).
  @Test func noNonASCIIByteIsInAClass() {
    for byte in Self.allBytes where byte >= 0x80 {
      #expect(!ByteClass.isWhitespace(byte), "\(byte)")
      #expect(!ByteClass.isSpaceTabOrLineEnding(byte), "\(byte)")
      #expect(!ByteClass.isLetter(byte), "\(byte)")
    }
  }

  /// A NUL after `<div` is not the end of the line: the line does not open an HTML block
  /// (CommonMark replaces NUL by U+FFFD), so the fence after it is a code block.
  @Test func nulDoesNotEndAnHTMLBlockStartLine() {
    let withNUL = FenceScanner.scan("<div\u{0}\n```\nx\n```\n")
    let withSpace = FenceScanner.scan("<div \n```\nx\n```\n")
    #expect(withNUL.map(\.content) == ["x\n"])
    #expect(withSpace.isEmpty)
  }
}
