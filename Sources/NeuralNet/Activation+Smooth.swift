import Foundation

/// The smooth element-wise activations, each as a forward value and its
/// local derivative side by side (criteria A of lecture 001).
extension Activation {
  // MARK: sigmoid

  /// σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0, so that
  /// neither branch overflows: σ(±1000) is exactly 1 and 0, never NaN.
  /// Both are n/(1 + e) with e = e^{−|x|} and n = 1 or e, so the sign picks the
  /// numerator by a select, not a branch (a batch's signs are random; the same
  /// bits as the two-branch form, −0 taking the x ≥ 0 side, NaN giving NaN).
  @inline(__always)
  static func sigmoidValue(_ x: Double) -> Double {
    let e = Foundation.exp(-Swift.abs(x))
    return (x >= 0 ? 1 : e) / (1 + e)
  }

  /// σ'(x) = σ(x)·(1 − σ(x)), written in terms of the output y = σ(x).
  @inline(__always)
  static func sigmoidDerivative(output y: Double) -> Double { y * (1 - y) }

  // MARK: tanh

  /// tanh x (Foundation), ±1 beyond |x| ≈ 19.
  @inline(__always)
  static func tanhValue(_ x: Double) -> Double { Foundation.tanh(x) }

  /// tanh'(x) = 1 − tanh² x, written in terms of the output y = tanh x.
  @inline(__always)
  static func tanhDerivative(output y: Double) -> Double { 1 - y * y }

  // MARK: softplus

  /// PyTorch's softplus with β = 1 and threshold 20: x for x > 20, else
  /// ln(1 + eˣ) computed as `log1p(exp(x))`.
  @inline(__always)
  static func softplusValue(_ x: Double) -> Double { x > 20 ? x : Foundation.log1p(Foundation.exp(x)) }

  /// softplus'(x) = σ(x) for x ≤ 20 and 1 above the threshold (PyTorch).
  @inline(__always)
  static func softplusDerivative(_ x: Double) -> Double { x > 20 ? 1 : sigmoidValue(x) }

  // MARK: gelu

  /// Φ(x) = ½·erfc(−x/√2), the standard normal CDF (erfc keeps the left tail accurate).
  @inline(__always)
  static func normalCDF(_ x: Double) -> Double { 0.5 * Foundation.erfc(-x * 0.5.squareRoot()) }

  /// φ_N(x) = e^{−x²/2}/√(2π), the standard normal density.
  @inline(__always)
  static func normalPDF(_ x: Double) -> Double {
    Foundation.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
  }

  /// Exact GELU x·Φ(x) (PyTorch's default `approximate='none'`).
  @inline(__always)
  static func geluValue(_ x: Double) -> Double { x * normalCDF(x) }

  /// GELU'(x) = Φ(x) + x·φ_N(x).
  @inline(__always)
  static func geluDerivative(_ x: Double) -> Double { normalCDF(x) + x * normalPDF(x) }
}
