/// Per-line facts about a Markdown source, from a cmark parse with source positions.
struct SourceLineMap: Sendable {
  /// 1-based lines inside code blocks or HTML blocks: copied verbatim, no math.
  var protected = Set<Int>()
  /// 1-based line → id of the innermost block containing it (absent for blank lines).
  var block = [Int: Int]()
}
