import Tensor

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

  /// Another line of the graph text the message cites (where a name is assigned), 1-based;
  /// `nil` when the message cites none.
  public var relatedLine: Int?
  /// A column of the error's own line the message cites (where a parenthesis opened), 1-based;
  /// `nil` when the message cites none.
  public var relatedColumn: Int?
  /// How the message and hint are built from the cited line and column, so that a caller can
  /// write them in its own coordinates (``citing(line:column:)``).
  var template: Template?
  /// The limit that stopped the graph (time or memory), for the caller to phrase in its
  /// own terms; `nil` for an error in the graph itself. `message` is empty when set.
  public var limit: Limit?

  /// An error at `line`, `column` with `message` and an optional `hint`.
  public init(line: Int, column: Int, message: String, hint: String? = nil) {
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// A limit reached at `line`, `column` (0, 0 when no node is to blame).
  init(line: Int, column: Int, message: String, limit: Limit) {
    self.init(line: line, column: column, message: message)
    self.limit = limit
  }

  /// An error whose message cites another line or column of the graph text.
  init(line: Int, column: Int, template: Template, relatedLine: Int? = nil, relatedColumn: Int? = nil) {
    let (message, hint) = template.text(line: line, relatedLine: relatedLine, relatedColumn: relatedColumn)
    self.init(line: line, column: column, message: message, hint: hint)
    self.template = template
    self.relatedLine = relatedLine
    self.relatedColumn = relatedColumn
  }

  /// The same error with the line and column numbers its message and hint cite converted by
  /// `line` and `column` (graph-text coordinates to the caller's, e.g. notebook lines); `line`,
  /// `column`, `relatedLine` and `relatedColumn` themselves are kept in graph-text coordinates.
  /// An error that cites nothing is returned unchanged.
  public func citing(line lineMap: (Int) -> Int, column columnMap: (Int) -> Int) -> GraphError {
    guard let template else { return self }
    var copy = self
    (copy.message, copy.hint) = template.text(
      line: lineMap(line), relatedLine: relatedLine.map(lineMap), relatedColumn: relatedColumn.map(columnMap))
    return copy
  }

  /// `line L, column C: message hint` (the position is left out when `line == 0`).
  public var description: String {
    let position = line > 0 ? "line \(line), column \(column): " : ""
    return position + ErrorText.terminal(message, hint: hint)
  }
}

extension GraphError {
  /// A limit of ``GraphLimits`` that was reached.
  public enum Limit: Equatable, Sendable {
    /// The deadline passed `while` doing something (`computing finite differences for 'A'`).
    case time(while: String)
    /// `what` would need about `bytes` bytes, more than ``GraphLimits/memoryBytes``.
    case memory(bytes: Double, what: String)
  }

  /// The messages that cite another place of the graph text.
  enum Template: Equatable, Sendable {
    /// `'x' is already assigned on line L` (L: `relatedLine`).
    case alreadyAssigned(name: String)
    /// `'b' is used before it is assigned (on line L)` (L: `relatedLine`), hint
    /// `Move the assignment of 'b' above line M.` (M: the error's line).
    case usedBeforeAssignment(name: String)
    /// `expected ')' to close the '(' at column C, found …` (C: `relatedColumn`).
    case unclosedParenthesis(found: String)
    /// `expected ',' or ')' in the call of f opened at column C, found …` (C: `relatedColumn`).
    case unclosedCall(function: String, found: String)

    /// Message and hint with the given numbers.
    func text(line: Int, relatedLine: Int?, relatedColumn: Int?) -> (String, String?) {
      let other = relatedLine.map(String.init) ?? "?"
      let column = relatedColumn.map(String.init) ?? "?"
      switch self {
      case .alreadyAssigned(let name):
        return (
          "'\(name)' is already assigned on line \(other)",
          "Each name is assigned once; give the new value a name of its own."
        )
      case .usedBeforeAssignment(let name):
        return (
          "'\(name)' is used before it is assigned (on line \(other))",
          "Move the assignment of '\(name)' above line \(line)."
        )
      case .unclosedParenthesis(let found):
        return ("expected ')' to close the '(' at column \(column), found \(found)", nil)
      case .unclosedCall(let function, let found):
        return (
          "expected ',' or ')' in the call of \(function) opened at column \(column), found \(found)", nil
        )
      }
    }
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
