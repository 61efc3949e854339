import Tensor

/// The GEMM-only time of one training epoch at the workload's real shapes:
/// per batch of B rows (64, the last one 12,000 − 187·64 = 32) the eight
/// products a step makes, with the training loop's β:
/// - forward Z_k = A_{k−1}·W_kᵀ (β = 1 onto the bias rows), k = 1, 2, 3;
/// - weight gradients ∂W_k = G_kᵀ·A_{k−1} (β = 1 onto a cleared buffer);
/// - input gradients ∂A_{k−1} = G_k·W_k for k = 3, 2 (none below layer 1).
/// Nothing else (no activation, loss or update): a lower bound for the epoch.
struct GemmFloor<Scalar: BLASScalar> {
  var weights: [Grid<Scalar>]
  var weightGradients: [Grid<Scalar>]
  var activations: [Grid<Scalar>]
  var gradients: [Grid<Scalar>]

  /// Buffers for batches of up to `Workload.batch` rows, seeded values.
  init() {
    var rng = RandomSource(seed: 5)
    func random(_ rows: Int, _ cols: Int) -> Grid<Scalar> {
      var m = Matrix(rows: rows, cols: cols)
      for i in 0..<m.count { m.storage[i] = rng.uniform(-0.05, 0.05) }
      return Grid(m)
    }
    let w = Workload.widths
    let b = Workload.batch
    weights = (1..<w.count).map { random(w[$0], w[$0 - 1]) }
    weightGradients = (1..<w.count).map { Grid(rows: w[$0], cols: w[$0 - 1]) }
    activations = w.map { random(b, $0) }
    gradients = w.map { random(b, $0) }
  }

  /// Seconds of one epoch of the eight products per batch.
  mutating func epochSeconds() -> Double {
    seconds {
      var start = 0
      while start < Workload.samples {
        let rows = min(Workload.batch, Workload.samples - start)
        step(rows: rows)
        start += rows
      }
    }
  }

  /// The eight products of one step on `rows` samples.
  private mutating func step(rows: Int) {
    for i in activations.indices {
      activations[i].resize(rows: rows)
      gradients[i].resize(rows: rows)
    }
    for k in 1..<activations.count {
      Grid.gemm(1, activations[k - 1], weights[k - 1], transposeB: true, 1, into: &activations[k])
    }
    for k in stride(from: activations.count - 1, through: 1, by: -1) {
      Grid.gemm(1, gradients[k], transposeA: true, activations[k - 1], 1, into: &weightGradients[k - 1])
      if k > 1 { Grid.gemm(1, gradients[k], weights[k - 1], 0, into: &gradients[k - 1]) }
    }
  }
}
