import Tensor

/// Every operation a graph node can perform.
///
/// Operators: `+ - * /` (element-wise, a 1×1 operand broadcasts), `^` (power by a
/// scalar), `@` (matrix product), unary `-`. Functions: `exp log sqrt abs sin cos tan
/// tanh sigmoid relu softplus sum mean transpose inv det logdet trace eye max min softmax
/// logsumexp norm`.
/// `input` holds a literal; `copy` is `b = a`.
///
/// Each family file (`Operation+Elementwise.swift`, `Operation+Pointwise.swift`,
/// `Operation+Matrix.swift`) puts an operation's forward formula and its
/// vector-Jacobian product (VJP) side by side.
enum Operation: String, Sendable, CaseIterable {
  case input, copy
  case add, subtract, multiply, divide, matmul, power, negate
  case exp, log, sqrt, abs, sin, cos, tan, tanh, sigmoid, relu, softplus
  case sum, mean, transpose, inv, det, logdet, trace, eye, max, min
  case softmax, logsumexp, norm

  /// The functions callable as `name(…)`, in the contract's order.
  static let functions: [Operation] = [
    .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus,
    .sum, .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm,
  ]

  /// The function names, for "did you mean" hints.
  static let functionNames: [String] = functions.map(\.rawValue)

  /// The function called `name`, or `nil`.
  static func function(named name: String) -> Operation? {
    functions.first { $0.rawValue == name }
  }

  /// True for operations written as `name(…)`.
  var isFunction: Bool { Operation.functions.contains(self) }

  /// Number of operands.
  var arity: Int {
    switch self {
    case .input: return 0
    case .add, .subtract, .multiply, .divide, .matmul, .power, .max, .min: return 2
    case .copy, .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .sum,
      .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .softmax, .logsumexp, .norm:
      return 1
    }
  }

  /// How the function is called, for arity messages: `max(a, b)`.
  var signature: String { arity == 2 ? "\(rawValue)(a, b)" : "\(rawValue)(\(self == .eye ? "n" : "x"))" }

  /// The label ``GraphNode/operation`` shows: the operator symbol (`+ - * / @ ^`),
  /// `neg` for unary minus, the function name, `input` or `copy`.
  var label: String {
    switch self {
    case .add: return "+"
    case .subtract: return "-"
    case .multiply: return "*"
    case .divide: return "/"
    case .matmul: return "@"
    case .power: return "^"
    case .negate: return "neg"
    case .input, .copy, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .sum,
      .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm:
      return rawValue
    }
  }

  /// Binding strength of the written form: `+ -` 1, `* / @` 2, unary `-` 3, `^` 4,
  /// names, numbers, literals and calls 5.
  var precedence: Int {
    switch self {
    case .add, .subtract: return 1
    case .multiply, .divide, .matmul: return 2
    case .negate: return 3
    case .power: return 4
    case .input, .copy, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .sum,
      .mean, .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm:
      return 5
    }
  }

  /// The expression text for this operation applied to already-rendered operands,
  /// with the fewest parentheses that keep it parsing back to the same tree
  /// (`+ - * / @` are left-associative, `^` is right-associative and binds tighter
  /// than unary minus, whose operand is parenthesized when it is itself a unary minus).
  func render(_ operands: [Rendered]) -> String {
    func wrap(_ r: Rendered, _ needed: Bool) -> String { needed ? "(\(r.text))" : r.text }
    switch self {
    case .input, .copy:
      return operands.first?.text ?? ""
    case .add, .subtract, .multiply, .divide, .matmul:
      let p = precedence
      return
        "\(wrap(operands[0], operands[0].precedence < p)) \(label) \(wrap(operands[1], operands[1].precedence <= p))"
    case .power:
      return
        "\(wrap(operands[0], operands[0].precedence <= 4))^\(wrap(operands[1], operands[1].precedence < 3))"
    case .negate:
      return "-" + wrap(operands[0], operands[0].precedence <= 3)
    case .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus, .sum, .mean,
      .transpose, .inv, .det, .logdet, .trace, .eye, .max, .min, .softmax, .logsumexp, .norm:
      return "\(rawValue)(" + operands.map(\.text).joined(separator: ", ") + ")"
    }
  }

  /// The forward value `f(x₀, x₁, …)`.
  /// - Throws: ``OperationFailure`` on a shape mismatch, a singular matrix, a
  ///   non-positive determinant for `logdet`, or a bad `eye` size. IEEE results
  ///   (`log(0) = -inf`, `log(-1) = NaN`, `1/0 = inf`) are values, not errors.
  func forward(_ x: [Matrix]) throws(OperationFailure) -> Matrix {
    switch self {
    case .input, .copy: return x[0]
    case .add, .subtract, .multiply, .divide: return try Operation.elementwise(self, x[0], x[1])
    case .max, .min: return try Operation.extremum(self, x[0], x[1])
    case .power: return try Operation.power(x[0], x[1])
    case .negate: return -x[0]
    case .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus:
      return Operation.pointwise(self, x[0])
    case .matmul: return try Operation.matmul(x[0], x[1])
    case .sum, .mean, .logsumexp, .norm: return Operation.reduce(self, x[0])
    case .softmax: return Operation.softmax(x[0])
    case .transpose: return x[0].transposed
    case .inv: return try Operation.inverse(x[0])
    case .det: return try Operation.determinant(x[0])
    case .logdet: return try Operation.logDeterminant(x[0])
    case .trace: return try Operation.trace(x[0])
    case .eye: return try Operation.eye(x[0])
    }
  }

  /// The vector-Jacobian products: for upstream `g = ∂out/∂y` (shaped like `y`),
  /// one contribution `∂out/∂xᵢ` per operand, shaped like that operand. Operands
  /// nothing flows to (the size of `eye`) get zeros.
  func vjp(_ x: [Matrix], output y: Matrix, upstream g: Matrix) -> [Matrix] {
    switch self {
    case .input: return []
    case .copy: return [g]
    case .add, .subtract, .multiply, .divide: return Operation.elementwiseVJP(self, x[0], x[1], g)
    case .max, .min: return Operation.extremumVJP(self, x[0], x[1], g)
    case .power: return Operation.powerVJP(x[0], x[1], y, g)
    case .negate: return [-g]
    case .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .softplus:
      return [Operation.pointwiseVJP(self, x[0], y, g)]
    case .matmul: return Operation.matmulVJP(x[0], x[1], g)
    case .sum, .mean, .logsumexp, .norm: return [Operation.reduceVJP(self, x[0], y, g)]
    case .softmax: return [Operation.softmaxVJP(y, g)]
    case .transpose: return [g.transposed]
    case .inv: return [Operation.inverseVJP(y, g)]
    case .det: return [Operation.determinantVJP(x[0], y, g)]
    case .logdet: return [Operation.logDeterminantVJP(x[0], g)]
    case .trace: return [g.storage[0] * Matrix.identity(x[0].rows)]
    case .eye: return [Matrix(rows: x[0].rows, cols: x[0].cols)]
    }
  }
}

/// An operand already written out, with the precedence of its outermost operation
/// (5 for names, numbers and calls).
struct Rendered: Equatable, Sendable {
  var text: String
  var precedence: Int
}
