/// Cholesky factor of a symmetric positive semi-definite matrix, used to draw
/// correlated Gaussian samples `x = μ + L z`.
enum Cholesky {
  /// The lower-triangular `L` with `L Lᵀ = A`, rows as arrays.
  ///
  /// Column by column (Cholesky–Banachiewicz):
  /// `d = A_jj − Σ_{k<j} L_jk²`, `L_jj = √d`,
  /// `L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj` for `i > j`.
  /// Semi-definite matrices are accepted: when `|d| ≤ tol` the pivot is 0 and the
  /// rest of the column must also vanish (`|A_ij − Σ L_ik L_jk| ≤ tol'`), so that
  /// `[[1, 1], [1, 1]]` factors as `[[1, 0], [1, 0]]`. Here
  /// `tol = 1e-10 · max(1, max_i A_ii)` and `tol' = 1e-8 · max(1, max_i A_ii)`.
  /// Throws when `A` is not square, not symmetric (relative 1e-12), not finite, or has
  /// a negative pivot (an indefinite matrix).
  static func factor(_ a: [[Double]], key: String) throws(DatasetError) -> [[Double]] {
    let n = a.count
    guard n > 0, a.allSatisfy({ $0.count == n }) else {
      throw DatasetError(
        "the covariance must be a square matrix; its rows have lengths \(a.map(\.count))", key: key)
    }
    guard a.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
      throw DatasetError("the covariance has a value that is not a finite number", key: key)
    }
    let scale = max(1.0, (0..<n).map { abs(a[$0][$0]) }.max() ?? 1)
    for i in 0..<n {
      for j in 0..<i where abs(a[i][j] - a[j][i]) > 1e-12 * scale {
        throw DatasetError(
          "the covariance is not symmetric: entry [\(i)][\(j)] is \(a[i][j]) but [\(j)][\(i)] is \(a[j][i])",
          hint: "A covariance matrix equals its transpose.", key: key)
      }
    }
    let tol = 1e-10 * scale
    let columnTol = 1e-8 * scale
    var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0..<n {
      var d = a[j][j]
      for k in 0..<j { d -= l[j][k] * l[j][k] }
      if d < -tol {
        throw DatasetError(
          "the covariance is not positive semi-definite (pivot \(j + 1) of its Cholesky factorization is \(d))",
          hint:
            "Each variance must be at least as large as its correlations allow: |cov[i][j]| ≤ √(cov[i][i]·cov[j][j]), and the matrix must have no negative eigenvalue.",
          key: key)
      }
      if d <= tol {
        for i in (j + 1)..<n {
          var s = a[i][j]
          for k in 0..<j { s -= l[i][k] * l[j][k] }
          if abs(s) > columnTol {
            throw DatasetError(
              "the covariance is not positive semi-definite (variance \(j + 1) is exhausted but still correlates with variable \(i + 1))",
              hint: "Check that |cov[i][j]| ≤ √(cov[i][i]·cov[j][j]).", key: key)
          }
        }
        continue
      }
      let root = d.squareRoot()
      l[j][j] = root
      for i in (j + 1)..<n {
        var s = a[i][j]
        for k in 0..<j { s -= l[i][k] * l[j][k] }
        l[i][j] = s / root
      }
    }
    return l
  }
}
