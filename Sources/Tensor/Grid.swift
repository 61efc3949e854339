/// A dense, row-major matrix of `Double` or `Float`: the training loop's
/// buffers (float64 or float32, see `BLASScalar`). `Matrix` stays the
/// `Double` type of everything else; `init(_:)` and `matrix` convert.
///
/// Element `(r, c)` lives at `storage[r * cols + c]`, as in `Matrix`.
public struct Grid<Scalar: BLASScalar>: Sendable {
  /// Number of rows.
  public private(set) var rows: Int
  /// Number of columns.
  public private(set) var cols: Int
  /// The elements in row-major order; `storage.count == rows * cols`.
  public var storage: [Scalar]

  /// A `rows × cols` grid of zeros.
  public init(rows: Int, cols: Int) {
    precondition(rows >= 0 && cols >= 0, "negative grid size")
    self.rows = rows
    self.cols = cols
    storage = [Scalar](repeating: 0, count: rows * cols)
  }

  /// `m` rounded to `Scalar` (for `Double` it shares `m`'s storage).
  public init(_ m: Matrix) {
    rows = m.rows
    cols = m.cols
    storage = Scalar.narrowed(m.storage)
  }

  /// The elements widened to a `Matrix` (exact; for `Double` the same storage).
  public var matrix: Matrix { Matrix(rows: rows, cols: cols, storage: Scalar.widened(storage)) }

  /// Number of elements, `rows * cols`.
  public var count: Int { storage.count }

  /// Sets the number of rows to `newRows`, keeping the columns and the
  /// storage's capacity (shrunk or grown in place; the contents are stale
  /// afterwards), so no allocation happens within the capacity.
  public mutating func resize(rows newRows: Int) {
    guard newRows != rows else { return }
    Scalar.resize(&storage, to: newRows * cols)
    rows = newRows
  }

  /// Sets the shape to `newRows × newCols`, as `resize(rows:)` (in place
  /// within the capacity; the contents are stale afterwards).
  public mutating func resize(rows newRows: Int, cols newCols: Int) {
    guard newRows != rows || newCols != cols else { return }
    Scalar.resize(&storage, to: newRows * newCols)
    rows = newRows
    cols = newCols
  }

  /// Runs `body` on the first element's address (not at all for an empty grid).
  @inlinable @inline(__always)
  public func withBase(_ body: (UnsafePointer<Scalar>) -> Void) {
    storage.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { body(base) }
    }
  }

  /// Runs `body` on the first element's mutable address (not at all for an
  /// empty grid); the storage is made unique first (copy on write).
  @inlinable @inline(__always)
  public mutating func withMutableBase(_ body: (UnsafeMutablePointer<Scalar>) -> Void) {
    storage.withUnsafeMutableBufferPointer { buffer in
      if let base = buffer.baseAddress { body(base) }
    }
  }

  /// `C ← α·op(A)·op(B) + β·C` through `Scalar.gemm` (dgemm or sgemm).
  /// An empty inner dimension leaves β·C (0 when β = 0).
  /// - Precondition: the inner dimensions agree and `C` is `op(A).rows × op(B).cols`.
  @inlinable
  public static func gemm(
    _ alpha: Scalar, _ a: Grid, transposeA: Bool = false, _ b: Grid, transposeB: Bool = false,
    _ beta: Scalar, into c: inout Grid
  ) {
    let m = transposeA ? a.cols : a.rows
    let k = transposeA ? a.rows : a.cols
    let n = transposeB ? b.rows : b.cols
    precondition(k == (transposeB ? b.cols : b.rows), "inner dimensions differ")
    precondition(c.rows == m && c.cols == n, "result has the wrong shape")
    if m == 0 || n == 0 { return }
    if k == 0 {
      for i in c.storage.indices { c.storage[i] = beta == 0 ? 0 : beta * c.storage[i] }
      return
    }
    let (lda, ldb) = (a.cols, b.cols)
    a.withBase { pa in
      b.withBase { pb in
        c.withMutableBase { pc in
          Scalar.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: pa, lda: lda,
            b: pb, ldb: ldb, beta: beta, c: pc, ldc: n)
        }
      }
    }
  }
}
