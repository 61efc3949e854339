import CCmark

/// A code block as cmark-gfm (the CommonMark reference implementation, no extensions) sees it.
public struct ReferenceCodeBlock: Equatable, CustomStringConvertible {
  /// Fenced (`true`) or indented.
  public var isFenced: Bool
  /// The info string, with backslash escapes and entities decoded (empty for indented code).
  public var info: String
  /// The content lines, each ended by "\n".
  public var content: String
  /// 1-based line of the opening fence or of the first code line.
  public var line: Int

  public init(isFenced: Bool, info: String, content: String, line: Int) {
    self.isFenced = isFenced
    self.info = info
    self.content = content
    self.line = line
  }

  public var description: String {
    "\(isFenced ? "fenced" : "indented") at line \(line), info \(info.debugDescription), "
      + "content \(content.debugDescription)"
  }

  /// The code blocks of `markdown` in document order.
  public static func all(in markdown: String) -> [ReferenceCodeBlock] {
    guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
    defer { cmark_parser_free(parser) }
    var text = markdown
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
      }
    }
    guard let document = cmark_parser_finish(parser) else { return [] }
    defer { cmark_node_free(document) }
    guard let iterator = cmark_iter_new(document) else { return [] }
    defer { cmark_iter_free(iterator) }
    var blocks: [ReferenceCodeBlock] = []
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
        cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
      else { continue }
      var length: Int32 = 0
      var offset: Int32 = 0
      var character: CChar = 0
      let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
      blocks.append(
        ReferenceCodeBlock(
          isFenced: fenced,
          info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
          content: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
          line: Int(cmark_node_get_start_line(node))))
    }
    return blocks
  }
}
