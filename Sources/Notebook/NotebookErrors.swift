/// Several problems of one block found in one pass (every unknown key, bad value and missing key
/// of a block body), thrown once decoding has gone as far as it can.
///
/// `errors` is never empty, holds no two errors at the same position with the same message, and
/// is sorted by position (line, then column); errors at the same position keep the order they
/// were found in.
public struct NotebookErrors: Error, Equatable, Sendable, CustomStringConvertible {
  /// The problems, sorted by position.
  public private(set) var errors: [NotebookError]

  /// The problems of `errors`, deduplicated and sorted; nil when `errors` is empty.
  public init?(_ errors: [NotebookError]) {
    var unique: [NotebookError] = []
    for e in errors where !unique.contains(e) { unique.append(e) }
    guard !unique.isEmpty else { return nil }
    // A stable sort by position (`sorted(by:)` is not guaranteed stable).
    self.errors = unique.enumerated().sorted { a, b in
      a.element.position != b.element.position ? a.element.position < b.element.position : a.offset < b.offset
    }.map(\.element)
  }

  /// The first problem in the notebook.
  public var first: NotebookError { errors[0] }

  /// One `NotebookError.description` a line, in order.
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
