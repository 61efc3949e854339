import Tensor

/// Plain SGD folded into the weight-gradient product of a large dense layer.
///
/// The buffered step forms ∂W = Gᵀ·X in a buffer, then one pass reads W and
/// ∂W, writes W and clears ∂W: for a 1000 × 1000 layer that is 32 MB of
/// memory traffic a step (float64) on top of the products, and a working set
/// that no longer fits the cache. The fused step instead adds the update in
/// the product itself, W ← W + (−lr)·Gᵀ·X (one gemm with α = −lr, β = 1,
/// after ∂X = G·W has been taken with the old W), and takes the gradient
/// norm from the minibatch's Gram matrices, ‖Gᵀ·X‖² = Σᵢⱼ (G·Gᵀ)ᵢⱼ (X·Xᵀ)ᵢⱼ
/// (`Grid.upperTriangleInnerProduct`), so ∂W is never stored.
///
/// The numbers are the same formula with one rounding fewer: BLAS may add
/// α·(Gᵀ·X)ᵢⱼ to Wᵢⱼ with a fused multiply-add, where the buffered step rounds
/// Gᵀ·X, then −lr·∂W, then the sum. So a fused layer's weights agree with
/// `Network.lossAndGradients` + `Optimizer.step` to rounding, not bit for
/// bit, and its reported ‖∂W‖ to about 1e-12 relative in float64.
extension TrainingLoop {
  /// Whether dense layer `k` takes its step fused: plain SGD, no
  /// regularizer (whose gradient would have to be added to ∂W), a layer of
  /// at least 65,536 weights (smaller ones stay in cache either way, and
  /// keep their bit-for-bit agreement with the reference), and Gram
  /// matrices costing at most a quarter of the product they replace: for a
  /// batch of n rows, p inputs and q outputs the two `syrk`s take
  /// n(n + 1)(p + q)/2 multiply-adds and Gᵀ·X takes n·p·q, so the rule is
  /// 2(n + 1)(p + q) ≤ p·q.
  static func fusesUpdate(
    optimizer: OptimizerKind, regularized: Bool, inputs p: Int, outputs q: Int, batch n: Int
  ) -> Bool {
    guard case .sgd = optimizer, !regularized else { return false }
    let weights = p.multipliedReportingOverflow(by: q)
    guard !weights.overflow, weights.partialValue >= 65_536 else { return false }
    return 2 * (n + 1) * (p + q) <= weights.partialValue
  }

  /// The fused step of dense layer `i` (dense number `k`), with `g` =
  /// ∂L/∂(its output) and `input` = its input for the current batch: writes
  /// ∂L/∂(input) below the first layer with parameters, then W_k ← W_k +
  /// (−lr)·gᵀ·input, and returns ‖gᵀ·input‖² (widened to `Double`).
  mutating func fusedDenseStep(
    layer i: Int, dense k: Int, g: Grid<Scalar>, input: Grid<Scalar>, first: Int
  ) -> Double {
    if i > first {
      Grid.gemm(1, g, parameters.weights[k], 0, into: &workspace.gradients[i - 1])
    }
    g.gramUpper(into: &workspace.gradientGram)
    input.gramUpper(into: &workspace.inputGram)
    let squaredNorm = Grid.upperTriangleInnerProduct(
      workspace.gradientGram, workspace.inputGram, nonNegative: true)
    Grid.gemm(Scalar(-config.learningRate), g, transposeA: true, input, 1, into: &parameters.weights[k])
    return squaredNorm
  }
}
