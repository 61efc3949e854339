import Autodiff
import Notebook

/// A graph block's assignments with `${name}` replaced by parameter values (contract section 13),
/// line by line, keeping what is needed to put error columns back where the user wrote them.
///
/// **Choice:** a parameter in a graph assignment is replaced by its value's text before the
/// assignments are parsed (`x = ${x0}` reads `x = 2` when `x0` is 2); an error inside a replaced
/// value points at the `$` of its `${…}`, and columns after it are the notebook's.
struct GraphParameters: Sendable {
  /// The substituted assignments.
  let text: String
  /// Replacements per 1-based line.
  let replacements: [Int: [ParameterText.Replacement]]

  static func substitute(_ assignments: String, _ values: ParameterValues) -> GraphParameters {
    guard !values.entries.isEmpty, assignments.contains("${") else {
      return GraphParameters(text: assignments, replacements: [:])
    }
    var lines: [String] = []
    var replacements: [Int: [ParameterText.Replacement]] = [:]
    for (i, line) in assignments.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let (text, done) = ParameterText.substitute(String(line), values)
      lines.append(text)
      if !done.isEmpty { replacements[i + 1] = done }
    }
    return GraphParameters(text: lines.joined(separator: "\n"), replacements: replacements)
  }

  /// `error` with its column (and a cited column on the same line) in the original text.
  func original(_ error: GraphError) -> GraphError {
    guard let done = replacements[error.line] else { return error }
    var copy = error
    copy.column = ParameterText.originalColumn(error.column, done)
    if let related = error.relatedColumn {
      copy.relatedColumn = ParameterText.originalColumn(related, done)
    }
    return copy
  }
}
