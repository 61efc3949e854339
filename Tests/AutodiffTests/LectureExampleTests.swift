import Autodiff
import Foundation
import Tensor
import Testing

/// Worked examples of lectures 003 and 004, and accumulation at shared nodes.
struct LectureExampleTests {
  static let lecture004 = """
    x = 2
    z = 3
    a = x * z
    b = log(x)
    c = sin(b)
    d = exp(a)
    e = a / b
    f = c / a
    y = d + e + f
    """

  @Test func lecture004ReverseModeMatchesTheHandout() throws {
    let graph = try GraphProgram.parse(Self.lecture004).evaluate()
    let expectedY = exp(6) + 6 / log(2.0) + sin(log(2.0)) / 6
    #expect(abs(try value(graph, "y") - expectedY) < 1e-9)
    #expect(abs(try value(graph, "y") - 412.191457284) < 1e-8)
    #expect(abs(try gradient(graph, "x") - 1208.3812151) < 1e-6)
    #expect(abs(try gradient(graph, "z") - 809.7074792) < 1e-6)
  }

  @Test func lecture004NodeListHoldsEveryIntermediate() throws {
    let graph = try GraphProgram.parse(Self.lecture004).evaluate()
    #expect(graph.nodes.map(\.name) == ["x", "z", "a", "b", "c", "d", "e", "f", "v1", "y"])
    #expect(
      graph.nodes.map(\.expression) == [
        "2", "3", "x * z", "log(x)", "sin(b)", "exp(a)", "a / b", "c / a", "d + e", "v1 + f",
      ])
    #expect(graph.nodes.map(\.operation) == ["input", "input", "*", "log", "sin", "exp", "/", "/", "+", "+"])
    #expect(
      graph.nodes.map(\.isGenerated) == [false, false, false, false, false, false, false, false, true, false])
    #expect(graph.outputIndex == 9)
    let a = try #require(graph.node(named: "a"))
    #expect(a.parents == [0, 1])
    // a feeds d = exp(a), e = a / b and f = c / a: three terms, in forward order.
    #expect(a.contributions.map { graph.nodes[$0.child].name } == ["d", "e", "f"])
    let total = a.contributions.dropFirst().reduce(a.contributions[0].value) { $0 + $1.value }
    #expect(total == a.adjoint)
    // d's adjoint: y = v1 + f with v1 = d + e, so ∂y/∂d = 1; ∂y/∂a = e^6 + 1/ln2 − sin(ln2)/36.
    #expect(try #require(graph.node(named: "d")).adjoint == Matrix(scalar: 1))
    #expect(abs(a.adjoint.storage[0] - (exp(6) + 1 / log(2.0) - sin(log(2.0)) / 36)) < 1e-9)
    #expect(graph.output.contributions.isEmpty)
  }

  @Test func lecture004ContractFormGeneratesNames() throws {
    let text = """
      x = 2
      z = 3
      a = x * z
      b = log(x)
      y = exp(a) + a / b + sin(b) / a
      """
    let graph = try GraphProgram.parse(text).evaluate()
    #expect(graph.nodes.map(\.name) == ["x", "z", "a", "b", "v1", "v2", "v3", "v4", "v5", "y"])
    #expect(
      graph.nodes.suffix(6).map(\.expression) == [
        "exp(a)", "a / b", "v1 + v2", "sin(b)", "v4 / a", "v3 + v5",
      ])
    #expect(abs(try gradient(graph, "x") - 1208.3812151) < 1e-6)
    #expect(abs(try gradient(graph, "z") - 809.7074792) < 1e-6)
  }

  @Test func lecture003SumTimesProduct() throws {
    let program = try GraphProgram.parse("x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z")
    #expect(program.inputNames == ["x", "y", "z"])
    let graph = try program.evaluate()
    #expect(try value(graph, "q") == 3)
    #expect(try value(graph, "f") == -12)
    #expect(try gradient(graph, "x") == -4)
    #expect(try gradient(graph, "y") == -4)
    #expect(try gradient(graph, "z") == 3)
    #expect(try gradient(graph, "q") == -4)
  }

  @Test func lecture003UnnamedSumIsANode() throws {
    let graph = try GraphProgram.parse("x = -2\ny = 5\nz = -4\nf = (x + y) * z").evaluate()
    #expect(graph.nodes.map(\.name) == ["x", "y", "z", "v1", "f"])
    #expect(graph.output.expression == "v1 * z")
    #expect(try value(graph, "f") == -12)
    #expect(try gradient(graph, "x") == -4)
    #expect(try gradient(graph, "z") == 3)
  }

  @Test func lecture003Exercise2() throws {
    let graph = try GraphProgram.parse("x = 2\ny = 3\nz = 4\nf = x^2*y + y*z").evaluate()
    #expect(try value(graph, "f") == 24)
    #expect(try gradient(graph, "y") == 8)  // x² + z
    #expect(try gradient(graph, "x") == 12)  // 2xy
    #expect(try gradient(graph, "z") == 3)  // y
  }

  @Test func sharedSubexpressionAccumulates() throws {
    let graph = try GraphProgram.parse("x = 2\na = x + 1\ny = a * a").evaluate()
    let a = try #require(graph.node(named: "a"))
    #expect(a.contributions.count == 2)
    #expect(a.contributions.map(\.child) == [2, 2])
    #expect(a.contributions.map(\.value) == [Matrix(scalar: 3), Matrix(scalar: 3)])
    #expect(a.adjoint == Matrix(scalar: 6))
    #expect(try gradient(graph, "x") == 6)
    #expect(try #require(graph.node(named: "y")).parents == [1])
  }

  @Test func sharedInputAcrossBranches() throws {
    // y = sin(x) + x·x: x receives from both branches.
    let graph = try GraphProgram.parse("x = 0.5\ns = sin(x)\np = x * x\ny = s + p").evaluate()
    let x = try #require(graph.node(named: "x"))
    #expect(x.contributions.count == 3)
    #expect(abs(x.adjoint.storage[0] - (cos(0.5) + 1)) < 1e-15)
  }

  @Test func namedOutputStopsReverseModeThere() throws {
    let graph = try GraphProgram.parse(Self.lecture004).evaluate(output: "a")
    #expect(graph.output.name == "a")
    #expect(try gradient(graph, "x") == 3)
    #expect(try gradient(graph, "z") == 2)
    #expect(try gradient(graph, "y") == 0)
    #expect(try #require(graph.node(named: "d")).contributions.isEmpty)
    #expect(try #require(graph.node(named: "b")).adjoint == Matrix(scalar: 0))
  }

  @Test func finiteDifferencesAgreeOnLecture004() throws {
    let program = try GraphProgram.parse(Self.lecture004)
    let graph = try program.evaluate()
    for name in ["x", "z"] {
      let fd = try program.finiteDifference(wrt: name)
      let bp = try #require(graph.gradient(wrt: name))
      #expect(GradientComparison.relativeError(bp, fd) < 1e-8)
    }
  }
}
