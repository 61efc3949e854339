import Tensor

/// Evaluating a loss layer on a batch: target checks, then the loss and
/// ∂L/∂output from the per-element (or per-row) forward/backward pairs in
/// `Loss+Squared`, `Loss+Binary`, `Loss+Hinge` and `Loss+CrossEntropy`.
extension LossFunction {
  /// L = scale · reduce(ℓ(output, target)) and ∂L/∂output.
  ///
  /// `output` is N×k (one sample per row). The target is N×k, except for
  /// `cross-entropy`, which takes N×1 class indices (0-based) or N×k rows
  /// (one-hot, or class probabilities). `mean` divides by N·k for element-wise
  /// losses and by N for cross-entropy; `sum` does not divide.
  /// A NaN in the output is not an error: it gives a NaN loss (divergence).
  /// - Throws: a target whose shape does not fit (the message names both
  ///   shapes), an empty batch, targets outside the loss's domain (bce: [0, 1];
  ///   hinge: −1, 0 or 1; cross-entropy: class indices 0..<k), bce outputs
  ///   outside [0, 1]. `key` is `"target"` (or `"loss"` for bce outputs).
  public func evaluate(output: Matrix, target: Matrix) throws(NeuralNetError) -> LossEvaluation {
    try validate(output: output, target: target)
    switch kind {
    case .mse, .sse: return elementwise(output, target, LossFunction.squaredError)
    case .bce: return elementwise(output, target, LossFunction.binaryCrossEntropy)
    case .bceLogits: return elementwise(output, target, LossFunction.binaryCrossEntropyWithLogits)
    case .hinge: return elementwise(output, target, LossFunction.hinge)
    case .squaredHinge: return elementwise(output, target, LossFunction.squaredHinge)
    case .crossEntropy: return crossEntropy(logits: output, target: target)
    }
  }

  /// The divisor of the reduction: `count` for mean, 1 for sum.
  func divisor(_ count: Int) -> Double { reduction == .mean ? Double(count) : 1 }

  /// Sums ℓ over elements and fills ∂L/∂y = (scale/D)·∂ℓ/∂y.
  private func elementwise(
    _ y: Matrix, _ t: Matrix, _ f: (Double, Double) -> PointLoss
  ) -> LossEvaluation {
    let factor = scale / divisor(y.count)
    var gradient = Matrix(rows: y.rows, cols: y.cols)
    var total = 0.0
    var kinks = 0
    gradient.storage.withUnsafeMutableBufferPointer { g in
      y.storage.withUnsafeBufferPointer { ys in
        t.storage.withUnsafeBufferPointer { ts in
          var i = 0
          while i < ys.count {
            let p = f(ys[i], ts[i])
            total += p.value
            g[i] = factor * p.derivative
            if p.atKink { kinks &+= 1 }
            i &+= 1
          }
        }
      }
    }
    return LossEvaluation(loss: factor * total, gradient: gradient, kinks: kinks)
  }

  /// Checks the target's shape and domain, and bce outputs.
  func validate(output: Matrix, target: Matrix) throws(NeuralNetError) {
    guard output.rows > 0 else {
      throw NeuralNetError("the batch has no samples", key: "target")
    }
    let fits =
      kind == .crossEntropy
      ? target.rows == output.rows && (target.cols == 1 || target.cols == output.cols)
      : target.rows == output.rows && target.cols == output.cols
    guard fits else {
      throw NeuralNetError(
        "the target is \(target.shapeDescription) but the model's output is \(output.shapeDescription)",
        hint: shapeHint(outputs: output.cols), key: "target")
    }
    for (i, v) in target.storage.enumerated() {
      let place = "row \(i / target.cols + 1)"
      guard v.isFinite else {
        throw NeuralNetError("the target has \(v) in \(place)", key: "target")
      }
      switch kind {
      case .bce, .bceLogits:
        guard v >= 0 && v <= 1 else {
          throw NeuralNetError(
            "\(kind.rawValue) targets must lie in [0, 1], but \(place) has \(formatNumber(v))",
            hint: "Use labels 0 and 1.", key: "target")
        }
      case .hinge, .squaredHinge:
        guard v == 1 || v == -1 || v == 0 else {
          throw NeuralNetError(
            "\(kind.rawValue) targets must be −1 or +1 (0 reads as −1), but \(place) has \(formatNumber(v))",
            hint: "Use labels −1 and +1 (or 0 and 1).", key: "target")
        }
      case .crossEntropy where target.cols == 1:
        guard v >= 0, v == v.rounded(), v < Double(output.cols) else {
          throw NeuralNetError(
            "cross-entropy targets are class indices 0..<\(output.cols), but \(place) has \(formatNumber(v))",
            hint: "The model has \(output.cols) outputs, one per class.", key: "target")
        }
      default: break
      }
    }
    if kind == .bce {
      for (i, y) in output.storage.enumerated() where !y.isNaN && !(y >= 0 && y <= 1) {
        throw NeuralNetError(
          "bce takes probabilities in [0, 1], but the output has \(y) in row \(i / output.cols + 1)",
          hint: "End the model with sigmoid, or use bce-logits on a raw output.", key: "loss")
      }
    }
  }

  /// What a fitting target looks like for this loss.
  private func shapeHint(outputs k: Int) -> String {
    switch kind {
    case .crossEntropy:
      return "Give one class index per sample (N×1) or one-hot rows (N×\(k))."
    default:
      return k == 1
        ? "Give one target number per sample."
        : "Give one target row of \(k) values per sample (one-hot: true turns class labels into rows)."
    }
  }
}

/// One element's loss ℓ, its derivative ∂ℓ/∂y, and whether it sits at a kink.
struct PointLoss {
  var value: Double
  var derivative: Double
  var atKink: Bool = false
}
