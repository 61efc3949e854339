/// A piece of the notebook in source order: text that passes through, or an executable block
/// (an index into `NotebookDocument.blocks`).
public enum Segment: Sendable, Equatable {
  /// Source text kept byte for byte (prose, front matter, ordinary code blocks, quoted fences).
  case text(String)
  /// The executable block `blocks[i]`; its source text is `blocks[i].rawText`.
  case block(Int)
}

/// A parsed notebook: front matter, the executable blocks, and the text around them.
///
/// Invariant: concatenating the segments (`.text(s)` → `s`, `.block(i)` → `blocks[i].rawText`)
/// gives `source` back exactly, byte for byte (line endings, byte-order mark and all).
public struct NotebookDocument: Sendable {
  /// The notebook text as given.
  public var source: String
  /// The front matter (defaults when there is none).
  public var frontMatter: FrontMatter
  /// Text and blocks in source order; adjacent text is merged and empty text is left out.
  public var segments: [Segment]
  /// The executable blocks in source order (`blocks[i].index == i`).
  public var blocks: [BlockSource]
  /// The report title: the front matter `title`, else the text of the first level-1 ATX heading
  /// (`# Title`, trimmed, closing `#`s removed, inline Markdown left as written) at the top level
  /// of the document (not in code, a quote or a list), else `nil` (the caller uses the file name).
  public var title: String?
  /// The parameter values in effect (section 13): the front matter's defaults after `parse`,
  /// others after `applying(_:)`.
  public var parameterValues = ParameterValues()
  /// The `solution` fragments in source order (section 11); their blocks are in `blocks` with
  /// `solution` set, and their fence lines are segments of their own.
  public var solutions: [SolutionSource] = []
  /// Fences copied unchanged that deserve a word (`FenceWarnings`): another tool's chunk
  /// (```` ```{python} ````) and a plain fence starting with a block kind (```` ```model m ````),
  /// in source order. They never change the exit status.
  public var warnings: [NotebookError] = []

  /// Parses `text`. Never fails: problems are attached to the blocks (`headerError`) and to the
  /// front matter (`error`).
  ///
  /// The text is read as CommonMark (see `FenceScanner`) after an optional front matter: a first
  /// line `---` (after an optional byte-order mark; trailing spaces allowed) closed by a later line
  /// `---` or `...`. Without a closing line the first line is an ordinary thematic break.
  public static func parse(_ text: String) -> NotebookDocument {
    let source = SourceLines(text)
    let (frontMatter, firstMarkdownLine) = FrontMatter.detect(in: source)
    let scanner = BlockScanner(source: source, startLine: firstMarkdownLine)

    var blocks: [BlockSource] = []
    var segments: [Segment] = []
    var cursor = 0
    var firstUse: [String: Int] = [:]
    var solutions: [SolutionSource] = []
    var warnings: [NotebookError] = []
    for record in scanner.codeBlocks where record.isFenced && !record.inBlockQuote && record.startsLine {
      // Another tool's chunk and a plain fence stay text; some of them get a warning.
      let info = String(decoding: record.info, as: UTF8.self)
      let infoPosition = SourcePosition(
        line: record.openLine + 1, column: source.column(line: record.openLine, offset: record.infoStart))
      if record.info.first != UInt8(ascii: "{") {
        if let warning = FenceWarnings.plain(info, at: infoPosition) { warnings.append(warning) }
        continue
      }
      if FenceWarnings.isForeign(info) {
        warnings.append(FenceWarnings.foreign(info, at: infoPosition))
        continue
      }
      if let solution = SolutionScan.header(record, source: source) {
        var scan = SolutionScan(source: source, index: solutions.count, firstBlock: blocks.count)
        scan.read(record, header: solution)
        let start = source.spans[record.openLine].start
        if start > cursor { segments.append(.text(source.text(cursor..<start))) }
        cursor = source.spans[record.lastLine].end
        for var inner in scan.blocks {
          register(&inner, &firstUse)
          blocks.append(inner)
        }
        scan.solution.openSegment += segments.count
        scan.solution.closeSegment = scan.solution.closeSegment.map { $0 + segments.count }
        segments += scan.segments
        solutions.append(scan.solution)
        continue
      }
      var block = makeBlock(record, index: blocks.count, source: source)
      register(&block, &firstUse)
      let start = source.spans[record.openLine].start
      let end = source.spans[record.lastLine].end
      if start > cursor { segments.append(.text(source.text(cursor..<start))) }
      segments.append(.block(blocks.count))
      cursor = end
      blocks.append(block)
    }
    if cursor < source.bytes.count { segments.append(.text(source.text(cursor..<source.bytes.count))) }

    let title = frontMatter.title ?? scanner.firstTitle?.text
    var document = NotebookDocument(
      source: text, frontMatter: frontMatter, segments: segments, blocks: blocks, title: title)
    document.solutions = solutions
    document.warnings = warnings
    return document.applying(ParameterValues(defaults: frontMatter.parameters))
  }

  /// Records `block`'s name, or sets its header error when an earlier block has the name.
  static func register(_ block: inout BlockSource, _ firstUse: inout [String: Int]) {
    if let name = block.name {
      if let firstLine = firstUse[name] {
        if block.headerError == nil {
          block.headerError = NotebookError(
            position: block.namePosition ?? SourcePosition(line: block.line, column: block.column),
            message: "duplicate name '\(name)', first defined at line \(firstLine)",
            hint: "Block names must be unique in a notebook; rename one of them.")
        }
      } else {
        firstUse[name] = block.line
      }
    }
  }

  static func makeBlock(_ record: CodeBlockRecord, index: Int, source: SourceLines) -> BlockSource {
    let info = String(decoding: record.info, as: UTF8.self)
    let header = BlockHeader(
      info: info, line: record.openLine + 1,
      column: source.column(line: record.openLine, offset: record.infoStart))
    var body: [UInt8] = []
    var origins: [BodyLineOrigin] = []
    for (n, l) in record.lines.enumerated() {
      if n > 0 { body.append(0x0A) }
      body += l.text
      origins.append(
        BodyLineOrigin(
          sourceLine: l.lineIndex + 1, baseColumn: source.column(line: l.lineIndex, offset: l.consumed),
          insertedSpaces: l.insertedSpaces))
    }
    let start = source.spans[record.openLine].start
    let end = source.spans[record.lastLine].end
    return BlockSource(
      index: index, kindText: header.kindText, kind: header.kind, name: header.name,
      namePosition: header.namePosition, attributes: header.attributes,
      headerError: header.error ?? (header.isSolution ? SolutionScan.attributeError(header) : nil),
      info: info, body: String(decoding: body, as: UTF8.self), bodyLineCount: record.lines.count,
      bodyStartLine: record.openLine + 2, line: record.openLine + 1,
      column: source.column(line: record.openLine, offset: record.fenceStart), endLine: record.lastLine + 1,
      rawText: source.text(start..<end), isClosed: record.closeLine != nil, bodyIndent: record.fenceColumn,
      fenceCharacter: Character(Unicode.Scalar(record.fenceByte)), fenceLength: record.fenceLength,
      bodyOrigins: origins,
      infoColumn: source.column(line: record.openLine, offset: record.infoStart))
  }

  /// The segments joined back into text; equals `source`.
  public var reassembled: String {
    var out = ""
    for segment in segments {
      switch segment {
      case .text(let s): out += s
      case .block(let i): out += blocks[i].rawText
      }
    }
    return out
  }
}
