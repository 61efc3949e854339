import Tensor

/// Reductions to a scalar (`sum mean logsumexp norm`, over every element) and
/// `softmax` (per column), each forward formula beside its VJP.
extension Operation {
  /// `y = f(X)`, a 1×1 result from all elements xᵢ of `X`:
  /// - `sum(X) = Σ xᵢ`, `mean(X) = Σ xᵢ / count`;
  /// - `logsumexp(X) = m + ln Σ exp(xᵢ − m)` with `m = max xᵢ`, so that no `exp`
  ///   overflows; `m = ±∞` gives `m` itself (all −∞: −∞, any +∞: +∞, as PyTorch);
  /// - `norm(X) = √(Σ xᵢ²)`, the Euclidean norm of a vector and the Frobenius norm of a
  ///   matrix (not the spectral norm), computed as `s·√(Σ (xᵢ/s)²)` with `s = max |xᵢ|`
  ///   so that squares neither overflow nor underflow.
  ///
  /// NaN in `X` gives NaN.
  /// - Precondition: `op` is one of these four.
  static func reduce(_ op: Operation, _ x: Matrix) -> Matrix {
    switch op {
    case .sum: return Matrix(scalar: x.sum())
    case .mean: return Matrix(scalar: x.sum() / Double(x.count))
    case .logsumexp: return Matrix(scalar: logSumExp(x.storage[...]))
    case .norm: return Matrix(scalar: euclideanNorm(x.storage))
    case .input, .copy, .add, .subtract, .multiply, .divide, .matmul, .power, .negate, .exp, .log, .sqrt,
      .abs,
      .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .transpose, .inv, .det, .logdet, .trace, .eye,
      .max,
      .min, .softmax:
      preconditionFailure("\(op) is not a reduction")
    }
  }

  /// VJPs of the reductions for the 1×1 upstream `g`, shaped like `X`:
  /// - `sum`: `g` everywhere; `mean`: `g / count`;
  /// - `logsumexp`: `g · exp(xᵢ − m) / Σⱼ exp(xⱼ − m)` (`m = max xⱼ`), the softmax of all
  ///   elements, computed without `y` so that a large `m` loses no digits; all-−∞ input
  ///   gives NaN, as PyTorch;
  /// - `norm`: `g · xᵢ / ‖X‖`. At `X = 0` the norm has a kink: every vector of the unit
  ///   ball is a subgradient, and this takes the one of minimum norm, `0` (PyTorch's
  ///   `torch.linalg.norm` gives 0 there too).
  static func reduceVJP(_ op: Operation, _ x: Matrix, _ y: Matrix, _ g: Matrix) -> Matrix {
    let upstream = g.storage[0]
    let value = y.storage[0]
    switch op {
    case .sum: return Matrix(rows: x.rows, cols: x.cols, repeating: upstream)
    case .mean: return Matrix(rows: x.rows, cols: x.cols, repeating: upstream / Double(x.count))
    case .logsumexp:
      let weights = softmax(Matrix(column: x.storage))
      return Matrix(rows: x.rows, cols: x.cols, storage: weights.storage.map { upstream * $0 })
    case .norm:
      if value == 0 { return Matrix(rows: x.rows, cols: x.cols) }
      return x.map { upstream * $0 / value }
    case .input, .copy, .add, .subtract, .multiply, .divide, .matmul, .power, .negate, .exp, .log, .sqrt,
      .abs,
      .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .transpose, .inv, .det, .logdet, .trace, .eye,
      .max,
      .min, .softmax:
      preconditionFailure("\(op) is not a reduction")
    }
  }

  /// `softmax(X)`: `sᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)` over each column of a matrix, and
  /// over all elements of a vector, n×1 or 1×n (so a row vector is not turned into ones);
  /// `m` is the largest element of the column, so nothing overflows. A column holding +∞
  /// or NaN gives NaN, as in PyTorch.
  static func softmax(_ x: Matrix) -> Matrix {
    var y = x
    for group in softmaxGroups(x) {
      let m = group.map { x.storage[$0] }.max() ?? 0
      var total = 0.0
      for i in group {
        y.storage[i] = Math.exp(x.storage[i] - m)
        total += y.storage[i]
      }
      for i in group { y.storage[i] /= total }
    }
    return y
  }

  /// VJP of `S = softmax(X)`: per column (or the whole vector),
  /// `∂/∂xᵢ = sᵢ·(gᵢ − Σⱼ gⱼ sⱼ)`, the product of `g` with the Jacobian `diag(s) − s·sᵀ`.
  static func softmaxVJP(_ y: Matrix, _ g: Matrix) -> Matrix {
    var out = y
    for group in softmaxGroups(y) {
      var dot = 0.0
      for i in group { dot += g.storage[i] * y.storage[i] }
      for i in group { out.storage[i] = y.storage[i] * (g.storage[i] - dot) }
    }
    return out
  }

  /// Storage indices of each group softmax normalises: one group for a vector, one per
  /// column of a matrix.
  private static func softmaxGroups(_ x: Matrix) -> [[Int]] {
    if x.isVector { return [Array(0..<x.count)] }
    return (0..<x.cols).map { c in (0..<x.rows).map { r in r * x.cols + c } }
  }

  /// `m + ln Σ exp(xᵢ − m)` with `m = max xᵢ`; `m` itself when it is infinite, NaN for NaN.
  static func logSumExp(_ xs: ArraySlice<Double>) -> Double {
    if xs.contains(where: \.isNaN) { return .nan }
    guard let m = xs.max() else { return -.infinity }
    if m.isInfinite { return m }
    var total = 0.0
    for x in xs { total += Math.exp(x - m) }
    return m + Math.log(total)
  }

  /// `√(Σ xᵢ²)` scaled by the largest `|xᵢ|` (NaN propagates, +∞ for an infinite entry).
  static func euclideanNorm(_ xs: [Double]) -> Double {
    if xs.contains(where: \.isNaN) { return .nan }
    let s = xs.reduce(0) { Swift.max($0, Swift.abs($1)) }
    if s == 0 || s.isInfinite { return s }
    var total = 0.0
    for x in xs {
      let r = x / s
      total += r * r
    }
    return s * total.squareRoot()
  }
}
