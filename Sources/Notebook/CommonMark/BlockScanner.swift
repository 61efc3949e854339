/// The block structure of a CommonMark document — phase 1 of the spec's parsing strategy —
/// carried out exactly as the reference implementation (cmark `blocks.c`) does, but keeping only
/// what the notebook needs: where every code block (fenced or indented) starts and ends, its info
/// string and content lines, the containers it sits in, and the first top-level `#` heading.
///
/// Containers (block quotes, list items) are tracked, including lazy paragraph continuation and
/// the partial consumption of tabs (tab stops every 4 columns), so a fence inside a list item or
/// a quote is closed exactly where CommonMark closes it. HTML blocks (all seven kinds), ATX and
/// setext headings, thematic breaks, paragraphs and indented code are recognised because they
/// decide whether a line can open a fence. Link reference definitions are not resolved (they
/// only matter for whether `===` under them makes a heading, never for code blocks), and no
/// inline parsing is done.
struct BlockScanner {
  /// The CommonMark block kinds the scanner tracks; an HTML block carries its start condition.
  enum Kind: Equatable {
    case document, blockQuote, list, item, codeBlock, paragraph, heading, thematicBreak
    case htmlBlock(HTMLBlockKind)
  }

  struct ListData {
    var ordered = false
    var bulletChar: UInt8 = 0
    var delimiter: UInt8 = 0
    var markerOffset = 0
    var padding = 0
  }

  struct Node {
    var kind: Kind
    var parent: Int
    var lastChild: Int?
    var isOpen = true
    var list = ListData()
    var code: Int?
  }

  let source: SourceLines
  var nodes: [Node] = [Node(kind: .document, parent: 0)]
  /// The code blocks found, in source order (appended and updated only by the scanner).
  var codeBlocks: [CodeBlockRecord] = []
  /// The first level-1 ATX heading directly in the document.
  var firstTitle: HeadingRecord?

  // Per-line state, as in cmark's parser struct.
  var line: [UInt8] = []
  var lineIndex = 0
  var offset = 0
  var column = 0
  var firstNonspace = 0
  var firstNonspaceColumn = 0
  var indent = 0
  var blank = false
  var partiallyConsumedTab = false
  var current = 0
  /// Where a thematic-break scan failed on this line: a scan from before it fails too, so it is
  /// skipped (cmark's `thematic_break_kill_pos`; keeps `- - - … x` linear).
  var thematicBreakKillPosition = 0

  static let tabStop = 4
  static let codeIndent = 4

  /// Scans lines `startLine..<source.count` of `source` as one CommonMark document.
  init(source: SourceLines, startLine: Int = 0) {
    self.source = source
    if startLine < source.count {
      for index in startLine..<source.count { processLine(index) }
    }
    while current != 0 { current = finalize(current) }
    _ = finalize(0)
  }

  /// The byte at `i` of the current line, 0 past its end (the line always ends with `\n`).
  func peek(_ i: Int) -> UInt8 { i < line.count ? line[i] : 0 }
}
