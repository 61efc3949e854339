import Autodiff
import Tensor
import Testing

/// One operation under test: a graph text whose inputs are placeholders, and how to
/// draw their values.
struct OperationCase: Sendable, CustomTestStringConvertible {
  var name: String
  var text: String
  /// The finite-difference step (larger for values far from 1, where rounding dominates).
  var epsilon = 1e-6
  var draw: @Sendable (inout RandomSource) -> [(String, Matrix)]
  var testDescription: String { name }
}

/// An n×n matrix with entries in [−1, 1) plus `shift` on the diagonal (well
/// conditioned for shift ≥ n).
func diagonallyDominant(_ n: Int, shift: Double, _ rng: inout RandomSource) -> Matrix {
  uniformMatrix(n, n, -1, 1, &rng) + shift * Matrix.identity(n)
}

/// Entries with |x| in [0.3, 1) and random signs: away from the kinks of relu, abs.
func awayFromZero(_ rows: Int, _ cols: Int, _ rng: inout RandomSource) -> Matrix {
  Matrix(
    rows: rows, cols: cols,
    storage: (0..<(rows * cols)).map { _ in rng.uniform(0.3, 1) * (rng.uniform() < 0.5 ? -1 : 1) })
}

/// `y = sum(EXPR * w)` around an element-wise expression of `a` (3×2) and optional `b`.
func weighted(
  _ name: String, _ expr: String, a: (Double, Double) = (-1, 1), b: (Int, Int, Double, Double)? = nil,
  aShape: (Int, Int) = (3, 2)
) -> OperationCase {
  var text = "a = 0\n"
  if b != nil { text += "b = 0\n" }
  text += "w = 0\ny = sum((\(expr)) * w)"
  return OperationCase(name: name, text: text) { rng in
    var inputs = [("a", uniformMatrix(aShape.0, aShape.1, a.0, a.1, &rng))]
    if let b { inputs.append(("b", uniformMatrix(b.0, b.1, b.2, b.3, &rng))) }
    inputs.append(("w", uniformMatrix(3, 2, -1, 1, &rng)))
    return inputs
  }
}

/// Every operation's VJP against central differences on seeded random inputs.
struct GradientCheckTests {
  static let cases: [OperationCase] = [
    weighted("add", "a + b", b: (3, 2, -1, 1)),
    weighted("add scalar + matrix", "b + a", b: (1, 1, -1, 1)),
    weighted("add matrix + scalar", "a + b", b: (1, 1, -1, 1)),
    weighted("subtract", "a - b", b: (3, 2, -1, 1)),
    weighted("subtract scalar - matrix", "b - a", b: (1, 1, -1, 1)),
    weighted("subtract matrix - scalar", "a - b", b: (1, 1, -1, 1)),
    weighted("multiply", "a * b", b: (3, 2, -1, 1)),
    weighted("multiply scalar * matrix", "b * a", b: (1, 1, -1, 1)),
    weighted("divide", "a / b", b: (3, 2, 0.5, 2)),
    weighted("divide matrix / scalar", "a / b", b: (1, 1, 0.5, 2)),
    weighted("divide scalar / matrix", "b / a", a: (0.5, 2), b: (1, 1, -1, 1)),
    weighted("negate", "-a"),
    weighted("power by a constant", "a^3"),
    weighted("power by a fractional constant", "a^2.5", a: (0.2, 2)),
    weighted("power by a negative constant", "a^-1.5", a: (0.5, 2)),
    weighted("power by a node", "a^b", a: (0.5, 2), b: (1, 1, 0.5, 2)),
    weighted("exp", "exp(a)"),
    weighted("log", "log(a)", a: (0.2, 3)),
    weighted("sqrt", "sqrt(a)", a: (0.2, 3)),
    weighted("sin", "sin(a)", a: (-3, 3)),
    weighted("cos", "cos(a)", a: (-3, 3)),
    weighted("tan", "tan(a)"),
    weighted("tanh", "tanh(a)", a: (-2, 2)),
    weighted("sigmoid", "sigmoid(a)", a: (-4, 4)),
    weighted("max", "max(a, b)", b: (3, 2, -1, 1)),
    weighted("min", "min(a, b)", b: (3, 2, -1, 1)),
    weighted("max with a scalar", "max(a, b)", b: (1, 1, -0.1, 0.1)),
    weighted("min with a scalar", "min(b, a)", b: (1, 1, -0.1, 0.1)),
    weighted("softplus", "softplus(a)", a: (-4, 4)),
    weighted("softplus above its threshold", "softplus(a)", a: (21, 25)),
    weighted("softmax of a matrix (per column)", "softmax(a)", a: (-2, 2)),
    OperationCase(name: "softmax of a column", text: "a = 0\nw = 0\ny = sum(softmax(a) * w)") { rng in
      [("a", uniformMatrix(3, 1, -2, 2, &rng)), ("w", uniformMatrix(3, 1, -1, 1, &rng))]
    },
    OperationCase(name: "softmax of a row", text: "a = 0\nw = 0\ny = sum(softmax(a) * w)") { rng in
      [("a", uniformMatrix(1, 4, -2, 2, &rng)), ("w", uniformMatrix(1, 4, -1, 1, &rng))]
    },
    OperationCase(name: "logsumexp", text: "a = 0\ny = logsumexp(a)") { rng in
      [("a", uniformMatrix(3, 2, -2, 2, &rng))]
    },
    OperationCase(name: "logsumexp of large values", text: "a = 0\ny = logsumexp(a)", epsilon: 1e-4) { rng in
      [("a", uniformMatrix(3, 2, 700, 702, &rng))]
    },
    OperationCase(name: "norm", text: "a = 0\ny = norm(a)") { rng in [("a", uniformMatrix(3, 2, -1, 1, &rng))]
    },
    OperationCase(name: "relu", text: "a = 0\nw = 0\ny = sum(relu(a) * w)") { rng in
      [("a", awayFromZero(3, 2, &rng)), ("w", uniformMatrix(3, 2, -1, 1, &rng))]
    },
    OperationCase(name: "abs", text: "a = 0\nw = 0\ny = sum(abs(a) * w)") { rng in
      [("a", awayFromZero(3, 2, &rng)), ("w", uniformMatrix(3, 2, -1, 1, &rng))]
    },
    OperationCase(name: "sum", text: "a = 0\ny = sum(a)^2") { rng in [("a", uniformMatrix(3, 2, -1, 1, &rng))]
    },
    OperationCase(name: "mean", text: "a = 0\nw = 0\ny = mean(a)^2 + mean(a * w)") { rng in
      [("a", uniformMatrix(3, 2, -1, 1, &rng)), ("w", uniformMatrix(3, 2, -1, 1, &rng))]
    },
    OperationCase(name: "transpose", text: "a = 0\nw = 0\ny = sum(transpose(a) * w)") { rng in
      [("a", uniformMatrix(3, 2, -1, 1, &rng)), ("w", uniformMatrix(2, 3, -1, 1, &rng))]
    },
    OperationCase(name: "matmul", text: "A = 0\nB = 0\nw = 0\ny = sum((A @ B) * w)") { rng in
      [
        ("A", uniformMatrix(3, 2, -1, 1, &rng)), ("B", uniformMatrix(2, 4, -1, 1, &rng)),
        ("w", uniformMatrix(3, 4, -1, 1, &rng)),
      ]
    },
    OperationCase(name: "matmul vector", text: "W = 0\nx = 0\ny = sum(tanh(W @ x))") { rng in
      [("W", uniformMatrix(2, 3, -1, 1, &rng)), ("x", uniformMatrix(3, 1, -1, 1, &rng))]
    },
    OperationCase(name: "inv", text: "A = 0\nw = 0\ny = sum(inv(A) * w)") { rng in
      [("A", diagonallyDominant(3, shift: 3, &rng)), ("w", uniformMatrix(3, 3, -1, 1, &rng))]
    },
    OperationCase(name: "det", text: "A = 0\ny = det(A)") { rng in
      [("A", diagonallyDominant(3, shift: 2, &rng))]
    },
    OperationCase(name: "det of a product", text: "A = 0\ny = det(A @ transpose(A)) / 10") { rng in
      [("A", uniformMatrix(3, 3, -1, 1, &rng))]
    },
    OperationCase(name: "logdet", text: "A = 0\ny = logdet(A)") { rng in
      let m = uniformMatrix(3, 3, -1, 1, &rng)
      return [("A", m.matmul(m, transposeOther: true) + Matrix.identity(3))]
    },
    OperationCase(name: "trace", text: "A = 0\nw = 0\ny = trace(A)^2 + trace(A * w)") { rng in
      [("A", uniformMatrix(3, 3, -1, 1, &rng)), ("w", uniformMatrix(3, 3, -1, 1, &rng))]
    },
    OperationCase(name: "eye", text: "A = 0\nw = 0\ny = sum((A + eye(3)) * (A - w))") { rng in
      [("A", uniformMatrix(3, 3, -1, 1, &rng)), ("w", uniformMatrix(3, 3, -1, 1, &rng))]
    },
    OperationCase(name: "copy", text: "a = 0\nb = a\ny = sum(b * b)") { rng in
      [("a", uniformMatrix(2, 2, -1, 1, &rng))]
    },
    OperationCase(
      name: "scalar chain", text: "x = 0\nz = 0\ny = exp(x * z) + x * z / log(x) + sin(log(x)) / (x * z)"
    ) { rng in [("x", Matrix(scalar: rng.uniform(1.5, 2.5))), ("z", Matrix(scalar: rng.uniform(0.5, 1.5)))] },
  ]

  @Test(arguments: cases)
  func backwardMatchesCentralDifferences(_ c: OperationCase) throws {
    var rng = RandomSource(seed: SeedDerivation.fnv1a(c.name))
    var program = try GraphProgram.parse(c.text)
    for (name, value) in c.draw(&rng) { program = program.replacingInput(name, with: value) }
    let graph = try program.evaluate()
    for name in program.inputNames {
      let backprop = try #require(graph.gradient(wrt: name))
      let numeric = try program.finiteDifference(wrt: name, epsilon: c.epsilon)
      let error = GradientComparison.relativeError(backprop, numeric)
      #expect(error < 1e-6, "\(c.name): ∂y/∂\(name) relative error \(error)")
      #expect(backprop.norm() > 1e-3, "\(c.name): ∂y/∂\(name) should not vanish")
    }
  }
}
