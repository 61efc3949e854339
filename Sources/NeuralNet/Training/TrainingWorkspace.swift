import Tensor

/// The buffers one pass over a batch writes, allocated once and reused for
/// every step (the training loop's hot path allocates no matrices), in the
/// run's precision `Scalar`.
///
/// For a batch of `rows` samples: the batch input X (rows × in), its target
/// (rows × target columns), the output of each layer (rows × width), and,
/// once training needs them, ∂L/∂(output of each layer). Changing `rows`
/// (the smaller last batch of an epoch, an evaluation chunk) keeps the
/// arrays' capacity, so the buffers are allocated only when a batch is
/// larger than any before.
struct TrainingWorkspace<Scalar: BLASScalar>: Sendable {
  /// Samples in the current batch.
  private(set) var rows: Int
  /// The batch X.
  var input: Grid<Scalar>
  /// The batch's targets.
  var target: Grid<Scalar>
  /// The output of layer i (z after a dense layer, a after an activation).
  var outputs: [Grid<Scalar>]
  /// ∂L/∂(output of layer i); empty until `prepareGradients()`.
  var gradients: [Grid<Scalar>] = []
  /// G·Gᵀ and X·Xᵀ (upper triangles, rows × rows) of a layer whose SGD
  /// step is fused (`TrainingLoop.fusedDenseStep`); empty until used.
  var gradientGram = Grid<Scalar>(rows: 0, cols: 0)
  var inputGram = Grid<Scalar>(rows: 0, cols: 0)

  /// Buffers for `rows` samples of `inputWidth` features and `targetWidth`
  /// target columns, through layers giving `widths` outputs each.
  init(rows: Int, inputWidth: Int, targetWidth: Int, widths: [Int]) {
    self.rows = rows
    input = Grid(rows: rows, cols: inputWidth)
    target = Grid(rows: rows, cols: targetWidth)
    outputs = widths.map { Grid(rows: rows, cols: $0) }
  }

  /// Sets the batch size to `rows`, keeping the buffers' capacity (the
  /// contents are stale afterwards). Gradient buffers follow when present.
  mutating func resize(rows newRows: Int) {
    guard newRows != rows else { return }
    rows = newRows
    input.resize(rows: newRows)
    target.resize(rows: newRows)
    for i in outputs.indices { outputs[i].resize(rows: newRows) }
    for i in gradients.indices { gradients[i].resize(rows: newRows) }
  }

  /// Allocates the gradient buffers (once) with the outputs' shapes.
  mutating func prepareGradients() {
    guard gradients.count != outputs.count else { return }
    gradients = outputs.map { Grid(rows: $0.rows, cols: $0.cols) }
  }

  /// Copies rows `indices` of `source` (in that order) into `destination`
  /// (which has `indices.count` rows and the same columns).
  static func gather(
    _ indices: ArraySlice<Int>, of source: Grid<Scalar>, into destination: inout Grid<Scalar>
  ) {
    let cols = source.cols
    source.withBase { src in
      destination.withMutableBase { dst in
        var j = 0
        for r in indices {
          (dst + j &* cols).update(from: src + r &* cols, count: cols)
          j &+= 1
        }
      }
    }
  }

  /// Copies rows `start ..< start + destination.rows` of `source` into `destination`.
  static func copyRows(from source: Grid<Scalar>, start: Int, into destination: inout Grid<Scalar>) {
    let count = destination.count
    source.withBase { src in
      destination.withMutableBase { dst in dst.update(from: src + start &* source.cols, count: count) }
    }
  }

  /// Copies all of `source` into `destination` from row `start` on.
  static func place(_ source: Grid<Scalar>, into destination: inout Grid<Scalar>, atRow start: Int) {
    let count = source.count
    let offset = start &* destination.cols
    source.withBase { src in
      destination.withMutableBase { dst in (dst + offset).update(from: src, count: count) }
    }
  }
}

/// Σ p[i]² for i < n, widened to `Double`, with eight running sums (one
/// 8-lane vector: lanes 0–3 and 4–7 added pairwise at the end, a fixed
/// order, so the result is deterministic) and the remainder added in order.
func sumOfSquares<Scalar: BLASScalar>(_ p: UnsafePointer<Scalar>, count n: Int) -> Double {
  let raw = UnsafeRawPointer(p)
  let stride = MemoryLayout<Scalar>.stride
  var lanes = SIMD8<Double>()
  var i = 0
  while i &+ 8 <= n {
    let u = Scalar.widened(raw.loadUnaligned(fromByteOffset: i &* stride, as: SIMD8<Scalar>.self))
    lanes += u * u
    i &+= 8
  }
  var total = (lanes.lowHalf + lanes.highHalf).sum()
  while i < n {
    let v = Double(p[i])
    total += v * v
    i &+= 1
  }
  return total
}
