/// The seven kinds of CommonMark HTML blocks (spec 0.31.2, "HTML blocks"), with the spec's
/// numbering of their start conditions as raw values.
enum HTMLBlockKind: Int, Sendable, Equatable, CaseIterable {
  /// 1: `<pre`, `<script`, `<style` or `<textarea`; ends at a line holding `</pre>`,
  /// `</script>`, `</style>` or `</textarea>`.
  case rawText = 1
  /// 2: `<!--`; ends at a line holding `-->`.
  case comment
  /// 3: `<?`; ends at a line holding `?>`.
  case processingInstruction
  /// 4: `<!` and an ASCII letter; ends at a line holding `>`.
  case declaration
  /// 5: `<![CDATA[`; ends at a line holding `]]>`.
  case cdata
  /// 6: `<` or `</` and a block tag name (`HTMLBlockStart.blockTagNames`); ends before a blank line.
  case blockTag
  /// 7: any other complete open or closing tag alone on its line; ends before a blank line and
  /// cannot interrupt a paragraph.
  case completeTag

  /// Kinds 6 and 7 end before a blank line; kinds 1–5 run through blank lines until a line
  /// meets their end condition.
  var endsAtBlankLine: Bool {
    switch self {
    case .blockTag, .completeTag: return true
    case .rawText, .comment, .processingInstruction, .declaration, .cdata: return false
    }
  }
}
