import Tensor

/// What went wrong while building a data set, in words a notebook author can act on.
///
/// `message` says what is wrong (naming the file, row, column or value concerned),
/// without a final period; `hint` says what to change, as full sentences; `key` is
/// the `data` block key concerned (`"path"`, `"images"`, `"labels"`, `"classes"`,
/// `"target"`, `"split"`, …) so that the caller can point at the right line of the
/// block, or `nil` when no single key is to blame. When the key holds a list (the
/// `classes` of a gaussian source), `item` is the 0-based element concerned and
/// `itemKey` the key within it (`"mean"`, `"cov"`, `"n"`), when there is one.
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// What to change, when there is something useful to say.
  public var hint: String?
  /// The block key concerned, e.g. `"path"`, `"classes"`, `"target"`.
  public var key: String?
  /// The 0-based element of the list under `key` concerned, e.g. class 1 of `classes`.
  public var item: Int?
  /// The key within that element, e.g. `"cov"`.
  public var itemKey: String?
  /// For a memory-limit error: the bytes the data would need; `message` then
  /// names what needs them (`the 60000 images of 28×28 pixels in 'PATH'`) and
  /// the caller words the error against its budget.
  public var neededBytes: Double?

  /// An error with `message`, optional `hint` and the block `key` concerned (and, for a
  /// list, the `item` and the `itemKey` within it).
  public init(
    _ message: String, hint: String? = nil, key: String? = nil, item: Int? = nil, itemKey: String? = nil,
    neededBytes: Double? = nil
  ) {
    self.neededBytes = neededBytes
    self.message = message
    self.hint = hint
    self.key = key
    self.item = item
    self.itemKey = itemKey
  }

  /// `message (hint)`, or the message alone (`ErrorText.terminal`).
  public var description: String { ErrorText.terminal(message, hint: hint) }
}

/// Checks of sizes read from data files against the caller's memory limit.
enum MemoryCheck {
  /// Throws a ``DatasetError`` with `neededBytes` set when `bytes` exceed `limit`;
  /// `what` names what needs them.
  static func check(_ bytes: Double, _ what: String, key: String?, limit: Int) throws(DatasetError) {
    guard bytes > Double(limit) else { return }
    throw DatasetError(what, key: key, neededBytes: bytes)
  }
}
