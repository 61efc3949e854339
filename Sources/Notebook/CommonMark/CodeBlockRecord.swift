/// One line of a code block's content after container prefixes and fence indentation are removed.
///
/// `text` is `insertedSpaces` spaces (the rest of a tab that was only partly consumed as
/// indentation) followed by the source bytes `consumed..<contentEnd` of line `lineIndex`.
struct ContentLine: Sendable, Equatable {
  var lineIndex: Int
  var consumed: Int
  var insertedSpaces: Int
  var text: [UInt8]
}

/// A code block found by `BlockScanner` (fenced or indented), in source coordinates.
struct CodeBlockRecord: Sendable {
  var isFenced: Bool
  /// `` ` `` or `~` for fenced blocks, 0 for indented ones.
  var fenceByte: UInt8 = 0
  var fenceLength = 0
  /// Columns of indentation before the fence inside its container (0…3).
  var fenceOffset = 0
  /// 0-based index of the opening line (the fence line, or the first line of indented code).
  var openLine: Int
  /// Byte offset of the fence (or of the code) inside the opening line.
  var fenceStart: Int
  /// 0-based column of the fence with tabs expanded to multiples of 4.
  var fenceColumn: Int
  /// The info string: the rest of the fence line, trimmed of spaces and tabs (raw, unescaped).
  var info: [UInt8] = []
  /// Byte offset of the info string inside the opening line.
  var infoStart = 0
  var lines: [ContentLine] = []
  /// 0-based index of the closing fence line, `nil` when the block ran to the end of its container.
  var closeLine: Int?
  /// 0-based index of the last line that belongs to the block (closing fence included).
  var lastLine: Int
  var inBlockQuote: Bool
  var inListItem: Bool
  /// Only spaces and tabs precede the fence on its line (no `>` or list marker).
  var startsLine: Bool
  var awaitingInfo: Bool
}

/// A level-1 ATX heading (`# Title`) directly in the document (not in a quote or list).
struct HeadingRecord: Sendable {
  var lineIndex: Int
  var text: String
}
