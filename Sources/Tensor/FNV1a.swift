/// 64-bit FNV-1a (Fowler–Noll–Vo), the one hash behind seeds derived from
/// names, parameter seeds, cache keys and file digests:
/// h₀ = 0xcbf29ce484222325 (the offset basis), then for each input unit u
/// h ← (h ⊕ u) · 0x100000001b3 (the prime) mod 2⁶⁴. Not cryptographic.
///
/// `@inlinable`, so callers in other modules get code specialized for their
/// byte sequence (an unspecialized generic loop goes element by element
/// through the runtime).
public enum FNV1a {
  /// The offset basis h₀.
  public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
  /// The FNV prime of 64 bits.
  public static let prime: UInt64 = 0x0000_0100_0000_01B3

  /// h after feeding `unit` (a byte, or a whole word for `FileDigest`) into `h`.
  @inlinable @inline(__always)
  public static func step(_ h: UInt64, _ unit: UInt64) -> UInt64 { (h ^ unit) &* prime }

  /// The hash of `bytes` in order, starting from `basis`.
  @inlinable
  public static func hash<Bytes: Sequence>(_ bytes: Bytes, basis: UInt64 = offsetBasis) -> UInt64
  where Bytes.Element == UInt8 {
    var h = basis
    for b in bytes { h = step(h, UInt64(b)) }
    return h
  }
}
