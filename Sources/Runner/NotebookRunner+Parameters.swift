import Notebook

extension NotebookRunner {
  /// `document` with the `--set` overrides applied; an undeclared name is a usage error (exit 2)
  /// that lists the declared parameters.
  static func parameterized(_ document: NotebookDocument, _ options: RunOptions, _ path: String) throws
    -> NotebookDocument
  {
    guard !options.parameterOverrides.isEmpty else { return document }
    do {
      return try document.applying(overrides: options.parameterOverrides)
    } catch {
      throw UsageError("\(path): --set: \(error)")
    }
  }

  /// Parses `NAME=VALUE` (the value may be empty or hold `=`); `nil` without `=` or name.
  public static func parseAssignment(_ text: String) -> (name: String, value: String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}
