import COpenBLAS

/// Matrix products through OpenBLAS `cblas_dgemm`. Every product in gradbook
/// goes through here, so debug builds stay fast and release builds reach BLAS
/// throughput.
extension Matrix {
  /// `C ← α·op(A)·op(B) + β·C`, where `op(X)` is `X` or `Xᵀ`.
  ///
  /// - Precondition: the inner dimensions agree and `C` is `op(A).rows × op(B).cols`.
  ///   When `β == 0`, `C`'s previous contents are ignored (BLAS semantics).
  public static func gemm(
    _ alpha: Double, _ a: Matrix, transposeA: Bool = false,
    _ b: Matrix, transposeB: Bool = false,
    _ beta: Double, into c: inout Matrix
  ) {
    let m = transposeA ? a.cols : a.rows
    let k = transposeA ? a.rows : a.cols
    let kb = transposeB ? b.cols : b.rows
    let n = transposeB ? b.rows : b.cols
    precondition(k == kb, "inner dimensions differ: \(a.shapeDescription) and \(b.shapeDescription)")
    precondition(c.rows == m && c.cols == n, "result is \(c.shapeDescription), expected \(m)×\(n)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      // BLAS leaves C scaled by β; make the empty sum explicit.
      if beta == 0 { c.storage = [Double](repeating: 0, count: m * n) } else { c = beta * c }
      return
    }
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, pa.baseAddress, Int32(a.cols),
            pb.baseAddress, Int32(b.cols),
            beta, pc.baseAddress, Int32(n))
        }
      }
    }
  }

  /// The matrix product `op(self)·op(other)`.
  /// - Precondition: inner dimensions agree.
  public func matmul(_ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
    let m = transposeSelf ? cols : rows
    let n = transposeOther ? other.rows : other.cols
    var c = Matrix(rows: m, cols: n)
    Matrix.gemm(1, self, transposeA: transposeSelf, other, transposeB: transposeOther, 0, into: &c)
    return c
  }
}

/// Controls OpenBLAS's thread pool.
public enum BLAS {
  /// Sets the number of threads OpenBLAS uses for later calls.
  public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
  /// The number of threads OpenBLAS uses.
  public static var threads: Int { Int(openblas_get_num_threads()) }
}
