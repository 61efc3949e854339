import Autodiff
import Tensor
import Testing

/// Positions, messages and hints of parse and evaluation errors.
struct ErrorTests {
  @Test func unknownFunctionSuggestsTheClosestName() throws {
    let error = try graphError("x = 1\ny = sigmod(x)")
    #expect(error.line == 2)
    #expect(error.column == 5)
    #expect(error.message == "unknown function 'sigmod'")
    #expect(error.hint == "Did you mean 'sigmoid'?")
  }

  @Test func undefinedVariable() throws {
    let error = try graphError("weight = 1\ny = wieght + 1")
    #expect(
      error
        == GraphError(
          line: 2, column: 5, message: "undefined variable 'wieght'", hint: "Did you mean 'weight'?"))
  }

  @Test func reassignment() throws {
    let error = try graphError("x = 1\ny = x\n  x = 2")
    #expect(error.line == 3)
    #expect(error.column == 3)
    #expect(error.message == "'x' is already assigned on line 1")
  }

  @Test func useBeforeAssignment() throws {
    let error = try graphError("x = 1\ny = x + a\na = 2")
    #expect(error.line == 2)
    #expect(error.column == 9)
    #expect(error.message == "'a' is used before it is assigned (on line 3)")
  }

  @Test func useInOwnDefinition() throws {
    let error = try graphError("a = a + 1")
    #expect(error.line == 1)
    #expect(error.column == 5)
    #expect(error.message == "'a' is used in its own definition")
  }

  @Test func functionNameUsedAsValue() throws {
    let error = try graphError("x = 1\ny = exp + x")
    #expect(error.column == 5)
    #expect(error.hint == "Call it as exp(x).")
  }

  @Test func wrongNumberOfArguments() throws {
    let error = try graphError("x = 1\ny = max(x)")
    #expect(error.line == 2)
    #expect(error.column == 5)
    #expect(error.message == "max takes 2 arguments; got 1")
    #expect(error.hint == "Call it as max(a, b).")
  }

  @Test func syntaxErrorsCarryPositions() throws {
    let unclosed = try graphError("x = 1\ny = (x + 1")
    #expect((unclosed.line, unclosed.column) == (2, 11))
    #expect(unclosed.message == "expected ')' to close the '(' at column 5, found the end of the line")

    let dangling = try graphError("x = 1\ny = x +  # no operand")
    #expect((dangling.line, dangling.column) == (2, 8))

    let implicit = try graphError("x = 1\ny = 2x")
    #expect((implicit.line, implicit.column) == (2, 6))
    #expect(implicit.hint == "There is no implicit product: write 2 * x.")

    let noEquals = try graphError("x 1")
    #expect(noEquals.message == "expected '=' after 'x', found '1'")

    let twoOnALine = try graphError("x = 1 y = 2")
    #expect((twoOnALine.line, twoOnALine.column) == (1, 7))

    let pythonPower = try graphError("x = 1\ny = x ** 2")
    #expect(pythonPower.hint == "Write powers as x^2.")

    let unicodeMinus = try graphError("x = 1\ny = x \u{2212} 1")
    #expect((unicodeMinus.line, unicodeMinus.column) == (2, 7))
    #expect(unicodeMinus.hint == "Use the ASCII minus '-'.")

    let badExponent = try graphError("x = 1e")
    #expect(badExponent.message == "malformed number '1e'")
  }

  @Test func literalErrors() throws {
    #expect(
      try graphError("M = [[1, 2], [3]]").message == "row 2 of the matrix has 1 entries but row 1 has 2")
    #expect(try graphError("v = []").message == "an empty literal has no value")
    #expect(try graphError("x = 1\nv = [x, 2]").message == "expected a number in the literal, found 'x'")
    #expect(try graphError("v = [1, 2").column == 10)
    #expect(try graphError("M = [[1, 2] [3, 4]]").column == 13)
  }

  @Test func emptyGraph() throws {
    let error = try graphError("# nothing here\n\n")
    #expect(error.message == "the graph has no assignments")
  }

  @Test func shapeMismatchNamesBothShapes() throws {
    let error = try graphError("a = [1, 2]\nb = [1, 2, 3]\ny = sum(a + b)")
    #expect(error.line == 3)
    #expect(error.column == 11)
    #expect(error.message == "node 'v1' = a + b: cannot add 2×1 and 3×1")
    #expect(error.hint?.contains("scalar (1×1)") == true)

    let product = try graphError("A = [[1, 2], [3, 4]]\nx = [1, 2, 3]\ny = sum(A @ x)")
    #expect(product.column == 11)
    #expect(product.message.contains("cannot multiply 2×2 and 3×1 with @"))

    let hadamard = try graphError("A = [[1, 2], [3, 4]]\nx = [[1], [2]]\ny = sum(A * x)")
    #expect(hadamard.message.hasSuffix("cannot multiply 2×2 and 2×1 element-wise"))
    #expect(hadamard.hint?.contains("@") == true)

    let exponent = try graphError("x = 2\np = [1, 2]\ny = sum(x^p)")
    #expect(exponent.message.hasSuffix("the exponent of ^ must be a scalar (1×1); got 2×1"))
  }

  @Test func constantShapeMismatchIsReportedWhenParsing() {
    #expect(throws: GraphError.self) { try GraphProgram.parse("x = 1\ny = x * sum([1, 2] + [1, 2, 3])") }
  }

  @Test func singularMatricesThrow() throws {
    let inverse = try graphError("A = [[1, 2], [2, 4]]\ny = sum(inv(A))")
    #expect(inverse.line == 2)
    #expect(inverse.column == 9)
    #expect(inverse.message == "node 'v1' = inv(A): inv of a singular 2×2 matrix: matrix is singular")

    let det = try graphError("A = [[1, 2], [2, 4]]\nd = det(A)")
    #expect(det.message.hasSuffix("matrix is singular"))
    #expect(det.message.hasPrefix("node 'd' = det(A)"))

    let roundingSingular = try graphError(
      "A = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]\nd = logdet(A)")
    #expect(roundingSingular.message.hasSuffix("matrix is singular"))

    let notSquare = try graphError("A = [[1, 2, 3], [4, 5, 6]]\nd = det(A)")
    #expect(notSquare.message.hasSuffix("det needs a square matrix; got 2×3"))
  }

  @Test func logdetNeedsAPositiveDeterminant() throws {
    let error = try graphError("A = [[0, 1], [3, 0]]\nd = logdet(A)")
    #expect(error.message == "node 'd' = logdet(A): logdet needs a positive determinant; got det = -3")
    #expect((error.line, error.column) == (2, 5))
  }

  @Test func nonScalarOutputHasAJacobianNotAGradient() throws {
    let program = try GraphProgram.parse("x = [1, 2]\ny = x * 2")
    do {
      _ = try program.finiteDifference(wrt: "x")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 2)
      #expect(error.message == "the output 'y' is 2×1, so it has a Jacobian, not a gradient")
    }
  }

  @Test func unknownOutputAndInputNames() throws {
    let program = try GraphProgram.parse("x = 2\nloss = x^2")
    let output = try graphError("x = 2\nloss = x^2", output: "los")
    #expect(output.line == 0)
    #expect(output.hint == "Did you mean 'loss'?")
    #expect(throws: GraphError.self) { try program.finiteDifference(wrt: "los") }
    #expect(throws: GraphError.self) { try program.finiteDifference(wrt: "x", epsilon: 0) }
  }

  @Test func ieeeDomainEdgesAreValuesNotErrors() throws {
    let graph = try GraphProgram.parse("x = -1\nz = 0\na = log(x)\nb = log(z)\nc = sqrt(x)\ny = z / z")
      .evaluate(
        output: "z")
    #expect(try value(graph, "a").isNaN)
    #expect(try value(graph, "b") == -.infinity)
    #expect(try value(graph, "c").isNaN)
    #expect(try value(graph, "y").isNaN)
  }

  @Test func errorDescription() {
    let e = GraphError(
      line: 3, column: 7, message: "unknown function 'sigmod'", hint: "Did you mean 'sigmoid'?")
    #expect(e.description == "line 3, column 7: unknown function 'sigmod' (Did you mean 'sigmoid'?)")
  }
}

/// `citing(line:column:)` rewrites the numbers a message cites, and nothing else.
struct CitationTests {
  @Test func citedLinesAndColumnsAreConverted() throws {
    let error = try graphError("x = 1\ny = x + a\na = 2")
    #expect(error.relatedLine == 3)
    let moved = error.citing(line: { $0 + 10 }, column: { $0 + 2 })
    #expect(moved.message == "'a' is used before it is assigned (on line 13)")
    #expect(moved.hint == "Move the assignment of 'a' above line 12.")
    #expect((moved.line, moved.column) == (2, 9))
    let paren = try graphError("y = exp(1 + (2")
    #expect(paren.relatedColumn == 13)
    #expect(paren.citing(line: { $0 }, column: { $0 + 4 }).message.contains("the '(' at column 17"))
    let plain = try graphError("y = sigmod(1)")
    #expect(plain.citing(line: { $0 + 1 }, column: { $0 + 1 }) == plain)
  }
}
