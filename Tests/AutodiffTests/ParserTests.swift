import Autodiff
import Foundation
import Tensor
import Testing

/// Syntax, precedence, literals, generated names and expression texts.
struct ParserTests {
  @Test func powerBindsTighterThanUnaryMinus() throws {
    let graph = try GraphProgram.parse("x = 3\ny = -x^2").evaluate()
    #expect(try value(graph, "y") == -9)
    #expect(graph.nodes.map(\.expression) == ["3", "x^2", "-v1"])
    #expect(try gradient(graph, "x") == -6)
  }

  @Test func powerIsRightAssociative() throws {
    let graph = try GraphProgram.parse("y = 2^3^2").evaluate()
    #expect(try value(graph, "y") == 512)
    #expect(graph.nodes.count == 1)
    #expect(graph.output.expression == "2^3^2")
    #expect(graph.output.parents.isEmpty)
  }

  @Test func negativeExponent() throws {
    #expect(try value(GraphProgram.parse("y = 2^-1").evaluate(), "y") == 0.5)
    let graph = try GraphProgram.parse("x = 4\ny = x^-0.5").evaluate()
    #expect(try value(graph, "y") == 0.5)
    #expect(graph.output.expression == "x^-0.5")
    #expect(try gradient(graph, "x") == -0.0625)  // −½·4^(−3/2)
  }

  @Test func subtractionAndDivisionAreLeftAssociative() throws {
    let graph = try GraphProgram.parse("a = 10\nb = 3\nc = 2\ny = a - b - c\nq = a / b / c").evaluate()
    #expect(try value(graph, "y") == 5)
    #expect(try #require(graph.node(named: "v1")).expression == "a - b")
    #expect(try #require(graph.node(named: "y")).expression == "v1 - c")
    #expect(abs(try value(graph, "q") - 10.0 / 6) < 1e-15)
  }

  @Test func productBindsTighterThanSum() throws {
    let graph = try GraphProgram.parse("a = 2\nb = 3\nc = 4\ny = a + b * c\nz = (a + b) * c").evaluate()
    #expect(try value(graph, "y") == 14)
    #expect(try value(graph, "z") == 20)
    #expect(try value(graph, "v1") == 12)
  }

  @Test func numberForms() throws {
    let graph = try GraphProgram.parse("x = 2\ny = x * 1e-3 + .5 - 1.e1 * 2.5E+1").evaluate()
    #expect(abs(try value(graph, "y") - (0.002 + 0.5 - 250)) < 1e-12)
    #expect(try #require(graph.node(named: "v1")).expression == "x * 1e-3")
    #expect(graph.nodes.map(\.name) == ["x", "v1", "v2", "y"])
  }

  @Test func constantsAreNotNodes() throws {
    let graph = try GraphProgram.parse("x = 2\ny = 2 * x + x * (1 + 2) + (-2)^x").evaluate()
    #expect(graph.nodes.map(\.expression) == ["2", "2 * x", "x * (1 + 2)", "v1 + v2", "(-2)^x", "v3 + v4"])
    #expect(try value(graph, "y") == 4 + 6 + 4)
    #expect(graph.nodes[1].parents == [0])
  }

  @Test func literalsBecomeInputs() throws {
    let program = try GraphProgram.parse(
      "s = -2.5\nv = [1, -2, 3]\nM = [[1, 2], [3, 4]]\nr = [[5, 6]]\ny = s")
    #expect(program.inputNames == ["s", "v", "M", "r"])
    #expect(program.assignedNames == ["s", "v", "M", "r", "y"])
    #expect(program.outputName == "y")
    let graph = try program.evaluate()
    #expect(try #require(graph.node(named: "v")).value == Matrix(column: [1, -2, 3]))
    #expect(try #require(graph.node(named: "M")).value == Matrix(rowsOf: [[1, 2], [3, 4]]))
    #expect(try #require(graph.node(named: "r")).value == Matrix(row: [5, 6]))
    #expect(graph.nodes.map(\.expression) == ["-2.5", "[1, -2, 3]", "[[1, 2], [3, 4]]", "[[5, 6]]", "s"])
    #expect(graph.output.operation == "copy")
    #expect(try gradient(graph, "s") == 1)
  }

  @Test func inputsComeFirstInTheNodeList() throws {
    let graph = try GraphProgram.parse("x = 2\na = x * 2\nz = 5\ny = a + z").evaluate()
    #expect(graph.nodes.map(\.name) == ["x", "z", "a", "y"])
    #expect(graph.nodes.map(\.line) == [1, 3, 2, 4])
    #expect(graph.output.parents == [2, 1])
    #expect(try gradient(graph, "z") == 1)
  }

  @Test func generatedNamesSkipUserNames() throws {
    let graph = try GraphProgram.parse("v1 = 2\nv3 = 1\ny = exp(v1) * v1 + sin(v3)").evaluate()
    #expect(graph.nodes.map(\.name) == ["v1", "v3", "v2", "v4", "v5", "y"])
    #expect(graph.nodes.filter(\.isGenerated).map(\.expression) == ["exp(v1)", "v2 * v1", "sin(v3)"])
    #expect(graph.output.expression == "v4 + v5")
  }

  @Test func commentsBlankLinesAndLineEndings() throws {
    let text = "# inputs\r\n\r\nx = 2  # two\r\n   \r\ny = x^2 # square\r\n"
    let program = try GraphProgram.parse(text)
    let graph = try program.evaluate()
    #expect(try value(graph, "y") == 4)
    #expect(graph.output.line == 5)
    #expect(graph.output.column == 6)
  }

  @Test func unicodeNames() throws {
    let graph = try GraphProgram.parse("α = 2\nβ_1 = 3\ny = α * β_1").evaluate()
    #expect(try gradient(graph, "α") == 3)
  }

  @Test func functionsWithTwoArguments() throws {
    let graph = try GraphProgram.parse("a = 2\nb = -1\ny = max(a, b) - min(a, b * 3) + max(a, 1)").evaluate()
    #expect(try value(graph, "y") == 2 - (-3) + 2)
    #expect(try #require(graph.node(named: "v3")).expression == "min(a, v2)")
    #expect(try #require(graph.node(named: "v5")).expression == "max(a, 1)")
  }

  @Test func expectationsSplitOff() throws {
    let body = "x = 2\ny = x^2\nexpect:  \n  y: 4 ± 1e-9\n"
    let split = GraphProgram.splitExpectations(body)
    #expect(split.assignments == "x = 2\ny = x^2")
    #expect(split.expectations == "expect:  \n  y: 4 ± 1e-9\n")
    #expect(split.expectationsLine == 3)
    let none = GraphProgram.splitExpectations("x = 2\nexpected = x")
    #expect(none.expectations == nil)
    #expect(none.assignments == "x = 2\nexpected = x")
  }

  @Test func replacingAnInput() throws {
    let program = try GraphProgram.parse("x = 2\ny = x^2")
    let moved = program.replacingInput("x", with: Matrix(column: [1, 3]))
    #expect(moved.inputValue("x") == Matrix(column: [1, 3]))
    #expect(program.inputValue("x") == Matrix(scalar: 2))
    #expect(moved.replacingInput("y", with: Matrix(scalar: 9)) == moved)
    let graph = try moved.replacingInput("x", with: Matrix(scalar: 0.5)).evaluate()
    #expect(graph.nodes[0].expression == "0.5")
    #expect(try value(graph, "y") == 0.25)
  }
}
