import Foundation
import Tensor

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming content digest for the files a block reads (cache keys).
///
/// Two 64-bit FNV-1a lanes over the file read as little-endian 8-byte words
/// (the last word padded with zeros): lane 1 from the FNV offset basis
/// `0xcbf29ce484222325`, lane 2 from its bit complement and fed each word
/// byte-swapped; each step is `h = (h ^ w) · 0x100000001b3 mod 2⁶⁴`. The file
/// is read in 1 MiB chunks, so any size costs 1 MiB of memory, and words keep
/// it fast in debug builds too. The text is `SIZE:HEX` (the byte count, then
/// 32 hex digits). Not cryptographic: a cache key, never a security boundary.
public enum FileDigest {

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
    var state = State()
    let chunk = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
    defer { buffer.deallocate() }
    while true {
      let n = fread(buffer.baseAddress, 1, chunk, file)
      if n == 0 { break }
      state.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      if n < chunk { break }
    }
    guard ferror(file) == 0 else { return nil }
    return state.text
  }

  /// The digest of `bytes` (the same text as for a file holding them).
  public static func digest(of bytes: [UInt8]) -> String {
    var state = State()
    bytes.withUnsafeBytes { state.update($0) }
    return state.text
  }

  /// The two lanes and the byte count. Chunks passed to `update` must be
  /// multiples of 8 bytes except the last.
  struct State {
    var a = FNV1a.offsetBasis
    var b = ~FNV1a.offsetBasis
    var count = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
      let words = bytes.count / 8
      for i in 0..<words {
        let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
        a = FNV1a.step(a, w)
        b = FNV1a.step(b, w.byteSwapped)
      }
      if bytes.count > 8 * words {
        var w: UInt64 = 0
        for (k, byte) in bytes[(8 * words)...].enumerated() { w |= UInt64(byte) << (8 * UInt64(k)) }
        a = FNV1a.step(a, w)
        b = FNV1a.step(b, w.byteSwapped)
      }
      count += bytes.count
    }

    var text: String { "\(count):" + String(format: "%016llx%016llx", a, b) }
  }
}
