import Tensor

/// What an operation costs, known from its operands before it runs: the size of its
/// result (checked against the memory limit before allocating) and its work.
extension Operation {
  /// An upper bound on the number of elements of ``forward(_:)`` for operands `x`:
  /// `A @ B` has `A.rows·B.cols`; `eye(n)` at most 1024² (the largest size it accepts);
  /// reductions and `det`, `logdet`, `trace` 1; every other operation at most its
  /// largest operand (broadcasting never grows beyond it).
  func resultElementBound(_ x: [Matrix]) -> Double {
    switch self {
    case .matmul: return Double(x[0].rows) * Double(x[1].cols)
    case .eye: return 1024 * 1024
    case .sum, .mean, .logsumexp, .norm, .det, .logdet, .trace: return 1
    case .input, .copy, .add, .subtract, .multiply, .divide, .power, .negate, .exp, .log, .sqrt, .abs, .sin,
      .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .transpose, .inv, .max, .min, .softmax:
      return Double(x.map(\.count).max() ?? 1)
    }
  }

  /// Work of ``forward(_:)`` (or of its VJP, which costs about as much), in units of
  /// about one multiply-add: `A @ B` `A.rows·A.cols·B.cols`; `inv`, `det`, `logdet` of an
  /// n×n matrix n³ (LU; their VJPs invert); `eye(n)` n²; every other operation its
  /// largest operand's element count (at least 1).
  func work(_ x: [Matrix]) -> Double {
    switch self {
    case .matmul: return Swift.max(1, Double(x[0].rows) * Double(x[0].cols) * Double(x[1].cols))
    case .inv, .det, .logdet: return Swift.max(1, Double(x[0].rows) * Double(x[0].rows) * Double(x[0].rows))
    case .eye: return Swift.max(1, (x[0].scalarValue ?? 1) * (x[0].scalarValue ?? 1))
    case .input, .copy, .add, .subtract, .multiply, .divide, .power, .negate, .exp, .log, .sqrt, .abs, .sin,
      .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .sum, .mean, .transpose, .trace, .max, .min, .softmax,
      .logsumexp, .norm:
      return Double(Swift.max(1, x.map(\.count).max() ?? 1))
    }
  }
}
