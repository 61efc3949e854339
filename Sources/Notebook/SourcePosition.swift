import Tensor

/// A place in the notebook file, in the coordinates a text editor shows.
///
/// * `line` is 1-based and counts every line of the file, front matter included. A line ends at
///   LF, CRLF or a lone CR (the CommonMark line endings).
/// * `column` is 1-based and counts Unicode scalars from the start of the line: a tab counts as
///   one column, and a leading UTF-8 byte-order mark is not counted.
///
/// Positions order first by line, then by column.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// 1-based line number in the notebook file.
  public var line: Int
  /// 1-based column (Unicode scalars from the start of the line).
  public var column: Int

  /// The position at `line`, `column` (both 1-based).
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// Lexicographic order: `(line, column)`.
  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// `"line L, column C"`.
  public var description: String { "line \(line), column \(column)" }
}

/// An error in the notebook text, positioned at the notebook line and column it is about.
///
/// `message` says what is wrong (no trailing period); `hint`, when present, says what to change
/// (a full sentence, e.g. "Did you mean 'step'?").
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where the problem is (notebook coordinates).
  public var position: SourcePosition
  /// What is wrong, e.g. `unknown key 'lerning-rate'`.
  public var message: String
  /// What to change, e.g. `Did you mean 'learning-rate'?`; `nil` when there is nothing useful to add.
  public var hint: String?

  /// An error at `position`.
  public init(position: SourcePosition, message: String, hint: String? = nil) {
    self.position = position
    self.message = message
    self.hint = hint
  }

  /// An error at `line`, `column` (both 1-based).
  public init(line: Int, column: Int, message: String, hint: String? = nil) {
    self.init(position: SourcePosition(line: line, column: column), message: message, hint: hint)
  }

  /// `"line L, column C: message (hint)"`, or `"line L, column C: message"` without a hint
  /// (`ErrorText.terminal`).
  public var description: String {
    ErrorText.terminal(line: position.line, column: position.column, message, hint: hint)
  }
}
