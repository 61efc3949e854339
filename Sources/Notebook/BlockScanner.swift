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
  private enum Kind {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
  }

  private struct ListData {
    var ordered = false
    var bulletChar: UInt8 = 0
    var delimiter: UInt8 = 0
    var markerOffset = 0
    var padding = 0
  }

  private struct Node {
    var kind: Kind
    var parent: Int
    var lastChild: Int?
    var isOpen = true
    var list = ListData()
    var code: Int?
    var htmlType = 0
  }

  private let source: SourceLines
  private var nodes: [Node] = [Node(kind: .document, parent: 0)]
  private(set) var codeBlocks: [CodeBlockRecord] = []
  private(set) var firstTitle: HeadingRecord?

  // Per-line state, as in cmark's parser struct.
  private var line: [UInt8] = []
  private var lineIndex = 0
  private var offset = 0
  private var column = 0
  private var firstNonspace = 0
  private var firstNonspaceColumn = 0
  private var indent = 0
  private var blank = false
  private var partiallyConsumedTab = false
  private var current = 0
  /// Where a thematic-break scan failed on this line: a scan from before it fails too, so it is
  /// skipped (cmark's `thematic_break_kill_pos`; keeps `- - - … x` linear).
  private var thematicBreakKillPosition = 0

  private static let tabStop = 4
  private static let codeIndent = 4

  /// Scans lines `startLine..<source.count` of `source` as one CommonMark document.
  init(source: SourceLines, startLine: Int = 0) {
    self.source = source
    if startLine < source.count {
      for index in startLine..<source.count { processLine(index) }
    }
    while current != 0 { current = finalize(current) }
    _ = finalize(0)
  }

  // MARK: - Byte helpers

  private func peek(_ i: Int) -> UInt8 { i < line.count ? line[i] : 0 }
  private static func isSpaceOrTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
  private static func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
  /// cmark_isspace: space, tab, LF, CR (not VT or FF: cmark's table leaves them out).
  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  // MARK: - Line processing (cmark S_process_line)

  private mutating func processLine(_ index: Int) {
    line = Array(source.content(index))
    line.append(0x0A)
    lineIndex = index
    offset = 0
    column = 0
    firstNonspace = 0
    firstNonspaceColumn = 0
    indent = 0
    blank = false
    partiallyConsumedTab = false
    thematicBreakKillPosition = 0

    guard let (lastMatched, allMatched) = checkOpenBlocks() else { return }
    var container = lastMatched
    openNewBlocks(&container, allMatched: allMatched)
    addTextToContainer(container, lastMatched: lastMatched)
  }

  private mutating func findFirstNonspace() {
    var charsToTab = Self.tabStop - (column % Self.tabStop)
    if firstNonspace <= offset {
      firstNonspace = offset
      firstNonspaceColumn = column
      while true {
        let c = peek(firstNonspace)
        if c == 0x20 {
          firstNonspace += 1
          firstNonspaceColumn += 1
          charsToTab -= 1
          if charsToTab == 0 { charsToTab = Self.tabStop }
        } else if c == 0x09 {
          firstNonspace += 1
          firstNonspaceColumn += charsToTab
          charsToTab = Self.tabStop
        } else {
          break
        }
      }
    }
    indent = firstNonspaceColumn - column
    blank = Self.isLineEnd(peek(firstNonspace))
  }

  /// Moves `offset` forward by `count` characters, or by `count` columns when `columns` is true
  /// (a tab may then be consumed only partly: `partiallyConsumedTab`).
  private mutating func advanceOffset(_ count: Int, columns: Bool) {
    var count = count
    while count > 0 && offset < line.count {
      if line[offset] == 0x09 {
        let charsToTab = Self.tabStop - (column % Self.tabStop)
        if columns {
          partiallyConsumedTab = charsToTab > count
          let advance = Swift.min(count, charsToTab)
          column += advance
          offset += partiallyConsumedTab ? 0 : 1
          count -= advance
        } else {
          partiallyConsumedTab = false
          column += charsToTab
          offset += 1
          count -= 1
        }
      } else {
        partiallyConsumedTab = false
        offset += 1
        column += 1
        count -= 1
      }
    }
  }

  /// Walks the open blocks, consuming each container's continuation prefix. Returns the last
  /// matched container and whether every open block matched; `nil` when the line is finished
  /// (a closing code fence).
  private mutating func checkOpenBlocks() -> (Int, Bool)? {
    var container = 0
    var allMatched = true
    var shouldContinue = true
    walk: while let child = nodes[container].lastChild, nodes[child].isOpen {
      container = child
      findFirstNonspace()
      var matched = true
      switch nodes[container].kind {
      case .blockQuote:
        matched = parseBlockQuotePrefix()
      case .item:
        matched = parseItemPrefix(container)
      case .codeBlock:
        (matched, shouldContinue) = parseCodeBlockPrefix(container)
      case .heading:
        matched = false
      case .htmlBlock:
        matched = parseHTMLBlockPrefix(container)
      case .paragraph:
        matched = !blank
      default:
        break
      }
      if !matched {
        allMatched = false
        break walk
      }
    }
    if !allMatched { container = nodes[container].parent }
    return shouldContinue ? (container, allMatched) : nil
  }

  private mutating func parseBlockQuotePrefix() -> Bool {
    guard indent <= 3 && peek(firstNonspace) == UInt8(ascii: ">") else { return false }
    advanceOffset(indent + 1, columns: true)
    if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
    return true
  }

  private mutating func parseItemPrefix(_ container: Int) -> Bool {
    let data = nodes[container].list
    if indent >= data.markerOffset + data.padding {
      advanceOffset(data.markerOffset + data.padding, columns: true)
      return true
    }
    if blank && nodes[container].lastChild != nil {
      advanceOffset(firstNonspace - offset, columns: false)
      return true
    }
    return false
  }

  private mutating func parseCodeBlockPrefix(_ container: Int) -> (matched: Bool, shouldContinue: Bool) {
    guard let ci = nodes[container].code else { return (false, true) }
    let record = codeBlocks[ci]
    if record.isFenced {
      var matched = 0
      if indent <= 3 && peek(firstNonspace) == record.fenceByte {
        matched = scanCloseCodeFence(firstNonspace)
      }
      if matched >= record.fenceLength {
        advanceOffset(matched, columns: false)
        codeBlocks[ci].closeLine = lineIndex
        codeBlocks[ci].lastLine = lineIndex
        current = finalize(container)
        return (false, false)
      }
      var remaining = record.fenceOffset
      while remaining > 0 && Self.isSpaceOrTab(peek(offset)) {
        advanceOffset(1, columns: true)
        remaining -= 1
      }
      return (true, true)
    }
    if indent >= Self.codeIndent {
      advanceOffset(Self.codeIndent, columns: true)
      return (true, true)
    }
    if blank {
      advanceOffset(firstNonspace - offset, columns: false)
      return (true, true)
    }
    return (false, true)
  }

  private func parseHTMLBlockPrefix(_ container: Int) -> Bool {
    switch nodes[container].htmlType {
    case 1...5: return true
    default: return !blank
    }
  }

  // MARK: - New blocks (cmark open_new_blocks)

  private static func acceptsLines(_ kind: Kind) -> Bool {
    kind == .paragraph || kind == .heading || kind == .codeBlock
  }

  private mutating func openNewBlocks(_ container: inout Int, allMatched: Bool) {
    var maybeLazy = nodes[current].kind == .paragraph
    var contKind = nodes[container].kind
    while contKind != .codeBlock && contKind != .htmlBlock {
      findFirstNonspace()
      let indented = indent >= Self.codeIndent
      if !indented && peek(firstNonspace) == UInt8(ascii: ">") {
        advanceOffset(firstNonspace + 1 - offset, columns: false)
        if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        container = addChild(container, .blockQuote)
      } else if !indented, let (matched, level) = scanATXHeadingStart(firstNonspace) {
        container = addChild(container, .heading)
        if level == 1 && nodes[container].parent == 0 && firstTitle == nil {
          let text = Self.atxHeadingText(Array(line[(firstNonspace + level)..<(line.count - 1)]))
          if !text.isEmpty { firstTitle = HeadingRecord(lineIndex: lineIndex, text: text) }
        }
        advanceOffset(firstNonspace + matched - offset, columns: false)
      } else if !indented, let matched = scanOpenCodeFence(firstNonspace) {
        container = addChild(container, .codeBlock)
        openCodeBlock(
          node: container, fenced: true, fenceByte: peek(firstNonspace), fenceLength: matched,
          fenceOffset: firstNonspace - offset)
        advanceOffset(firstNonspace + matched - offset, columns: false)
      } else if !indented,
        let type = scanHTMLBlockStart(firstNonspace)
          ?? (contKind != .paragraph ? scanHTMLBlockStart7(firstNonspace) : nil)
      {
        container = addChild(container, .htmlBlock)
        nodes[container].htmlType = type
      } else if !indented && contKind == .paragraph && scanSetextHeadingLine(firstNonspace) {
        nodes[container].kind = .heading
        advanceOffset(line.count - 1 - offset, columns: false)
      } else if !indented && scanThematicBreak(firstNonspace) {
        container = addChild(container, .thematicBreak)
        advanceOffset(line.count - 1 - offset, columns: false)
      } else if indent < 4,
        let (matched, parsed) = parseListMarker(firstNonspace, interruptsParagraph: contKind == .paragraph)
      {
        var data = parsed
        advanceOffset(firstNonspace + matched - offset, columns: false)
        let savedPartial = partiallyConsumedTab
        let savedOffset = offset
        let savedColumn = column
        while column - savedColumn <= 5 && Self.isSpaceOrTab(peek(offset)) {
          advanceOffset(1, columns: true)
        }
        let spaces = column - savedColumn
        if spaces >= 5 || spaces < 1 || Self.isLineEnd(peek(offset)) {
          data.padding = matched + 1
          offset = savedOffset
          column = savedColumn
          partiallyConsumedTab = savedPartial
          if spaces > 0 { advanceOffset(1, columns: true) }
        } else {
          data.padding = matched + spaces
        }
        data.markerOffset = indent
        if contKind != .list || !Self.listsMatch(nodes[container].list, data) {
          container = addChild(container, .list)
          nodes[container].list = data
        }
        container = addChild(container, .item)
        nodes[container].list = data
      } else if indented && !maybeLazy && !blank {
        advanceOffset(Self.codeIndent, columns: true)
        container = addChild(container, .codeBlock)
        openCodeBlock(node: container, fenced: false, fenceByte: 0, fenceLength: 0, fenceOffset: 0)
      } else {
        break
      }
      if Self.acceptsLines(nodes[container].kind) { break }
      contKind = nodes[container].kind
      maybeLazy = false
    }
  }

  private mutating func openCodeBlock(
    node: Int, fenced: Bool, fenceByte: UInt8, fenceLength: Int, fenceOffset: Int
  ) {
    var inQuote = false
    var inItem = false
    var p = nodes[node].parent
    while p != 0 {
      if nodes[p].kind == .blockQuote { inQuote = true }
      if nodes[p].kind == .item { inItem = true }
      p = nodes[p].parent
    }
    let start = fenced ? firstNonspace : offset
    let startsLine = line[0..<start].allSatisfy(Self.isSpaceOrTab)
    codeBlocks.append(
      CodeBlockRecord(
        isFenced: fenced, fenceByte: fenceByte, fenceLength: fenceLength, fenceOffset: fenceOffset,
        openLine: lineIndex, fenceStart: start, fenceColumn: fenced ? firstNonspaceColumn : column,
        lastLine: lineIndex, inBlockQuote: inQuote, inListItem: inItem, startsLine: startsLine,
        awaitingInfo: fenced))
    nodes[node].code = codeBlocks.count - 1
  }

  private static func listsMatch(_ a: ListData, _ b: ListData) -> Bool {
    a.ordered == b.ordered && a.delimiter == b.delimiter && a.bulletChar == b.bulletChar
  }

  private static func canContain(_ parent: Kind, _ child: Kind) -> Bool {
    switch parent {
    case .document, .blockQuote, .item: return child != .item
    case .list: return child == .item
    default: return false
    }
  }

  private mutating func addChild(_ parent: Int, _ kind: Kind) -> Int {
    var p = parent
    while !Self.canContain(nodes[p].kind, kind) { p = finalize(p) }
    nodes.append(Node(kind: kind, parent: p))
    let child = nodes.count - 1
    nodes[p].lastChild = child
    return child
  }

  /// Closes `node` and returns its parent.
  private mutating func finalize(_ node: Int) -> Int {
    nodes[node].isOpen = false
    return nodes[node].parent
  }

  // MARK: - Text (cmark add_text_to_container)

  private mutating func addTextToContainer(_ start: Int, lastMatched: Int) {
    var container = start
    findFirstNonspace()
    if current != lastMatched && container == lastMatched && !blank && nodes[current].kind == .paragraph {
      return  // lazy continuation line of the open paragraph
    }
    while current != lastMatched { current = finalize(current) }
    switch nodes[container].kind {
    case .codeBlock:
      addLine(container)
    case .htmlBlock:
      if htmlBlockEnds(type: nodes[container].htmlType, from: firstNonspace) {
        container = finalize(container)
      }
    case .paragraph, .heading:
      break
    default:
      if !blank {
        container = addChild(container, .paragraph)
      }
    }
    current = container
  }

  private mutating func addLine(_ node: Int) {
    guard let ci = nodes[node].code else { return }
    let end = line.count - 1
    if codeBlocks[ci].awaitingInfo {
      codeBlocks[ci].awaitingInfo = false
      var lo = Swift.min(offset, end)
      var hi = end
      while lo < hi && Self.isSpace(line[lo]) { lo += 1 }
      while hi > lo && Self.isSpace(line[hi - 1]) { hi -= 1 }
      codeBlocks[ci].info = Array(line[lo..<hi])
      codeBlocks[ci].infoStart = lo
      return
    }
    var consumed = offset
    var spaces = 0
    if partiallyConsumedTab {
      consumed += 1
      spaces = Self.tabStop - (column % Self.tabStop)
    }
    consumed = Swift.min(consumed, end)
    let text = [UInt8](repeating: 0x20, count: spaces) + line[consumed..<end]
    codeBlocks[ci].lines.append(
      ContentLine(lineIndex: lineIndex, consumed: consumed, insertedSpaces: spaces, text: text))
    codeBlocks[ci].lastLine = lineIndex
  }

  // MARK: - Scanners for block starts

  /// `#{1,6}` followed by a space, tab or the end of the line: (characters matched, level).
  private func scanATXHeadingStart(_ pos: Int) -> (Int, Int)? {
    var i = pos
    while peek(i) == UInt8(ascii: "#") { i += 1 }
    let level = i - pos
    guard (1...6).contains(level) else { return nil }
    let c = peek(i)
    guard Self.isSpaceOrTab(c) || Self.isLineEnd(c) else { return nil }
    while Self.isSpaceOrTab(peek(i)) { i += 1 }
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
    } else if end < bytes.count && isSpaceOrTab(bytes[end - 1]) {
      bytes = Array(Array(bytes[0..<end]).trimmingSpacesAndTabs())
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A run of at least 3 backticks or tildes; a backtick fence's info string may not hold a
  /// backtick. Returns the fence length.
  private func scanOpenCodeFence(_ pos: Int) -> Int? {
    let c = peek(pos)
    guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
    var i = pos
    while peek(i) == c { i += 1 }
    let length = i - pos
    guard length >= 3 else { return nil }
    if c == UInt8(ascii: "`") {
      while i < line.count && !Self.isLineEnd(line[i]) {
        if line[i] == UInt8(ascii: "`") { return nil }
        i += 1
      }
    }
    return length
  }

  /// A run of at least 3 fence characters followed only by spaces or tabs. Returns its length or 0.
  private func scanCloseCodeFence(_ pos: Int) -> Int {
    let c = peek(pos)
    guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return 0 }
    var i = pos
    while peek(i) == c { i += 1 }
    let length = i - pos
    guard length >= 3 else { return 0 }
    while Self.isSpaceOrTab(peek(i)) { i += 1 }
    return Self.isLineEnd(peek(i)) ? length : 0
  }

  /// `=+` or `-+` followed only by spaces or tabs.
  private func scanSetextHeadingLine(_ pos: Int) -> Bool {
    let c = peek(pos)
    guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return false }
    var i = pos
    while peek(i) == c { i += 1 }
    while Self.isSpaceOrTab(peek(i)) { i += 1 }
    return Self.isLineEnd(peek(i))
  }

  /// Three or more of the same `*`, `-` or `_`, with only spaces or tabs between.
  private mutating func scanThematicBreak(_ pos: Int) -> Bool {
    guard pos >= thematicBreakKillPosition else { return false }
    let c = peek(pos)
    guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { return false }
    var count = 0
    var i = pos
    while i < line.count {
      let d = line[i]
      if d == c {
        count += 1
      } else if Self.isLineEnd(d) {
        break
      } else if !Self.isSpaceOrTab(d) {
        thematicBreakKillPosition = i
        return false
      }
      i += 1
    }
    if count < 3 { thematicBreakKillPosition = i }
    return count >= 3
  }

  private func parseListMarker(_ pos: Int, interruptsParagraph: Bool) -> (Int, ListData)? {
    var p = pos
    var data = ListData()
    let c = peek(p)
    if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
      p += 1
      guard Self.isSpace(peek(p)) else { return nil }
      if interruptsParagraph {
        var i = p
        while Self.isSpaceOrTab(peek(i)) { i += 1 }
        if Self.isLineEnd(peek(i)) { return nil }
      }
      data.bulletChar = c
    } else if Self.isDigit(c) {
      var start = 0
      var digits = 0
      repeat {
        start = 10 * start + Int(peek(p) - 0x30)
        p += 1
        digits += 1
      } while digits < 9 && Self.isDigit(peek(p))
      if interruptsParagraph && start != 1 { return nil }
      let d = peek(p)
      guard d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
      p += 1
      guard Self.isSpace(peek(p)) else { return nil }
      if interruptsParagraph {
        var i = p
        while Self.isSpaceOrTab(peek(i)) { i += 1 }
        if Self.isLineEnd(peek(i)) { return nil }
      }
      data.ordered = true
      data.delimiter = d
    } else {
      return nil
    }
    return (p - pos, data)
  }

  // MARK: - HTML blocks

  /// (Every HTML block starts with `<`; checking first avoids copying the line for each of many
  /// nested containers.)
  private func scanHTMLBlockStart(_ pos: Int) -> Int? {
    guard peek(pos) == UInt8(ascii: "<") else { return nil }
    return HTMLBlockStart.kind(of: Array(line[pos...]))
  }

  private func scanHTMLBlockStart7(_ pos: Int) -> Int? {
    guard peek(pos) == UInt8(ascii: "<") else { return nil }
    return HTMLBlockStart.isKind7(Array(line[pos...])) ? 7 : nil
  }

  private func htmlBlockEnds(type: Int, from pos: Int) -> Bool {
    HTMLBlockStart.endConditionMet(kind: type, in: Array(line[Swift.min(pos, line.count)...]))
  }
}
