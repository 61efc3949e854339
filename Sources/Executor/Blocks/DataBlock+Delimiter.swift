import Datasets
import Notebook

extension DataBlockSpec {
  /// A csv block's `delimiter:` (`CSVDelimiter(spelling:)`); anything else is an error at the
  /// value listing the accepted spellings. An empty value (a bare `|` starts a YAML text block)
  /// gets a hint to quote the character.
  static func delimiter(_ node: SpecNode) throws(NotebookError) -> CSVDelimiter {
    let text = node.isNull ? "" : try node.string()
    if let delimiter = CSVDelimiter(spelling: text) { return delimiter }
    let quote =
      text.isEmpty
      ? " Quote the character, e.g. `delimiter: \"|\"` (a bare | starts a YAML text block)." : ""
    throw NotebookError(
      position: node.position, message: "unknown delimiter '\(text)'",
      hint: "Write one of: \(CSVDelimiter.spellings)." + quote)
  }
}
