import Tensor

/// An error raised while producing a report: a missing external program, a failing gnuplot or
/// graphviz run, or unreadable/unwritable report assets.
///
/// `message` says what went wrong; `hint` (when present) says what to do about it, as a clause
/// that follows the message in parentheses (`ErrorText.terminal`), for example
/// `"install the Debian package gnuplot-nox, e.g. with scripts/install-deps"`.
public struct ReportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, one line.
  public var message: String
  /// What to change or install, or `nil` when there is nothing specific to suggest.
  public var hint: String?

  /// Creates an error from a message and an optional hint.
  public init(message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  /// `"message (hint)"`, or just the message when there is no hint.
  public var description: String { ErrorText.terminal(message, hint: hint) }

  /// The one-line warning printed for this error: `message (hint); consequence`, e.g.
  /// `gnuplot not found on PATH (install the Debian package gnuplot-nox, e.g. with
  /// scripts/install-deps); the report is written without the figures that need it`.
  public func warning(_ consequence: String) -> String {
    "\(description); \(consequence)"
  }
}
