import Foundation

/// The rectifier family (relu, leaky-relu, prelu, elu): piecewise functions
/// with a kink at 0, each forward value beside its derivative and the
/// derivative's convention at exactly 0.
extension Activation {
  // MARK: relu

  /// max(0, x), written `x <= 0 ? 0 : x` so that NaN passes through.
  @inline(__always)
  static func reluValue(_ x: Double) -> Double { x <= 0 ? 0 : x }

  /// relu'(x) = 1 for x > 0, 0 for x ≤ 0: relu'(0) = 0, as PyTorch.
  @inline(__always)
  static func reluDerivative(_ x: Double) -> Double { x > 0 ? 1 : 0 }

  // MARK: leaky-relu and prelu

  /// x for x ≥ 0, slope·x for x < 0 (both give 0 at 0). Also PReLU with slope α.
  @inline(__always)
  static func leakyValue(_ x: Double, slope: Double) -> Double { x > 0 ? x : slope * x }

  /// 1 for x > 0, the slope for x ≤ 0: at exactly 0 the slope (the contract's
  /// convention for leaky-ReLU and PReLU).
  @inline(__always)
  static func leakyDerivative(_ x: Double, slope: Double) -> Double { x > 0 ? 1 : slope }

  /// ∂PReLU/∂α = x for x ≤ 0 and 0 for x > 0, i.e. min(x, 0); 0 at x = 0 on
  /// either side, so the convention at the kink does not matter for α.
  @inline(__always)
  static func preluAlphaDerivative(_ x: Double) -> Double { x > 0 ? 0 : x }

  // MARK: elu

  /// x for x > 0, α(eˣ − 1) for x ≤ 0 (`expm1` keeps small |x| exact).
  @inline(__always)
  static func eluValue(_ x: Double, alpha: Double) -> Double { x > 0 ? x : alpha * Foundation.expm1(x) }

  /// 1 for x > 0, α·eˣ for x ≤ 0: elu'(0) = α (PyTorch). The left and right
  /// derivatives agree only for α = 1, so x = 0 counts as a kink when α ≠ 1.
  @inline(__always)
  static func eluDerivative(_ x: Double, alpha: Double) -> Double { x > 0 ? 1 : alpha * Foundation.exp(x) }
}
