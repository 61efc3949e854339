/// Hinge losses on a raw output y with targets t ∈ {−1, +1} (0 reads as −1).
extension LossFunction {
  /// The ±1 label for a target written −1, 0 or 1.
  @inline(__always)
  static func signLabel(_ t: Double) -> Double { t > 0 ? 1 : -1 }

  /// ℓ = max(0, 1 − t·y); ∂ℓ/∂y = −t when the margin t·y < 1, else 0. At a
  /// margin of exactly 1 the derivative is 0 (the minimum-norm subgradient;
  /// PyTorch's clamp would pass −t) and the element counts as a kink.
  static func hinge(_ y: Double, _ t: Double) -> PointLoss {
    let label = signLabel(t)
    let margin = label * y
    return PointLoss(
      value: y.isNaN ? .nan : (margin < 1 ? 1 - margin : 0), derivative: margin < 1 ? -label : 0,
      atKink: margin == 1)
  }

  /// ℓ = max(0, 1 − t·y)²; ∂ℓ/∂y = −2t·max(0, 1 − t·y), continuous (0 on
  /// both sides of margin 1), so no kink.
  static func squaredHinge(_ y: Double, _ t: Double) -> PointLoss {
    let label = signLabel(t)
    let gap = Swift.max(0, 1 - label * y)
    return PointLoss(value: y.isNaN ? .nan : gap * gap, derivative: -2 * label * gap)
  }
}
