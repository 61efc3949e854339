import Tensor

/// Matrix operations: `@`, `transpose`, `sum`, `mean` (dispatched inline in
/// ``Operation/forward(_:)``), `inv`, `det`, `logdet`, `trace`, `eye`.
///
/// Products go through ``Matrix/matmul(_:transposeSelf:transposeOther:)`` (BLAS);
/// `inv`, `det` and `logdet` use ``LUDecomposition``.
extension Operation {
  /// `A @ B`, the matrix product (no broadcasting).
  /// - Throws: when `A.cols ≠ B.rows`.
  static func matmul(_ a: Matrix, _ b: Matrix) throws(OperationFailure) -> Matrix {
    guard a.cols == b.rows else {
      throw OperationFailure(
        "cannot multiply \(a.shapeDescription) and \(b.shapeDescription) with @: "
          + "inner dimensions \(a.cols) and \(b.rows) differ",
        hint: "a @ b needs as many columns in a as rows in b; transpose(…) one side, or use * for "
          + "element-wise products.")
    }
    return a.matmul(b)
  }

  /// VJPs of `Y = A·B`: `∂/∂A = G·Bᵀ`, `∂/∂B = Aᵀ·G`.
  static func matmulVJP(_ a: Matrix, _ b: Matrix, _ g: Matrix) -> [Matrix] {
    [g.matmul(b, transposeOther: true), a.matmul(g, transposeSelf: true)]
  }

  /// `inv(A) = A⁻¹` by LU with partial pivoting.
  /// - Throws: when `A` is not square, or singular (`matrix is singular`).
  static func inverse(_ a: Matrix) throws(OperationFailure) -> Matrix {
    try factor(a, for: .inv).inverse()
  }

  /// VJP of `Y = A⁻¹`: `∂/∂A = −A⁻ᵀ·G·A⁻ᵀ = −Yᵀ·G·Yᵀ`.
  static func inverseVJP(_ y: Matrix, _ g: Matrix) -> Matrix {
    -(y.matmul(g, transposeSelf: true).matmul(y, transposeOther: true))
  }

  /// `det(A)` by LU: `det(P)·Π u_kk`.
  /// - Throws: when `A` is not square, or singular. (Its determinant would be 0, but
  ///   the gradient `det(A)·A⁻ᵀ` needs `A⁻¹`, so the graph refuses it, as for `inv`.)
  static func determinant(_ a: Matrix) throws(OperationFailure) -> Matrix {
    Matrix(scalar: try factor(a, for: .det).determinant)
  }

  /// VJP of `y = det A`: `∂/∂A = g·det(A)·A⁻ᵀ` (Jacobi's formula).
  static func determinantVJP(_ a: Matrix, _ y: Matrix, _ g: Matrix) -> Matrix {
    (g.storage[0] * y.storage[0]) * LUDecomposition(a).inverse().transposed
  }

  /// `logdet(A) = ln det A = Σ ln|u_kk|` for `det A > 0` (no overflow for large n).
  /// - Throws: when `A` is not square, singular, or `det A < 0`
  ///   (`logdet needs a positive determinant; got det = -3`).
  static func logDeterminant(_ a: Matrix) throws(OperationFailure) -> Matrix {
    let lu = try factor(a, for: .logdet)
    let (sign, logAbs) = lu.signAndLogAbsDeterminant
    guard sign > 0 else {
      throw OperationFailure(
        "logdet needs a positive determinant; got det = \(Math.short(lu.determinant))",
        hint: "log|det A| of a positive-definite matrix such as A @ transpose(A) + eye(n) is defined.")
    }
    return Matrix(scalar: logAbs)
  }

  /// VJP of `y = ln det A`: `∂/∂A = g·A⁻ᵀ`.
  static func logDeterminantVJP(_ a: Matrix, _ g: Matrix) -> Matrix {
    g.storage[0] * LUDecomposition(a).inverse().transposed
  }

  /// `trace(A) = Σᵢ a_ii`; its VJP is `g·I`.
  /// - Throws: when `A` is not square.
  static func trace(_ a: Matrix) throws(OperationFailure) -> Matrix {
    try checkSquare(a, for: .trace)
    var t = 0.0
    for i in 0..<a.rows { t += a[i, i] }
    return Matrix(scalar: t)
  }

  /// `eye(n)`, the n×n identity. `n` must be a whole number 1 … 1024; nothing flows
  /// back to it (its VJP contribution is 0).
  /// - Throws: otherwise.
  static func eye(_ n: Matrix) throws(OperationFailure) -> Matrix {
    guard let v = n.scalarValue, v.rounded() == v, v >= 1, v <= 1024 else {
      let got = n.scalarValue.map(Math.short) ?? "a \(n.shapeDescription) matrix"
      throw OperationFailure(
        "eye(n) needs a whole number n from 1 to 1024; got \(got)", hint: "For the 3×3 identity write eye(3)."
      )
    }
    return Matrix.identity(Int(v))
  }

  /// LU of `a`, or a failure when `a` is not square or is singular.
  private static func factor(_ a: Matrix, for op: Operation) throws(OperationFailure) -> LUDecomposition {
    try checkSquare(a, for: op)
    let lu = LUDecomposition(a)
    if lu.isSingular {
      throw OperationFailure(
        "\(op.rawValue) of a singular \(a.shapeDescription) matrix: matrix is singular",
        hint: "Its rows are linearly dependent, so it has no inverse; add a multiple of eye(n) to "
          + "regularise it.")
    }
    return lu
  }

  private static func checkSquare(_ a: Matrix, for op: Operation) throws(OperationFailure) {
    guard a.rows == a.cols else {
      throw OperationFailure("\(op.rawValue) needs a square matrix; got \(a.shapeDescription)")
    }
  }
}
