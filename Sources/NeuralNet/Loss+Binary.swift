import Foundation

/// Binary cross-entropy, on probabilities and on logits.
extension LossFunction {
  /// The clamp of BCE's backward: PyTorch's `EPSILON`, declared
  /// `constexpr float EPSILON = 1e-12` in ATen's `Loss.cpp`, so the float32
  /// nearest to 10⁻¹², which is 9.999999960041972·10⁻¹³ as a Double.
  public static let bceEpsilon = Double(Float(1e-12))

  /// On a probability y ∈ [0, 1] (PyTorch `binary_cross_entropy`):
  /// ℓ = −(t·max(ln y, −100) + (1 − t)·max(ln(1 − y), −100)), the clamp keeping
  /// ℓ finite at y = 0 or 1; ∂ℓ/∂y = (y − t)/max((1 − y)·y, ε) with
  /// ε = `bceEpsilon`, exactly PyTorch's CPU backward kernel
  /// (`binary_cross_entropy_backward`), finite at the ends. Where the clamp
  /// binds (a saturated sigmoid, |z| ≳ 27.6) the gradient is smaller than the
  /// true (y − t)/(y(1 − y)), as in PyTorch.
  static func binaryCrossEntropy(_ y: Double, _ t: Double) -> PointLoss {
    let logY = Swift.max(Foundation.log(y), -100)
    let logOneMinusY = Swift.max(Foundation.log1p(-y), -100)
    let value = -(t * logY + (1 - t) * logOneMinusY)
    let derivative = (y - t) / Swift.max((1 - y) * y, bceEpsilon)
    return PointLoss(value: y.isNaN ? .nan : value, derivative: derivative)
  }

  /// On a logit z (PyTorch `binary_cross_entropy_with_logits`), stable for any z:
  /// ℓ = max(z, 0) − z·t + ln(1 + e^{−|z|}); ∂ℓ/∂z = σ(z) − t.
  static func binaryCrossEntropyWithLogits(_ z: Double, _ t: Double) -> PointLoss {
    let value = Swift.max(z, 0) - z * t + Foundation.log1p(Foundation.exp(-abs(z)))
    return PointLoss(value: value, derivative: Activation.sigmoidValue(z) - t)
  }
}
