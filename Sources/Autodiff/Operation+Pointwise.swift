import Tensor

/// One-argument functions applied to every element:
/// `exp log sqrt abs sin cos tan tanh sigmoid relu softplus`.
///
/// Domain edges follow IEEE 754 and never throw: `log(0) = -inf`, `log(-1) = NaN`,
/// `sqrt(-1) = NaN`.
extension Operation {
  /// `y = f(x)` element-wise:
  /// - `exp(x) = eˣ`, `log(x) = ln x`, `sqrt(x) = √x`, `abs(x) = |x|`,
  ///   `sin`, `cos`, `tan`, `tanh` as usual;
  /// - `sigmoid(x) = 1 / (1 + e⁻ˣ)`, computed as `eˣ / (1 + eˣ)` for `x < 0` so that
  ///   neither branch overflows;
  /// - `relu(x) = max(x, 0)` (NaN stays NaN);
  /// - `softplus(x) = ln(1 + eˣ)` for `x ≤ 20` and `x` above (PyTorch's `threshold = 20`,
  ///   where the two differ by less than 2.1e-9), computed as `log1p(eˣ)`.
  /// - Precondition: `op` is one of these functions (``Operation/forward(_:)`` sends only them).
  static func pointwise(_ op: Operation, _ x: Matrix) -> Matrix {
    switch op {
    case .exp: return x.map(Math.exp)
    case .log: return x.map(Math.log)
    case .sqrt: return x.map(Math.sqrt)
    case .abs: return x.map { Swift.abs($0) }
    case .sin: return x.map(Math.sin)
    case .cos: return x.map(Math.cos)
    case .tan: return x.map(Math.tan)
    case .tanh: return x.map(Math.tanh)
    case .sigmoid: return x.map(sigmoid)
    case .relu: return x.map { $0 > 0 || $0.isNaN ? $0 : 0 }
    case .softplus: return x.map(softplus)
    case .input, .copy, .add, .subtract, .multiply, .divide, .matmul, .power, .negate, .sum, .mean,
      .transpose,
      .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm:
      preconditionFailure("\(op) is not pointwise")
    }
  }

  /// VJP `g · f′(x)` element-wise, written with the output `y` where that is cheaper:
  /// - `exp`: `g·y`; `log`: `g/x`; `sin`: `g·cos x`; `cos`: `−g·sin x`;
  ///   `tan`: `g·(1 + y²)`; `tanh`: `g·(1 − y²)`; `sigmoid`: `g·y·(1 − y)`;
  /// - `sqrt`: `g / (2y)`, so `sqrt′(0) = +∞` as mathematics says (and as PyTorch);
  ///   an upstream 0 there gives `0·∞ = NaN`;
  /// - `abs`: `g·sign(x)` with `sign(0) = 0`, so `abs′(0) = 0` (PyTorch's convention);
  /// - `relu`: `g·[x > 0]`, so `relu′(0) = 0` (PyTorch's convention);
  /// - `softplus`: `g·σ(x)` for `x ≤ 20` and `g` above (PyTorch's backward, which matches
  ///   the linear branch of the forward).
  /// - Precondition: `op` is one of these functions.
  static func pointwiseVJP(_ op: Operation, _ x: Matrix, _ y: Matrix, _ g: Matrix) -> Matrix {
    switch op {
    case .exp: return g * y
    case .log: return g / x
    case .sqrt: return g * y.map { 1 / (2 * $0) }
    case .abs: return g * x.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
    case .sin: return g * x.map(Math.cos)
    case .cos: return g * x.map { -Math.sin($0) }
    case .tan: return g * y.map { 1 + $0 * $0 }
    case .tanh: return g * y.map { 1 - $0 * $0 }
    case .sigmoid: return g * y.map { $0 * (1 - $0) }
    case .relu: return g * x.map { $0 > 0 ? 1 : 0 }
    case .softplus: return g * x.map { $0 > softplusThreshold ? 1 : sigmoid($0) }
    case .input, .copy, .add, .subtract, .multiply, .divide, .matmul, .power, .negate, .sum, .mean,
      .transpose,
      .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm:
      preconditionFailure("\(op) is not pointwise")
    }
  }

  /// Above this input `softplus` is the identity (PyTorch's default `threshold`).
  static let softplusThreshold = 20.0

  /// `softplus(x) = log1p(eˣ)` for `x ≤ 20`, `x` above; NaN stays NaN.
  static func softplus(_ x: Double) -> Double {
    x > softplusThreshold ? x : Math.log1p(Math.exp(x))
  }

  /// The logistic function `σ(x) = 1 / (1 + e⁻ˣ)`, stable for large `|x|`.
  static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Math.exp(-x)) }
    let e = Math.exp(x)
    return e / (1 + e)
  }
}
