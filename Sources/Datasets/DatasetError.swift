/// What went wrong while building a data set, in words a notebook author can act on.
///
/// `message` says what is wrong (naming the file, row, column or value concerned);
/// `hint` says what to change; `key` is the `data` block key concerned (`"path"`,
/// `"images"`, `"labels"`, `"classes"`, `"target"`, `"split"`, …) so that the
/// caller can point at the right line of the block, or `nil` when no single key is
/// to blame.
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// What to change, when there is something useful to say.
  public var hint: String?
  /// The block key concerned, e.g. `"path"`, `"classes"`, `"target"`.
  public var key: String?

  /// An error with `message`, optional `hint` and the block `key` concerned.
  public init(_ message: String, hint: String? = nil, key: String? = nil) {
    self.message = message
    self.hint = hint
    self.key = key
  }

  /// `message`, followed by the hint when there is one.
  public var description: String {
    if let hint { return message + " " + hint }
    return message
  }
}
