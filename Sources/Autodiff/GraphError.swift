/// An error in a `graph` body: a syntax error, a name error, a shape error, or an
/// evaluation that cannot go on (a singular matrix, a non-scalar output).
///
/// `line` and `column` are 1-based positions within the text given to
/// ``GraphProgram/parse(_:)`` (the caller adds the notebook offset). Columns count
/// characters. Evaluation errors point at the operator or function name of the
/// failing node. `line == 0` (and `column == 0`) means the error concerns an option
/// the caller passed (an `output` name, a `wrt` input, an `epsilon`), not the text.
public struct GraphError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 1-based line within the graph text; 0 for a caller-supplied option.
  public var line: Int
  /// 1-based column within that line; 0 for a caller-supplied option.
  public var column: Int
  /// What went wrong, e.g. `cannot add 2×1 and 3×1`.
  public var message: String
  /// How to fix it, e.g. `Did you mean 'sigmoid'?`, when there is something to say.
  public var hint: String?

  /// An error at `line`, `column` with `message` and an optional `hint`.
  public init(line: Int, column: Int, message: String, hint: String? = nil) {
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `line L, column C: message hint` (the position is left out when `line == 0`).
  public var description: String {
    let position = line > 0 ? "line \(line), column \(column): " : ""
    return position + message + (hint.map { " " + $0 } ?? "")
  }
}

/// A failure inside one operation (a shape mismatch, a singular matrix), before the
/// graph adds the node's name and position to make it a ``GraphError``.
struct OperationFailure: Error, Equatable, Sendable {
  /// What went wrong, e.g. `cannot add 2×1 and 3×1`.
  var message: String
  /// How to fix it, when there is something to say.
  var hint: String?

  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }
}
