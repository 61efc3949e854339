import Tensor

/// The buffers one pass over a batch writes, allocated once and reused for
/// every step (the training loop's hot path allocates no matrices).
///
/// For a batch of `rows` samples: the batch input X (rows × in), its target
/// (rows × target columns), the output of each layer (rows × width), and,
/// once training needs them, ∂L/∂(output of each layer). Changing `rows`
/// (the smaller last batch of an epoch, an evaluation chunk) keeps the
/// arrays' capacity, so the buffers are allocated only when a batch is
/// larger than any before.
struct TrainingWorkspace: Sendable {
  /// Samples in the current batch.
  private(set) var rows: Int
  /// The batch X.
  var input: Matrix
  /// The batch's targets.
  var target: Matrix
  /// The output of layer i (z after a dense layer, a after an activation).
  var outputs: [Matrix]
  /// ∂L/∂(output of layer i); empty until `prepareGradients()`.
  var gradients: [Matrix] = []

  /// Buffers for `rows` samples of `inputWidth` features and `targetWidth`
  /// target columns, through layers giving `widths` outputs each.
  init(rows: Int, inputWidth: Int, targetWidth: Int, widths: [Int]) {
    self.rows = rows
    input = Matrix(rows: rows, cols: inputWidth)
    target = Matrix(rows: rows, cols: targetWidth)
    outputs = widths.map { Matrix(rows: rows, cols: $0) }
  }

  /// Sets the batch size to `rows`, keeping the buffers' capacity (the
  /// contents are stale afterwards). Gradient buffers follow when present.
  mutating func resize(rows newRows: Int) {
    guard newRows != rows else { return }
    rows = newRows
    TrainingWorkspace.resize(&input, rows: newRows)
    TrainingWorkspace.resize(&target, rows: newRows)
    for i in outputs.indices { TrainingWorkspace.resize(&outputs[i], rows: newRows) }
    for i in gradients.indices { TrainingWorkspace.resize(&gradients[i], rows: newRows) }
  }

  /// Allocates the gradient buffers (once) with the outputs' shapes.
  mutating func prepareGradients() {
    guard gradients.count != outputs.count else { return }
    gradients = outputs.map { Matrix(rows: $0.rows, cols: $0.cols) }
  }

  /// `m` with `rows` rows and its columns; the storage array is shrunk or
  /// grown in place, so no allocation happens within its capacity.
  private static func resize(_ m: inout Matrix, rows: Int) {
    guard m.rows != rows else { return }
    let cols = m.cols
    var storage: [Double] = []
    swap(&storage, &m.storage)
    let count = rows * cols
    if storage.count > count {
      storage.removeLast(storage.count - count)
    } else {
      storage.append(contentsOf: repeatElement(0, count: count - storage.count))
    }
    m = Matrix(rows: rows, cols: cols, storage: storage)
  }

  /// Copies rows `indices` of `source` (in that order) into `destination`
  /// (which has `indices.count` rows and the same columns).
  static func gather(_ indices: ArraySlice<Int>, of source: Matrix, into destination: inout Matrix) {
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
  static func copyRows(from source: Matrix, start: Int, into destination: inout Matrix) {
    let count = destination.count
    source.withBase { src in
      destination.withMutableBase { dst in dst.update(from: src + start &* source.cols, count: count) }
    }
  }

  /// Copies all of `source` into `destination` from row `start` on.
  static func place(_ source: Matrix, into destination: inout Matrix, atRow start: Int) {
    let count = source.count
    let offset = start &* destination.cols
    source.withBase { src in
      destination.withMutableBase { dst in (dst + offset).update(from: src, count: count) }
    }
  }
}

extension Matrix {
  /// Runs `body` on the first element's address (not at all for an empty matrix).
  @inline(__always)
  func withBase(_ body: (UnsafePointer<Double>) -> Void) {
    storage.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { body(base) }
    }
  }

  /// Runs `body` on the first element's mutable address (not at all for an
  /// empty matrix); the storage is made unique first (copy on write).
  @inline(__always)
  mutating func withMutableBase(_ body: (UnsafeMutablePointer<Double>) -> Void) {
    storage.withUnsafeMutableBufferPointer { buffer in
      if let base = buffer.baseAddress { body(base) }
    }
  }
}

/// Σ p[i]² for i < n with eight running sums (two 4-lane vectors, a fixed
/// order, so the result is deterministic) and the remainder added in order.
func sumOfSquares(_ p: UnsafePointer<Double>, count n: Int) -> Double {
  let raw = UnsafeRawPointer(p)
  var a = SIMD4<Double>()
  var b = SIMD4<Double>()
  var i = 0
  while i &+ 8 <= n {
    let u = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
    let v = raw.loadUnaligned(fromByteOffset: (i &+ 4) &* 8, as: SIMD4<Double>.self)
    a += u * u
    b += v * v
    i &+= 8
  }
  var total = (a + b).sum()
  while i < n {
    total += p[i] * p[i]
    i &+= 1
  }
  return total
}
