/// Squared error (mse, sse), forward and backward side by side.
extension LossFunction {
  /// ℓ = (y − t)², ∂ℓ/∂y = 2(y − t). `mse` averages over N·k elements,
  /// `sse` sums; so ½(y − t)² is `mse` with scale 0.5 and reduction sum.
  static func squaredError(_ y: Double, _ t: Double) -> PointLoss {
    let d = y - t
    return PointLoss(value: d * d, derivative: 2 * d)
  }
}
