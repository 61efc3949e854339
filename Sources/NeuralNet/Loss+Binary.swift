import Foundation

/// Binary cross-entropy, on probabilities and on logits.
extension LossFunction {
  /// On a probability y ∈ [0, 1] (PyTorch `binary_cross_entropy`):
  /// ℓ = −(t·max(ln y, −100) + (1 − t)·max(ln(1 − y), −100)), the clamp keeping
  /// ℓ finite at y = 0 or 1; ∂ℓ/∂y = (y − t)/max(y(1 − y), 10⁻¹²) (PyTorch's
  /// backward, finite at the ends).
  static func binaryCrossEntropy(_ y: Double, _ t: Double) -> PointLoss {
    let logY = Swift.max(Foundation.log(y), -100)
    let logOneMinusY = Swift.max(Foundation.log1p(-y), -100)
    let value = -(t * logY + (1 - t) * logOneMinusY)
    let derivative = (y - t) / Swift.max(y * (1 - y), 1e-12)
    return PointLoss(value: y.isNaN ? .nan : value, derivative: derivative)
  }

  /// On a logit z (PyTorch `binary_cross_entropy_with_logits`), stable for any z:
  /// ℓ = max(z, 0) − z·t + ln(1 + e^{−|z|}); ∂ℓ/∂z = σ(z) − t.
  static func binaryCrossEntropyWithLogits(_ z: Double, _ t: Double) -> PointLoss {
    let value = Swift.max(z, 0) - z * t + Foundation.log1p(Foundation.exp(-abs(z)))
    return PointLoss(value: value, derivative: Activation.sigmoidValue(z) - t)
  }
}
