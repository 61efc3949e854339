import Tensor

/// Element-wise binary operations with scalar broadcasting: `+ - * /`, `^` by a
/// scalar, `max`, `min`.
///
/// Shapes must be equal, or one operand is 1×1 and broadcasts to the other's shape.
/// The VJP of a broadcast scalar is the SUM of the upstream entries it was copied
/// to (``Operation/unbroadcast(_:to:)``).
extension Operation {
  /// `a ∘ b` for `∘ ∈ {+, -, *, /}`, element by element.
  /// - Throws: when the shapes are neither equal nor one of them 1×1
  ///   (`cannot add 2×1 and 3×1`).
  static func elementwise(_ op: Operation, _ a: Matrix, _ b: Matrix) throws(OperationFailure) -> Matrix {
    try checkBroadcast(op, a, b)
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .input, .copy, .matmul, .power, .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid,
      .relu, .softplus, .sum, .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax,
      .logsumexp, .norm:
      preconditionFailure("\(op) is not + - * /")
    }
  }

  /// VJPs of `y = a ∘ b` for upstream `g`:
  /// `+`: (g, g); `-`: (g, −g); `*`: (g·b, g·a); `/`: (g/b, −g·a/b²),
  /// each summed back to a 1×1 operand's shape when it was broadcast.
  static func elementwiseVJP(_ op: Operation, _ a: Matrix, _ b: Matrix, _ g: Matrix) -> [Matrix] {
    let ga: Matrix
    let gb: Matrix
    switch op {
    case .add:
      ga = g
      gb = g
    case .subtract:
      ga = g
      gb = -g
    case .multiply:
      ga = g * b
      gb = g * a
    case .divide:
      ga = g / b
      gb = -(g * a) / (b * b)
    case .input, .copy, .matmul, .power, .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid,
      .relu, .softplus, .sum, .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax,
      .logsumexp, .norm:
      preconditionFailure("\(op) is not + - * /")
    }
    return [unbroadcast(ga, to: a), unbroadcast(gb, to: b)]
  }

  /// `max(a, b)` / `min(a, b)` element by element; NaN in either operand gives NaN
  /// (as `torch.maximum`).
  /// - Throws: on shapes that do not broadcast.
  static func extremum(_ op: Operation, _ a: Matrix, _ b: Matrix) throws(OperationFailure) -> Matrix {
    try checkBroadcast(op, a, b)
    let takeMax = op == .max
    return a.zipWith(b) { x, y in
      if x.isNaN || y.isNaN { return .nan }
      return takeMax ? Swift.max(x, y) : Swift.min(x, y)
    }
  }

  /// VJP of `max(a, b)`: `g` flows to the larger operand; at a tie (`a == b`) each
  /// side gets `g / 2` (PyTorch's `torch.maximum` convention). `min` likewise with
  /// the smaller operand.
  static func extremumVJP(_ op: Operation, _ a: Matrix, _ b: Matrix, _ g: Matrix) -> [Matrix] {
    let takeMax = op == .max
    // Share of g that goes to a: 1 when a wins, ½ at a tie, 0 when b wins.
    let shareA = a.zipWith(b) { x, y in
      if x == y { return 0.5 }
      return (takeMax ? x > y : x < y) ? 1 : 0
    }
    let ga = g * shareA
    let gb = g * shareA.map { 1 - $0 }
    return [unbroadcast(ga, to: a), unbroadcast(gb, to: b)]
  }

  /// `a ^ p`, every element of `a` raised to the scalar `p` (C `pow`, so a negative
  /// base with a whole exponent works and with a fractional one gives NaN).
  /// - Throws: when `p` is not 1×1.
  static func power(_ a: Matrix, _ p: Matrix) throws(OperationFailure) -> Matrix {
    guard let exponent = p.scalarValue else {
      throw OperationFailure(
        "the exponent of ^ must be a scalar (1×1); got \(p.shapeDescription)",
        hint: "For an element-wise power by a matrix write exp(b * log(a)).")
    }
    return a.map { Math.pow($0, exponent) }
  }

  /// VJPs of `y = a ^ p`:
  /// - base: `g · p · a^(p−1)`, and exactly 0 when `p == 0` (so `0^0` has slope 0,
  ///   as PyTorch);
  /// - exponent: `Σ g · y · ln a` (a scalar). Defined for `a > 0`. Where `a == 0` and
  ///   `p ≥ 0` the term is taken as its limit 0 (PyTorch's convention); a negative base
  ///   gives NaN (`ln a` is undefined), which only matters when the exponent is a node.
  static func powerVJP(_ a: Matrix, _ p: Matrix, _ y: Matrix, _ g: Matrix) -> [Matrix] {
    let exponent = p.storage[0]
    let ga: Matrix
    if exponent == 0 {
      ga = Matrix(rows: a.rows, cols: a.cols)
    } else {
      ga = g * a.map { exponent * Math.pow($0, exponent - 1) }
    }
    var gp = 0.0
    for i in 0..<a.count {
      let base = a.storage[i]
      if base == 0 && exponent >= 0 { continue }
      gp += g.storage[i] * y.storage[i] * Math.log(base)
    }
    return [ga, Matrix(scalar: gp)]
  }

  /// Sums a gradient back to the shape of a broadcast operand: unchanged when the
  /// shapes match; the sum of all entries when `operand` is 1×1 and `g` is not.
  static func unbroadcast(_ g: Matrix, to operand: Matrix) -> Matrix {
    if g.rows == operand.rows && g.cols == operand.cols { return g }
    return Matrix(scalar: g.sum())
  }

  /// Throws unless `a` and `b` have equal shapes or one is 1×1.
  private static func checkBroadcast(_ op: Operation, _ a: Matrix, _ b: Matrix) throws(OperationFailure) {
    if a.broadcasts(with: b) { return }
    let (sa, sb) = (a.shapeDescription, b.shapeDescription)
    let message: String
    var hint = "Element-wise operations need equal shapes, or a scalar (1×1) on one side."
    switch op {
    case .add: message = "cannot add \(sa) and \(sb)"
    case .subtract: message = "cannot subtract \(sb) from \(sa)"
    case .multiply:
      message = "cannot multiply \(sa) and \(sb) element-wise"
      if a.cols == b.rows { hint += " For the matrix product write @." }
    case .divide: message = "cannot divide \(sa) by \(sb)"
    case .max, .min: message = "\(op.rawValue) cannot pair \(sa) with \(sb)"
    case .input, .copy, .matmul, .power, .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid,
      .relu, .softplus, .sum, .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .softmax, .logsumexp,
      .norm:
      preconditionFailure("\(op) does not broadcast")
    }
    throw OperationFailure(message, hint: hint)
  }
}
