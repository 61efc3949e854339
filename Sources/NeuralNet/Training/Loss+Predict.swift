import Tensor

/// The class each sample is assigned, read from the loss's output convention.
extension LossFunction {
  /// One class id per row of `output` (N×k), the decision that
  /// `accuracy(output:target:)` scores:
  /// - one output (k = 1), class ids 0/1: `bce` → 1 when y > 0.5;
  ///   `bce-logits` → 1 when z > 0; `hinge`/`squared-hinge` → 1 when y > 0
  ///   (an output of exactly 0 is class 0, the −1 side); `mse`/`sse` → 1 when
  ///   y > 0.5. A NaN output is class 0.
  /// - several outputs (k ≥ 2), every loss (`cross-entropy` always): the
  ///   argmax of the row, the first column on ties (NaN never wins).
  ///
  /// Returns nil for an output without columns. Whether the setting is a
  /// classification at all (e.g. `mse` on real-valued targets) is the
  /// caller's call: see `isClassification` and `accuracy(output:target:)`.
  public func predictedClasses(output: Matrix) -> [Int]? {
    guard output.cols > 0 else { return nil }
    let n = output.rows
    guard output.cols == 1 else { return (0..<n).map { argmax(output, row: $0) } }
    let threshold: Double
    switch kind {
    case .bce, .mse, .sse: threshold = 0.5
    case .bceLogits, .hinge, .squaredHinge: threshold = 0
    case .crossEntropy: return [Int](repeating: 0, count: n)
    }
    return output.storage.map { $0 > threshold ? 1 : 0 }
  }
}
