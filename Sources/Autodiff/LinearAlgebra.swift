import Tensor

/// LU decomposition with partial pivoting, `P·A = L·U`, for the small square
/// matrices of `inv`, `det` and `logdet` (written in Swift: O(n³) loops are fine at
/// notebook sizes; products elsewhere go through BLAS).
///
/// `L` is unit lower-triangular and `U` upper-triangular, packed in one row-major
/// array. At step `k` the row with the largest `|a_ik|` (i ≥ k) becomes the pivot.
/// The matrix counts as singular when a pivot satisfies `|u_kk| ≤ n·ε·max|a_ij|`
/// (ε = 2.2e-16): exactly singular matrices such as `[[1, 2], [2, 4]]` and matrices
/// singular up to rounding are both caught.
struct LUDecomposition {
  /// The order n of the n×n matrix.
  let n: Int
  /// `L` below the diagonal (its unit diagonal implied) and `U` on and above it.
  private(set) var factors: [Double]
  /// Row `i` of `P·A` is row `permutation[i]` of `A`.
  private(set) var permutation: [Int]
  /// `det P`: +1 or −1.
  private(set) var parity: Double = 1
  /// True when a pivot fell below the singularity threshold (factorisation stopped there).
  private(set) var isSingular = false

  /// Factors the square matrix `a`.
  /// - Precondition: `a.rows == a.cols` (callers check and throw first).
  init(_ a: Matrix) {
    precondition(a.rows == a.cols, "LU needs a square matrix")
    n = a.rows
    factors = a.storage
    permutation = Array(0..<n)
    let scale = a.storage.reduce(0) { Swift.max($0, Swift.abs($1)) }
    let threshold = Double(n) * Double.ulpOfOne * scale
    for k in 0..<n {
      var pivotRow = k
      var largest = Swift.abs(factors[k * n + k])
      for i in (k + 1)..<n where Swift.abs(factors[i * n + k]) > largest {
        largest = Swift.abs(factors[i * n + k])
        pivotRow = i
      }
      if largest <= threshold {
        isSingular = true
        return
      }
      if pivotRow != k {
        for j in 0..<n { factors.swapAt(k * n + j, pivotRow * n + j) }
        permutation.swapAt(k, pivotRow)
        parity = -parity
      }
      let pivot = factors[k * n + k]
      for i in (k + 1)..<n {
        let l = factors[i * n + k] / pivot
        factors[i * n + k] = l
        if l == 0 { continue }
        for j in (k + 1)..<n { factors[i * n + j] -= l * factors[k * n + j] }
      }
    }
  }

  /// `det A = det(P)·Π u_kk` (meaningful only when not singular).
  var determinant: Double {
    var d = parity
    for k in 0..<n { d *= factors[k * n + k] }
    return d
  }

  /// `(sign, log|det A|)` with `log|det A| = Σ log|u_kk|`, which does not overflow
  /// where `det` itself would.
  var signAndLogAbsDeterminant: (sign: Double, logAbs: Double) {
    var sign = parity
    var logAbs = 0.0
    for k in 0..<n {
      let u = factors[k * n + k]
      if u < 0 { sign = -sign }
      logAbs += Math.log(Swift.abs(u))
    }
    return (sign, logAbs)
  }

  /// `A⁻¹`, column by column: solve `L·z = P·eⱼ`, then `U·x = z`.
  func inverse() -> Matrix {
    var inverse = Matrix(rows: n, cols: n)
    var column = [Double](repeating: 0, count: n)
    for j in 0..<n {
      // Forward substitution with the permuted unit vector.
      for i in 0..<n {
        var s = permutation[i] == j ? 1.0 : 0.0
        for k in 0..<i { s -= factors[i * n + k] * column[k] }
        column[i] = s
      }
      // Back substitution.
      for i in stride(from: n - 1, through: 0, by: -1) {
        var s = column[i]
        for k in (i + 1)..<n { s -= factors[i * n + k] * column[k] }
        column[i] = s / factors[i * n + i]
      }
      for i in 0..<n { inverse[i, j] = column[i] }
    }
    return inverse
  }
}
