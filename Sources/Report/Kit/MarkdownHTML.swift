import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML through cmark-gfm, with TeX math kept intact for KaTeX.
public enum MarkdownHTML {
  /// The cmark-gfm syntax extensions attached to every parser, as on GitHub.
  static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

  /// Options for rendering: raw HTML passes through (`CMARK_OPT_UNSAFE`, as on GitHub: the
  /// `tagfilter` extension still turns `<script>`, `<style>`, `<iframe>`, `<textarea>`,
  /// `<title>`, `<xmp>`, `<noembed>`, `<noframes>` and `<plaintext>` into inert `&lt;…` text,
  /// and `makeInert` applies `RawHTMLFilter`) and footnotes (`[^1]`) are recognised.
  static let renderOptions: Int32 = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES

  /// Renders a GitHub-flavoured Markdown document (or fragment) to an HTML fragment.
  ///
  /// Extensions: tables, `~~strikethrough~~`, autolinks (`www.…`, `https://…`), task lists
  /// (`- [x]`), footnotes, and the tag filter described at `renderOptions`.
  ///
  /// Math (pandoc's `tex_math_dollars` rules, see `MathSpans`): `$…$` becomes
  /// `<span class="math inline">\(TeX\)</span>` and `$$…$$` becomes
  /// `<span class="math display">\[TeX\]</span>`, the TeX being the exact source text between
  /// the delimiters, HTML-escaped, so that backslashes, braces, `_` and `*` reach KaTeX
  /// unchanged. Dollars inside code spans, fenced or indented code blocks and HTML blocks are
  /// left alone. Deterministic: the same input gives the same bytes.
  public static func render(_ markdown: String) -> String {
    let math = MathSpans.extract(from: markdown, lines: sourceLines(markdown))
    let html = renderPlain(math.text)
    return math.restore(into: html)
  }

  /// cmark-gfm rendering with the extensions and options above and no math handling.
  static func renderPlain(_ markdown: String) -> String {
    let html = withDocument(markdown, options: renderOptions) { document, extensions -> String in
      makeInert(document)
      guard let html = cmark_render_html(document, renderOptions, extensions) else { return "" }
      defer { free(html) }
      return String(cString: html)
    }
    return html ?? ""
  }

  /// Raw HTML and link destinations that could run script, made inert before rendering:
  /// each raw HTML node's text goes through `RawHTMLFilter.sanitize` (no event handlers, no
  /// script URLs, allowlisted elements only), and a link or image whose destination fails
  /// `RawHTMLFilter.isSafeURL` (`javascript:`, …) gets an empty one, as cmark's safe mode does.
  private static func makeInert(_ document: OpaquePointer) {
    guard let iterator = cmark_iter_new(document) else { return }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let safe = RawHTMLFilter.sanitize(literal)
        if safe != literal { cmark_node_set_literal(node, safe) }
      } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        if !RawHTMLFilter.isSafeURL(url) { cmark_node_set_url(node, "") }
      }
    }
  }

  /// Where math may and may not be: per 1-based source line, whether it belongs to a code
  /// block (fenced or indented) or an HTML block, where `$` is not a math delimiter, and the
  /// innermost block containing it (so that inline math never joins two blocks). Lines are
  /// counted as cmark counts them (ended by `\n`, `\r\n` or `\r`).
  static func sourceLines(_ markdown: String) -> SourceLineMap {
    let options = renderOptions | CMARK_OPT_SOURCEPOS
    let map = withDocument(markdown, options: options) { document, _ -> SourceLineMap in
      var map = SourceLineMap()
      guard let iterator = cmark_iter_new(document) else { return map }
      defer { cmark_iter_free(iterator) }
      var nextBlock = 0
      while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
        let type = cmark_node_get_type(node)
        guard type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK),
          type != CMARK_NODE_DOCUMENT
        else { continue }
        let start = Int(cmark_node_get_start_line(node))
        let end = max(start, Int(cmark_node_get_end_line(node)))
        guard start > 0 else { continue }
        // Blocks are entered parent first, so the innermost block is assigned last.
        nextBlock += 1
        for line in start...end { map.block[line] = nextBlock }
        if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
          map.protected.formUnion(start...end)
        }
      }
      return map
    }
    return map ?? SourceLineMap()
  }

  /// Parses `markdown` with the GFM extensions attached and hands the document and the
  /// parser's extension list to `body`; frees everything afterwards. `nil` only when cmark
  /// could not allocate a parser or document (out of memory).
  private static func withDocument<T>(
    _ markdown: String, options: Int32,
    _ body: (_ document: OpaquePointer, _ extensions: UnsafeMutablePointer<cmark_llist>?) -> T
  ) -> T? {
    _ = registerExtensions
    guard let parser = cmark_parser_new(options) else { return nil }
    defer { cmark_parser_free(parser) }
    for name in extensionNames {
      if let syntaxExtension = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, syntaxExtension)
      }
    }
    var text = markdown
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
      }
    }
    guard let document = cmark_parser_finish(parser) else { return nil }
    defer { cmark_node_free(document) }
    return body(document, cmark_parser_get_syntax_extensions(parser))
  }

  /// `cmark_gfm_core_extensions_ensure_registered()` run exactly once (Swift `static let`
  /// initialisation is thread-safe).
  private static let registerExtensions: Void = {
    cmark_gfm_core_extensions_ensure_registered()
  }()
}
