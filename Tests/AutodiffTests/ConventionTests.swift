import Autodiff
import Tensor
import Testing

/// Derivatives at kinks and ties, and broadcasting sums.
struct ConventionTests {
  @Test func reluAndAbsHaveZeroSlopeAtZero() throws {
    let graph = try GraphProgram.parse("x = 0\nr = relu(x)\na = abs(x)\ny = r + a").evaluate()
    #expect(try gradient(graph, "x") == 0)
    let positive = try GraphProgram.parse("x = 0.5\ny = relu(x) + abs(x)").evaluate()
    #expect(try gradient(positive, "x") == 2)
    let negative = try GraphProgram.parse("x = -0.5\ny = relu(x) + abs(x)").evaluate()
    #expect(try gradient(negative, "x") == -1)
  }

  @Test func tiesSplitTheGradientInHalf() throws {
    let graph = try GraphProgram.parse("a = 1\nb = 1\ny = max(a, b) + 3 * min(a, b)").evaluate()
    #expect(try gradient(graph, "a") == 2)
    #expect(try gradient(graph, "b") == 2)
    let vector = try GraphProgram.parse("a = [1, 2, 3]\nb = 2\ny = sum(max(a, b))").evaluate()
    #expect(try #require(vector.gradient(wrt: "a")) == Matrix(column: [0, 0.5, 1]))
    #expect(try gradient(vector, "b") == 1.5)
  }

  @Test func sqrtHasInfiniteSlopeAtZero() throws {
    let graph = try GraphProgram.parse("x = 0\ny = sqrt(x)").evaluate()
    #expect(try gradient(graph, "x") == .infinity)
  }

  @Test func powerExponentGradient() throws {
    let graph = try GraphProgram.parse("x = 2\np = 3\ny = x^p").evaluate()
    #expect(try gradient(graph, "x") == 12)
    #expect(abs(try gradient(graph, "p") - 8 * 0.6931471805599453) < 1e-14)
    // Base 0 with p ≥ 0: the exponent's term is its limit 0, not NaN.
    let zero = try GraphProgram.parse("x = 0\np = 2\ny = x^p").evaluate()
    #expect(try gradient(zero, "p") == 0)
    #expect(try gradient(zero, "x") == 0)
    // p = 0: slope 0 even at x = 0.
    let flat = try GraphProgram.parse("x = 0\ny = x^0").evaluate()
    #expect(try value(flat, "y") == 1)
    #expect(try gradient(flat, "x") == 0)
  }

  @Test func broadcastScalarGradientIsASum() throws {
    let graph = try GraphProgram.parse("s = 2\nv = [1, 2, 3]\ny = sum(s * v + s)").evaluate()
    #expect(try gradient(graph, "s") == 1 + 2 + 3 + 3)
    #expect(try #require(graph.gradient(wrt: "v")) == Matrix(column: [2, 2, 2]))
  }

  @Test func eyeSizeReceivesZero() throws {
    let graph = try GraphProgram.parse("n = 2\ny = trace(eye(n))").evaluate()
    #expect(try value(graph, "y") == 2)
    #expect(try gradient(graph, "n") == 0)
    #expect(try #require(graph.node(named: "n")).contributions.count == 1)
    #expect(try graphError("n = 2.5\ny = trace(eye(n))").message.hasSuffix("got 2.5"))
  }

  @Test func relativeErrorIsNormWise() {
    let a = Matrix(column: [1, 0])
    let n = Matrix(column: [1, 1e-3])
    #expect(abs(GradientComparison.relativeError(a, n) - 1e-3 / (1 + (1 + 1e-6).squareRoot())) < 1e-15)
    #expect(GradientComparison.relativeError(Matrix(scalar: 0), Matrix(scalar: 0)) == 0)
    #expect(GradientComparison.relativeError(Matrix(scalar: 1e-9), Matrix(scalar: 0)) == 1e-9 / 1e-8)
    #expect(GradientComparison.relativeError(a, Matrix(scalar: 1)) == .infinity)
  }
}
