import Autodiff
import Foundation
import Tensor
import Testing

/// Values and derivatives of softmax, logsumexp, norm and softplus at their edges.
struct FunctionConventionTests {
  @Test func normAtZeroHasTheMinimumNormSubgradientZero() throws {
    let graph = try GraphProgram.parse("x = [0, 0]\ny = norm(x)").evaluate()
    #expect(try value(graph, "y") == 0)
    #expect(try #require(graph.gradient(wrt: "x")) == Matrix(column: [0, 0]))
  }

  @Test func normIsFrobeniusAndDoesNotOverflow() throws {
    let graph = try GraphProgram.parse("A = [[3, 0], [0, 4]]\nB = [1e200, 1e200]\ny = norm(A)\nz = norm(B)")
      .evaluate(output: "y")
    #expect(try value(graph, "y") == 5)
    #expect(try value(graph, "z") == 1e200 * 2.0.squareRoot())
    #expect(graph.gradient(wrt: "A") == Matrix(rowsOf: [[0.6, 0], [0, 0.8]]))
  }

  @Test func softplusIsLinearAboveTwentyAsPyTorch() throws {
    let graph = try GraphProgram.parse("x = [20, 20.5, -30]\ny = sum(softplus(x))").evaluate()
    let s = try #require(graph.node(named: "v1")).value
    #expect(s[0, 0] == log1p(exp(20)))
    #expect(s[1, 0] == 20.5)
    #expect(s[2, 0] == log1p(exp(-30)))
    let g = try #require(graph.gradient(wrt: "x"))
    #expect(g[0, 0] == 1 / (1 + exp(-20)))
    #expect(g[1, 0] == 1)
  }

  @Test func logsumexpIsStableAndItsGradientIsTheSoftmax() throws {
    let graph = try GraphProgram.parse("x = [1000, 1000]\ny = logsumexp(x)").evaluate()
    #expect(try value(graph, "y") == 1000 + log(2))
    let g = try #require(graph.gradient(wrt: "x"))
    #expect(abs(g[0, 0] - 0.5) < 1e-15)
    #expect(abs(g[1, 0] - 0.5) < 1e-15)
    let infinite = try GraphProgram.parse("x = [1, 2]\ny = logsumexp(x - 1 / 0)").evaluate()
    #expect(try value(infinite, "y") == -.infinity)
  }

  @Test func softmaxOfAMatrixIsPerColumnAndOfARowOverTheRow() throws {
    let graph = try GraphProgram.parse(
      "A = [[0, 1], [0, 1]]\nr = [[0, 0, 0, 0]]\nS = softmax(A)\nR = softmax(r)\ny = sum(S) + sum(R)"
    ).evaluate()
    #expect(try #require(graph.node(named: "S")).value == Matrix(rowsOf: [[0.5, 0.5], [0.5, 0.5]]))
    #expect(try #require(graph.node(named: "R")).value == Matrix(rowsOf: [[0.25, 0.25, 0.25, 0.25]]))
    let big = try GraphProgram.parse("z = [1000, 0]\ns = softmax(z)\ny = sum(s)").evaluate()
    #expect(try #require(big.node(named: "s")).value == Matrix(column: [1, 0]))
  }

  @Test func wrtAnIntermediateNodeMatchesFiniteDifferences() throws {
    let program = try GraphProgram.parse(
      "x = 2\nz = 3\na = x * z\nb = log(x)\ny = exp(a) + a / b + sin(b) / a")
    let graph = try program.evaluate()
    for name in ["a", "b"] {
      let adjoint = try #require(graph.gradient(wrt: name))
      let fd = try program.finiteDifference(wrt: name)
      #expect(GradientComparison.relativeError(adjoint, fd) < 1e-8, "∂y/∂\(name)")
    }
  }
}
