extension BlockScanner {
  // MARK: - Line processing (cmark S_process_line)

  mutating func processLine(_ index: Int) {
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

  mutating func findFirstNonspace() {
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
    blank = ByteClass.isLineEnding(peek(firstNonspace))
  }

  /// Moves `offset` forward by `count` characters, or by `count` columns when `columns` is true
  /// (a tab may then be consumed only partly: `partiallyConsumedTab`).
  mutating func advanceOffset(_ count: Int, columns: Bool) {
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
  mutating func checkOpenBlocks() -> (Int, Bool)? {
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
      case .htmlBlock(let htmlKind):
        matched = !htmlKind.endsAtBlankLine || !blank
      case .paragraph:
        matched = !blank
      case .document, .list, .thematicBreak:
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

  mutating func parseBlockQuotePrefix() -> Bool {
    guard indent <= 3 && peek(firstNonspace) == UInt8(ascii: ">") else { return false }
    advanceOffset(indent + 1, columns: true)
    if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
    return true
  }

  mutating func parseItemPrefix(_ container: Int) -> Bool {
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

  mutating func parseCodeBlockPrefix(_ container: Int) -> (matched: Bool, shouldContinue: Bool) {
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
      while remaining > 0 && ByteClass.isSpaceOrTab(peek(offset)) {
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

  // MARK: - New blocks (cmark open_new_blocks)

  /// Blocks that take the rest of the line as text (no block starts after them on the line).
  static func acceptsLines(_ kind: Kind) -> Bool {
    switch kind {
    case .paragraph, .heading, .codeBlock: return true
    case .document, .blockQuote, .list, .item, .htmlBlock, .thematicBreak: return false
    }
  }

  /// Code and HTML blocks: their lines are raw, so no new block opens inside them.
  static func holdsRawLines(_ kind: Kind) -> Bool {
    switch kind {
    case .codeBlock, .htmlBlock: return true
    case .document, .blockQuote, .list, .item, .paragraph, .heading, .thematicBreak: return false
    }
  }

  mutating func openNewBlocks(_ container: inout Int, allMatched: Bool) {
    var maybeLazy = nodes[current].kind == .paragraph
    var contKind = nodes[container].kind
    while !Self.holdsRawLines(contKind) {
      findFirstNonspace()
      let indented = indent >= Self.codeIndent
      if !indented && peek(firstNonspace) == UInt8(ascii: ">") {
        advanceOffset(firstNonspace + 1 - offset, columns: false)
        if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
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
        let htmlKind = scanHTMLBlockStart(firstNonspace, interruptsParagraph: contKind == .paragraph)
      {
        container = addChild(container, .htmlBlock(htmlKind))
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
        while column - savedColumn <= 5 && ByteClass.isSpaceOrTab(peek(offset)) {
          advanceOffset(1, columns: true)
        }
        let spaces = column - savedColumn
        if spaces >= 5 || spaces < 1 || ByteClass.isLineEnding(peek(offset)) {
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

  mutating func openCodeBlock(
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
    let startsLine = line[0..<start].allSatisfy(ByteClass.isSpaceOrTab)
    codeBlocks.append(
      CodeBlockRecord(
        isFenced: fenced, fenceByte: fenceByte, fenceLength: fenceLength, fenceOffset: fenceOffset,
        openLine: lineIndex, fenceStart: start, fenceColumn: fenced ? firstNonspaceColumn : column,
        lastLine: lineIndex, inBlockQuote: inQuote, inListItem: inItem, startsLine: startsLine,
        awaitingInfo: fenced))
    nodes[node].code = codeBlocks.count - 1
  }

  static func listsMatch(_ a: ListData, _ b: ListData) -> Bool {
    a.ordered == b.ordered && a.delimiter == b.delimiter && a.bulletChar == b.bulletChar
  }

  static func canContain(_ parent: Kind, _ child: Kind) -> Bool {
    switch parent {
    case .document, .blockQuote, .item: return child != .item
    case .list: return child == .item
    case .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak: return false
    }
  }

  mutating func addChild(_ parent: Int, _ kind: Kind) -> Int {
    var p = parent
    while !Self.canContain(nodes[p].kind, kind) { p = finalize(p) }
    nodes.append(Node(kind: kind, parent: p))
    let child = nodes.count - 1
    nodes[p].lastChild = child
    return child
  }

  /// Closes `node` and returns its parent.
  mutating func finalize(_ node: Int) -> Int {
    nodes[node].isOpen = false
    return nodes[node].parent
  }

  // MARK: - Text (cmark add_text_to_container)

  mutating func addTextToContainer(_ start: Int, lastMatched: Int) {
    var container = start
    findFirstNonspace()
    if current != lastMatched && container == lastMatched && !blank && nodes[current].kind == .paragraph {
      return  // lazy continuation line of the open paragraph
    }
    while current != lastMatched { current = finalize(current) }
    switch nodes[container].kind {
    case .codeBlock:
      addLine(container)
    case .htmlBlock(let htmlKind):
      if htmlBlockEnds(htmlKind, from: firstNonspace) {
        container = finalize(container)
      }
    case .paragraph, .heading:
      break
    case .document, .blockQuote, .list, .item, .thematicBreak:
      if !blank {
        container = addChild(container, .paragraph)
      }
    }
    current = container
  }

  mutating func addLine(_ node: Int) {
    guard let ci = nodes[node].code else { return }
    let end = line.count - 1
    if codeBlocks[ci].awaitingInfo {
      codeBlocks[ci].awaitingInfo = false
      var lo = Swift.min(offset, end)
      var hi = end
      while lo < hi && ByteClass.isSpaceTabOrLineEnding(line[lo]) { lo += 1 }
      while hi > lo && ByteClass.isSpaceTabOrLineEnding(line[hi - 1]) { hi -= 1 }
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
}
