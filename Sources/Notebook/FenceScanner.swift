/// A code block of a CommonMark document as the block parser sees it: fenced (backticks or
/// tildes) or indented.
public struct ScannedCodeBlock: Sendable, Equatable {
  /// `true` for a fenced block, `false` for an indented one (4+ columns of indentation).
  public var isFenced: Bool
  /// `` "`" `` or `"~"` for fenced blocks, `nil` for indented ones.
  public var fenceCharacter: Character?
  /// Number of fence characters of the opening fence (0 for indented blocks).
  public var fenceLength: Int
  /// The info string: the text after the opening fence, trimmed of spaces and tabs, raw
  /// (backslash escapes and entities are not decoded). Empty for indented blocks.
  public var info: String
  /// The content exactly as CommonMark defines it: every content line with its container prefix
  /// and up to the fence's indentation removed (a partly consumed tab becomes spaces), each
  /// followed by `"\n"`. For indented blocks trailing blank lines are dropped, as the spec says.
  public var content: String
  /// 1-based line of the opening fence (or of the first line of indented code).
  public var line: Int
  /// 1-based column (Unicode scalars) of the first fence character or code character.
  public var column: Int
  /// 1-based last line belonging to the block (the closing fence when there is one).
  public var lastLine: Int
  /// Whether a closing fence ended the block (always `true` for indented blocks); otherwise it
  /// ran to the end of the document or of its container.
  public var isClosed: Bool
  /// Whether the block sits inside a block quote (`>`).
  public var inBlockQuote: Bool
  /// Whether the block sits inside a list item.
  public var inListItem: Bool
  /// Whether only spaces and tabs precede the fence on its line (no `>` or list marker).
  public var startsLine: Bool
}

/// Finds the code blocks of a CommonMark document exactly where a CommonMark parser does.
///
/// Fences are runs of ≥ 3 backticks or tildes after ≤ 3 columns of indentation; a backtick
/// fence's info string cannot contain a backtick; the closing fence uses the same character,
/// is at least as long, has ≤ 3 columns of indentation and only spaces or tabs after it;
/// an unclosed fence runs to the end of its container (or of the document); fences may
/// interrupt a paragraph. Tabs count to the next multiple of 4 columns. Block quotes, list
/// items (with lazy continuation), HTML blocks, headings and indented code are tracked so that
/// lines inside them are never mistaken for fences. LF, CRLF and CR line endings and a leading
/// byte-order mark are accepted.
public enum FenceScanner {
  /// Every code block of `markdown`, in document order (front matter is not special here).
  public static func scan(_ markdown: String) -> [ScannedCodeBlock] {
    let source = SourceLines(markdown)
    let scanner = BlockScanner(source: source)
    return scanner.codeBlocks.map { record in
      var lines = record.lines
      if !record.isFenced {
        while let last = lines.last, last.text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.removeLast() }
      }
      var content: [UInt8] = []
      for l in lines {
        content += l.text
        content.append(0x0A)
      }
      return ScannedCodeBlock(
        isFenced: record.isFenced,
        fenceCharacter: record.isFenced ? Character(Unicode.Scalar(record.fenceByte)) : nil,
        fenceLength: record.fenceLength,
        info: String(decoding: record.info, as: UTF8.self),
        content: String(decoding: content, as: UTF8.self),
        line: record.openLine + 1,
        column: source.column(line: record.openLine, offset: record.fenceStart),
        lastLine: record.lastLine + 1,
        isClosed: !record.isFenced || record.closeLine != nil,
        inBlockQuote: record.inBlockQuote,
        inListItem: record.inListItem,
        startsLine: record.startsLine)
    }
  }
}
