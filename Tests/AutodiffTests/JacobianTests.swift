import Autodiff
import Tensor
import Testing

/// Jacobians of vector and matrix outputs: reverse mode (one pass per output element)
/// against central differences, for every function and operator, and their layout.
struct JacobianTests {
  /// One graph per function and operator whose output is a vector or matrix (or a
  /// scalar, for the reductions), with the inputs to draw. Keys are the function names
  /// and operator symbols, so a new function without a case fails `everyOperationHasACase`.
  static let cases: [String: OperationCase] = [
    "+": matrixCase("+", "y = a + b"), "-": matrixCase("-", "y = a - b"),
    "*": matrixCase("*", "y = a * b"), "/": matrixCase("/", "y = a / (b * b + 1)"),
    "^": matrixCase("^", "y = (a * a + 1)^1.5"), "neg": matrixCase("neg", "y = -a"),
    "@": matrixCase("@", "y = a @ transpose(b)"),
    "exp": matrixCase("exp", "y = exp(a)"), "log": matrixCase("log", "y = log(a * a + 1)"),
    "sqrt": matrixCase("sqrt", "y = sqrt(a * a + 1)"), "abs": matrixCase("abs", "y = abs(a + 3)"),
    "sin": matrixCase("sin", "y = sin(a)"), "cos": matrixCase("cos", "y = cos(a)"),
    "tan": matrixCase("tan", "y = tan(a / 2)"), "tanh": matrixCase("tanh", "y = tanh(a)"),
    "sigmoid": matrixCase("sigmoid", "y = sigmoid(a)"), "relu": matrixCase("relu", "y = relu(a + 3)"),
    "softplus": matrixCase("softplus", "y = softplus(a)"), "sum": matrixCase("sum", "y = sum(a * b)"),
    "mean": matrixCase("mean", "y = mean(a * b)"), "transpose": matrixCase("transpose", "y = transpose(a)"),
    "inv": squareCase("inv", "y = inv(A)"), "det": squareCase("det", "y = det(A) * A"),
    "logdet": squareCase("logdet", "y = logdet(A @ transpose(A)) * A"),
    "trace": squareCase("trace", "y = trace(A) * A"), "eye": squareCase("eye", "y = A @ (A + eye(3))"),
    "max": matrixCase("max", "y = max(a, b)"), "min": matrixCase("min", "y = min(a, b)"),
    "softmax": matrixCase("softmax", "y = softmax(a)"),
    "softmax of a vector": OperationCase(name: "softmax of a vector", text: "a = 0\ny = softmax(a)") { rng in
      [("a", uniformMatrix(4, 1, -2, 2, &rng))]
    },
    "logsumexp": matrixCase("logsumexp", "y = logsumexp(a) * b"),
    "norm": matrixCase("norm", "y = norm(a) * b"),
  ]

  /// `a`, `b`: 3×2 with entries in [−1, 1).
  static func matrixCase(_ name: String, _ line: String) -> OperationCase {
    OperationCase(name: name, text: "a = 0\nb = 0\n" + line) { rng in
      [("a", uniformMatrix(3, 2, -1, 1, &rng)), ("b", uniformMatrix(3, 2, -1, 1, &rng))]
    }
  }

  /// `A`: 3×3, well conditioned with a positive determinant.
  static func squareCase(_ name: String, _ line: String) -> OperationCase {
    OperationCase(name: name, text: "A = 0\n" + line) { rng in [("A", diagonallyDominant(3, shift: 3, &rng))]
    }
  }

  @Test func everyOperationHasACase() {
    let operators = ["+", "-", "*", "/", "^", "neg", "@"]
    for name in GraphProgram.functionNames + operators {
      #expect(JacobianTests.cases[name] != nil, "no Jacobian case for \(name)")
    }
  }

  @Test(arguments: cases.keys.sorted())
  func reverseModeJacobianMatchesCentralDifferences(_ key: String) throws {
    let c = try #require(JacobianTests.cases[key])
    var rng = RandomSource(seed: SeedDerivation.fnv1a(c.name))
    var program = try GraphProgram.parse(c.text)
    for (name, value) in c.draw(&rng) { program = program.replacingInput(name, with: value) }
    let jacobians = try program.jacobians(wrt: program.inputNames)
    let output = try program.evaluate().output.value
    for (name, jacobian) in zip(program.inputNames, jacobians) {
      let input = try #require(program.inputValue(name))
      #expect(jacobian.rows == output.count)
      #expect(jacobian.cols == input.count)
      let numeric = try program.finiteDifferenceJacobian(wrt: name)
      let error = GradientComparison.relativeError(jacobian, numeric)
      #expect(error < 1e-6, "\(c.name): ∂y/∂\(name) relative error \(error)")
    }
  }

  @Test func numeratorLayoutInColumnMajorOrder() throws {
    // y = W x with W 2×3: ∂y/∂x = W (numerator layout), and ∂y_i/∂W_kl = δ_ik x_l with
    // W's elements counted down the columns: column j = l·2 + k.
    let program = try GraphProgram.parse("W = [[1, 2, 3], [4, 5, 6]]\nx = [7, 8, 9]\ny = W @ x")
    let jacobians = try program.jacobians(wrt: ["x", "W"])
    #expect(jacobians[0] == Matrix(rowsOf: [[1, 2, 3], [4, 5, 6]]))
    var expected = Matrix(rows: 2, cols: 6)
    for k in 0..<2 {
      for (l, x) in [7.0, 8, 9].enumerated() { expected[k, l * 2 + k] = x }
    }
    #expect(jacobians[1] == expected)
  }

  @Test func matrixOutputRowsFollowColumnMajorOrder() throws {
    // Y = transpose(A) for A 2×2 [[1, 2], [3, 4]]: vec(Y) = (y11, y21, y12, y22) = (a11, a12, a21, a22),
    // and vec(A) = (a11, a21, a12, a22), so J swaps the middle two.
    let program = try GraphProgram.parse("A = [[1, 2], [3, 4]]\nY = transpose(A)")
    let j = try #require(try program.jacobians(wrt: ["A"]).first)
    #expect(j == Matrix(rowsOf: [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]))
  }

  @Test func softmaxJacobianIsDiagonalMinusOuterProduct() throws {
    let program = try GraphProgram.parse("z = [1, 2, 0.5]\ns = softmax(z)")
    let s = try program.evaluate().output.value
    let j = try #require(try program.jacobians(wrt: ["z"]).first)
    for r in 0..<3 {
      for c in 0..<3 {
        let expected = (r == c ? s[r, 0] : 0) - s[r, 0] * s[c, 0]
        #expect(abs(j[r, c] - expected) < 1e-15)
      }
    }
  }

  @Test func scalarOutputJacobianIsTheGradientAsARow() throws {
    let program = try GraphProgram.parse("x = [1, 2]\ny = sum(x * x)")
    let j = try #require(try program.jacobians(wrt: ["x"]).first)
    #expect(j == Matrix(rowsOf: [[2, 4]]))
  }

  @Test func vectorOutputHasNoAdjoints() throws {
    let graph = try GraphProgram.parse("x = [1, 2]\ny = x * 2").evaluate()
    #expect(!graph.hasScalarOutput)
    #expect(try #require(graph.node(named: "x")).adjoint == Matrix(rows: 2, cols: 1))
  }

  @Test func jacobianWithRespectToAnIntermediateNode() throws {
    // y = 3a with a = x², so ∂y/∂a = 3 I while ∂y/∂x = 6 diag(x).
    let program = try GraphProgram.parse("x = [1, 2]\na = x^2\ny = 3 * a")
    let j = try program.jacobians(wrt: ["a", "x"])
    #expect(j[0] == Matrix(rowsOf: [[3, 0], [0, 3]]))
    #expect(j[1] == Matrix(rowsOf: [[6, 0], [0, 12]]))
    let fd = try program.finiteDifferenceJacobian(wrt: "a")
    #expect(GradientComparison.relativeError(j[0], fd) < 1e-9)
  }

  @Test func jacobianLargerThanTheMemoryLimitIsRefused() throws {
    let program = try GraphProgram.parse("x = [1, 2, 3, 4]\ny = x @ transpose(x)")
    do {
      _ = try program.jacobians(wrt: ["x"], limits: GraphLimits(memoryBytes: 300))
      Issue.record("expected a memory limit")
    } catch {
      #expect(error.limit == .memory(bytes: 2 * 8 * 16 * 4, what: "the Jacobian of 'y'"))
      #expect(error.line == 2)
    }
  }

  @Test func jacobianNeedingTooMuchWorkIsRefused() throws {
    let program = try GraphProgram.parse("x = [1, 2, 3, 4]\ny = x @ transpose(x)")
    do {
      _ = try program.jacobians(wrt: ["x"], limits: GraphLimits(jacobianWork: 10))
      Issue.record("expected a work limit")
    } catch {
      #expect(error.message.hasPrefix("the Jacobian of 'y' (4×4) needs 16 reverse passes"))
    }
  }
}
