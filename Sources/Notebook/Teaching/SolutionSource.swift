/// A `solution` fragment (contract section 11): Markdown, possibly holding executable blocks
/// behind a longer outer fence, that belongs to the solution version only.
///
/// In `NotebookDocument.segments` a solution is its opening fence line (`openSegment`, a `.text`
/// of its own), then its inner prose and blocks as ordinary segments, then its closing fence line
/// (`closeSegment`, absent when the fence runs to the end of the document). Inner blocks are in
/// `NotebookDocument.blocks` (`blocks` range) with `BlockSource.solution` set; their positions are
/// notebook positions.
public struct SolutionSource: Sendable, Equatable {
  /// 0-based position among the notebook's solutions.
  public var index: Int
  /// Notebook line and column of the opening fence.
  public var line: Int
  public var column: Int
  /// Notebook line of the last line (the closing fence when closed).
  public var endLine: Int
  /// Height in lines of the empty "Answer" box that replaces the solution for the student
  /// (`space=N`, 1…200, default 6).
  public var space: Int
  /// Index in `segments` of the opening fence line.
  public var openSegment: Int
  /// Index in `segments` of the closing fence line; `nil` when unclosed.
  public var closeSegment: Int?
  /// The solution's executable blocks, as indices into `NotebookDocument.blocks`.
  public var blocks: Range<Int>
}

/// Reads one `solution` fence: its header, and its body as Markdown with executable blocks.
struct SolutionScan {
  let source: SourceLines
  var solution: SolutionSource
  var blocks: [BlockSource] = []
  /// Open fence, prose, blocks and close fence, with `solution.openSegment`/`closeSegment`
  /// relative to this list.
  var segments: [Segment] = []
  let firstBlock: Int

  /// Default `space`.
  static let defaultSpace = 6

  init(source: SourceLines, index: Int, firstBlock: Int) {
    self.source = source
    self.firstBlock = firstBlock
    solution = SolutionSource(
      index: index, line: 0, column: 0, endLine: 0, space: Self.defaultSpace, openSegment: 0,
      closeSegment: nil, blocks: firstBlock..<firstBlock)
  }

  /// The header of `record` when it opens a well-formed `solution` fence; `nil` otherwise (then
  /// the fence is an ordinary block whose header error says what is wrong).
  static func header(_ record: CodeBlockRecord, source: SourceLines) -> BlockHeader? {
    let header = BlockHeader(
      info: String(decoding: record.info, as: UTF8.self), line: record.openLine + 1,
      column: source.column(line: record.openLine, offset: record.infoStart))
    guard header.isSolution, header.error == nil, attributeError(header) == nil else { return nil }
    return header
  }

  /// A problem with a solution header: a name, an option other than `space`, or a `space` that
  /// is not an integer from 1 to 200.
  static func attributeError(_ header: BlockHeader) -> NotebookError? {
    if let position = header.namePosition {
      return NotebookError(
        position: position, message: "a solution block has no name",
        hint: "Write {solution} or {solution space=8}.")
    }
    for attribute in header.attributes {
      guard attribute.key == "space" else {
        return NotebookError(
          position: attribute.position, message: "unknown solution option '\(attribute.key)'",
          hint: "A solution takes only space=N (the height of the student's answer box).")
      }
      guard let n = Int(attribute.value), (1...200).contains(n) else {
        return NotebookError(
          position: attribute.valuePosition, message: "space must be a whole number of lines from 1 to 200",
          hint: "Write e.g. space=8.")
      }
    }
    return nil
  }

  /// Reads the fence `record` whose header is `header`.
  mutating func read(_ record: CodeBlockRecord, header: BlockHeader) {
    let outer = NotebookDocument.makeBlock(record, index: -1, source: source)
    solution.line = outer.line
    solution.column = outer.column
    solution.endLine = outer.endLine
    if let space = header.attributes.first(where: { $0.key == "space" }), let n = Int(space.value) {
      solution.space = n
    }
    let openEnd = source.spans[record.openLine].end
    let bodyEnd = record.closeLine.map { source.spans[$0].start } ?? source.spans[record.lastLine].end
    segments.append(.text(source.text(source.spans[record.openLine].start..<openEnd)))
    solution.openSegment = 0

    var cursor = openEnd
    if record.lines.count > 0 {
      let inner = SourceLines(outer.body)
      let scanner = BlockScanner(source: inner)
      // Inner line l (0-based) is notebook line index record.lines[l].lineIndex.
      let lineIndex = { (l: Int) -> Int in
        l < record.lines.count ? record.lines[l].lineIndex : record.lines[record.lines.count - 1].lineIndex
      }
      for rec in scanner.codeBlocks
      where rec.isFenced && !rec.inBlockQuote && rec.startsLine && rec.info.first == UInt8(ascii: "{") {
        var block = NotebookDocument.makeBlock(rec, index: firstBlock + blocks.count, source: inner)
        remap(&block, outer: outer, lineIndex: lineIndex)
        if block.kindText == "solution" {
          block.headerError = NotebookError(
            position: SourcePosition(line: block.line, column: block.column),
            message: "a solution block cannot hold another solution",
            hint: "Close the outer solution first, or merge the two.")
        }
        let start = source.spans[lineIndex(rec.openLine)].start
        let end = min(source.spans[lineIndex(rec.lastLine)].end, bodyEnd)
        block.rawText = source.text(start..<end)
        block.solution = solution.index
        if start > cursor { segments.append(.text(source.text(cursor..<start))) }
        segments.append(.block(block.index))
        cursor = end
        blocks.append(block)
      }
    }
    if bodyEnd > cursor { segments.append(.text(source.text(cursor..<bodyEnd))) }
    if let close = record.closeLine {
      segments.append(.text(source.text(source.spans[close].start..<source.spans[close].end)))
      solution.closeSegment = segments.count - 1
    }
    solution.blocks = firstBlock..<(firstBlock + blocks.count)
  }

  /// Moves an inner block's positions from the solution body's coordinates to the notebook's.
  private func remap(_ block: inout BlockSource, outer: BlockSource, lineIndex: (Int) -> Int) {
    func map(_ p: SourcePosition) -> SourcePosition {
      outer.notebookPosition(bodyLine: p.line, column: p.column)
    }
    let start = map(SourcePosition(line: block.line, column: block.column))
    block.infoColumn = map(SourcePosition(line: block.line, column: block.infoColumn)).column
    block.line = start.line
    block.column = start.column
    // The solution's body lines are consecutive notebook lines, so the body starts on the line
    // after the header, also when the header is the body's last line (nothing to map it from).
    block.bodyStartLine = block.line + 1
    block.endLine = lineIndex(block.endLine - 1) + 1
    block.namePosition = block.namePosition.map(map)
    for i in block.attributes.indices {
      block.attributes[i].position = map(block.attributes[i].position)
      block.attributes[i].valuePosition = map(block.attributes[i].valuePosition)
    }
    if let error = block.headerError { block.headerError?.position = map(error.position) }
    block.bodyOrigins = block.bodyOrigins.map { o in
      let p = map(SourcePosition(line: o.sourceLine, column: o.baseColumn))
      return BodyLineOrigin(sourceLine: p.line, baseColumn: p.column, insertedSpaces: o.insertedSpaces)
    }
    block.bodyIndent += outer.bodyIndent
  }
}
