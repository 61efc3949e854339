#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads straight into a byte array (one copy, no `Data` in between).
enum FileBytes {
  /// The bytes of the file at `path`; throws naming the path when it is missing,
  /// a folder, or unreadable. `key` is the block key the path came from.
  static func read(_ path: String, key: String?) throws(DatasetError) -> [UInt8] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw DatasetError("no file at '\(path)'", hint: missingHint(path), key: key)
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw DatasetError("'\(path)' is not a regular file (a folder?)", key: key)
    }
    guard let file = fopen(path, "rb") else {
      throw DatasetError("cannot open '\(path)': \(String(cString: strerror(errno)))", key: key)
    }
    defer { fclose(file) }
    let size = Int(info.st_size)
    var readCount = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      if let base = buffer.baseAddress, size > 0 {
        readCount = fread(base, 1, size, file)
      }
      initialized = readCount
    }
    guard readCount == size else {
      throw DatasetError(
        "could only read \(readCount) of the \(size) bytes of '\(path)'", key: key)
    }
    return bytes
  }

  /// The size in bytes of the regular file at `path`, or nil when there is none.
  static func size(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// At most the first `count` bytes of the file at `path` (fewer when it is
  /// shorter); throws as `read` does.
  static func prefix(_ path: String, count: Int, key: String?) throws(DatasetError) -> [UInt8] {
    guard size(path) != nil else {
      _ = try read(path, key: key)
      return []
    }
    guard let file = fopen(path, "rb") else {
      throw DatasetError("cannot open '\(path)': \(String(cString: strerror(errno)))", key: key)
    }
    defer { fclose(file) }
    var got = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress, count > 0 { got = fread(base, 1, count, file) }
      initialized = got
    }
    return bytes
  }

  /// True when a regular file or a folder exists at `path`.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// "There is 'x.gz' beside it" when the path with or without `.gz` exists.
  static func missingHint(_ path: String) -> String? {
    if path.hasSuffix(".gz") {
      let raw = String(path.dropLast(3))
      if exists(raw) { return "There is an uncompressed '\(raw)': write the path without '.gz'." }
    } else if exists(path + ".gz") {
      return "There is a compressed '\(path).gz': add '.gz' to the path."
    }
    return nil
  }
}
