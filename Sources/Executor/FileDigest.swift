#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming content digest for the files a block reads (cache keys).
///
/// FNV-1a with the 128-bit parameters (offset basis
/// `0x6c62272e07bb014262b821756295c58d`, prime `2⁸⁸ + 2⁸ + 0x3b`), fed the
/// file in 1 MiB chunks, so a file of any size costs 1 MiB of memory. The
/// hex text is prefixed with the file size in bytes (`SIZE:HEX`). Not
/// cryptographic: a cache key, never a security boundary.
public enum FileDigest {
  static let offsetBasis: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
  static let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B

  /// The digest of the bytes of the regular file at `path`, or nil when it
  /// is missing, not a regular file or cannot be read. A file longer than
  /// `maximumBytes` is not read: its digest is `SIZE:unread:MTIME` (size and
  /// modification time in nanoseconds), since no block can load it anyway.
  public static func digest(path: String, maximumBytes: Int = .max) -> String? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    if size > maximumBytes {
      let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      return "\(size):unread:\(mtime)"
    }
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var hash = offsetBasis
    var total = 0
    let chunk = 1 << 20
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk)
    defer { buffer.deallocate() }
    while true {
      let n = fread(buffer.baseAddress, 1, chunk, file)
      if n == 0 { break }
      total += n
      hash = update(hash, UnsafeBufferPointer(rebasing: buffer[0..<n]))
    }
    guard ferror(file) == 0 else { return nil }
    return "\(total):" + hex(hash)
  }

  /// FNV-1a 128 of `bytes` continued from `hash`: per byte, `h = (h ^ b) · prime mod 2¹²⁸`.
  static func update(_ hash: UInt128, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt128 {
    var h = hash
    for b in bytes { h = (h ^ UInt128(b)) &* prime }
    return h
  }

  /// FNV-1a 128 of `bytes` as 32 hex digits (for tests and small inputs).
  public static func hex(of bytes: [UInt8]) -> String {
    hex(bytes.withUnsafeBufferPointer { update(offsetBasis, $0) })
  }

  static func hex(_ h: UInt128) -> String {
    let digits = String(h, radix: 16)
    return String(repeating: "0", count: 32 - digits.count) + digits
  }
}
