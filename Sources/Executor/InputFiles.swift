/// One file a block read, as recorded in its outcome (and its cache entry):
/// the resolved absolute path, the block option that named it and a digest of
/// the file's bytes when it was read.
///
/// Convention: `digest` is nil when the file was missing (or could not be
/// read) when the block's cache key was made; two outcomes read the same
/// inputs exactly when their `InputFile`s are equal.
public struct InputFile: Codable, Sendable, Equatable {
  /// The path after `${VAR}` and `~` expansion, made absolute against the notebook's folder.
  public var path: String
  /// The option that named the file: `path`, `images`, `labels`.
  public var key: String
  /// A hex digest of the file's bytes, or nil when the file is missing.
  public var digest: String?

  public init(path: String, key: String, digest: String?) {
    self.path = path
    self.key = key
    self.digest = digest
  }
}
