/// `NotebookError` as stored in the block cache: one flat object
/// `{"line": L, "column": C, "message": "…", "hint": "…"}`, with no `hint` key when there is no
/// hint. These are the keys the cache has always used (it stored a copy type, `BlockFailure`,
/// with exactly these fields), so entries written before the copy was removed decode unchanged.
/// `results.json` writes the same keys in a fixed order through its own writer
/// (`ResultsJSON.failure`).
extension NotebookError: Codable {
  /// The four stored keys; `position` is flattened into `line` and `column`.
  enum CodingKeys: String, CodingKey {
    case line, column, message, hint
  }

  /// Reads `line`, `column`, `message` and an optional `hint` (absent or `null`: no hint).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      line: try c.decode(Int.self, forKey: .line), column: try c.decode(Int.self, forKey: .column),
      message: try c.decode(String.self, forKey: .message),
      hint: try c.decodeIfPresent(String.self, forKey: .hint))
  }

  /// Writes `line`, `column`, `message`, and `hint` only when there is one.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(position.line, forKey: .line)
    try c.encode(position.column, forKey: .column)
    try c.encode(message, forKey: .message)
    try c.encodeIfPresent(hint, forKey: .hint)
  }
}
