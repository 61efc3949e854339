/// The one terminal rendering of an error and its hint, used by every error type
/// (`NotebookError`, `NeuralNetError`, `DatasetError`, `GraphError`, `ReportError`) and by the
/// runner's `file:line:column: error:` lines: `message (hint)`, or the message alone when
/// there is no hint (an empty hint counts as none). Reports show the hint as a paragraph of its
/// own instead (the error box in Report).
public enum ErrorText {
  /// `message (hint)`, or `message`.
  public static func terminal(_ message: String, hint: String?) -> String {
    guard let hint, !hint.isEmpty else { return message }
    return "\(message) (\(hint))"
  }

  /// `line L, column C: message (hint)`.
  public static func terminal(line: Int, column: Int, _ message: String, hint: String?) -> String {
    "line \(line), column \(column): " + terminal(message, hint: hint)
  }
}
