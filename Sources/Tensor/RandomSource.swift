import Foundation

/// The seeded random generator behind every random draw in gradbook.
///
/// Algorithm: xoshiro256** (Blackman & Vigna, 2018) with its 256-bit state
/// filled from the 64-bit seed by SplitMix64, as the authors recommend.
/// Uniform doubles take the top 53 bits: `u = (x >> 11) · 2⁻⁵³ ∈ [0, 1)`.
/// Normal draws use the Box–Muller transform, one pair per two uniforms, the
/// second value kept for the next call. Only integer arithmetic and the
/// correctly-specified `log`, `sqrt`, `cos`, `sin` are used, so the same seed
/// gives the same numbers on every machine with the same libm.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  private var spareNormal: Double?

  /// A generator whose state is SplitMix64(seed) expanded to 256 bits.
  public init(seed: UInt64) {
    var sm = seed
    s0 = RandomSource.splitMix64(&sm)
    s1 = RandomSource.splitMix64(&sm)
    s2 = RandomSource.splitMix64(&sm)
    s3 = RandomSource.splitMix64(&sm)
    spareNormal = nil
  }

  /// SplitMix64: `z = (x += 0x9E3779B97F4A7C15); z = (z ^ z>>30)·0xBF58476D1CE4E5B9;
  /// z = (z ^ z>>27)·0x94D049BB133111EB; z ^ z>>31`.
  public static func splitMix64(_ x: inout UInt64) -> UInt64 {
    x = x &+ 0x9E37_79B9_7F4A_7C15
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform on [0, 1): `(next() >> 11) · 2⁻⁵³`.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform on [a, b): `a + (b − a)·u`.
  public mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * uniform()
  }

  /// Standard normal N(0, 1) by Box–Muller: with u₁ ∈ (0, 1], u₂ ∈ [0, 1),
  /// r = √(−2 ln u₁), values r·cos(2πu₂) and then r·sin(2πu₂).
  public mutating func normal() -> Double {
    if let s = spareNormal {
      spareNormal = nil
      return s
    }
    let u1 = 1.0 - uniform()  // (0, 1]: log is finite
    let u2 = uniform()
    let r = (-2.0 * Foundation.log(u1)).squareRoot()
    let theta = 2.0 * Double.pi * u2
    spareNormal = r * Foundation.sin(theta)
    return r * Foundation.cos(theta)
  }

  /// N(mean, std²).
  public mutating func normal(mean: Double, std: Double) -> Double {
    mean + std * normal()
  }

  /// A uniform integer in `0..<n` by Lemire's unbiased multiply-shift rejection.
  /// - Precondition: `n > 0`.
  public mutating func index(below n: Int) -> Int {
    precondition(n > 0)
    let bound = UInt64(n)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let threshold = (0 &- bound) % bound
      while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
    }
    return Int(m.high)
  }

  /// Fisher–Yates shuffle of `array` (from the last index down, swapping with `index(below: i + 1)`).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = index(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  /// A permutation of `0..<n`.
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    shuffle(&p)
    return p
  }
}

/// Derives independent seeds from names, so that a block's numbers depend only
/// on (notebook seed, block identity, block seed) and not on other blocks.
public enum SeedDerivation {
  /// 64-bit FNV-1a (`FNV1a`) of the UTF-8 bytes of `text`.
  public static func fnv1a(_ text: String) -> UInt64 { FNV1a.hash(text.utf8) }

  /// Combines parts into one seed: each part is mixed into the state with
  /// SplitMix64, so `derive([a, b]) != derive([b, a])` in general.
  public static func derive(_ parts: [UInt64]) -> UInt64 {
    var state: UInt64 = 0x6772_6164_626F_6F6B  // "gradbook"
    for p in parts {
      state ^= p
      state = RandomSource.splitMix64(&state)
    }
    return state
  }
}
