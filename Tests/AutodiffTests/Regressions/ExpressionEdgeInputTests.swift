import Autodiff
import Testing

/// Edge inputs for the expression parser (`GraphProgram.parse`, then `evaluate`), as the fuzz
/// target feeds them: empty text, tabs, NUL bytes, repaired invalid UTF-8, very long numbers,
/// names and literals. Each gives a value or a positioned error.
@Suite struct ExpressionEdgeInputTests {
  private func parseError(_ text: String) -> GraphError? {
    do {
      _ = try GraphProgram.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func emptyAndBlankTexts() throws {
    for text in ["", "\n\n", "  \t", "# only a comment"] {
      let error = try #require(parseError(text))
      #expect(error.line == 1)
      #expect(error.column == 1)
      #expect(error.message == "the graph has no assignments")
    }
  }

  @Test func tabsSeparateTokens() throws {
    let graph = try GraphProgram.parse("x\t=\t3\ny\t=\tx\t*\tx").evaluate()
    #expect(graph.output.value.scalarValue == 9)
    #expect(try #require(graph.gradient(wrt: "x")).scalarValue == 6)
  }

  @Test func nulByteIsAnUnexpectedCharacter() throws {
    let error = try #require(parseError("x = 1\ny = x\u{0} + 1"))
    #expect(error.line == 2)
    #expect(error.column == 6)
    #expect(error.message == "unexpected character '\u{0}'")
  }

  @Test func replacementCharacterFromInvalidUTF8() throws {
    // The bytes "y = " 0xFF "x" decode to "y = \u{FFFD}x".
    let text = "x = 1\n" + String(decoding: Array("y = ".utf8) + [0xFF] + Array("x".utf8), as: UTF8.self)
    let error = try #require(parseError(text))
    #expect(error.line == 2)
    #expect(error.column == 5)
    #expect(error.message == "unexpected character '\u{FFFD}'")
  }

  @Test func hundredThousandDigitNumberDoesNotFitADouble() throws {
    let digits = String(repeating: "9", count: 100_000)
    let error = try #require(parseError("x = " + digits))
    #expect(error.line == 1)
    #expect(error.column == 5)
    #expect(error.message == "the number \(digits) does not fit in a Double")
  }

  @Test func veryLongNameAndLiteral() throws {
    let name = String(repeating: "w", count: 100_000)
    let n = 10_000
    let literal = "[" + Array(repeating: "1", count: n).joined(separator: ", ") + "]"
    let program = try GraphProgram.parse("\(name) = \(literal)\ns = sum(\(name) * \(name))")
    #expect(program.inputNames == [name])
    let graph = try program.evaluate()
    #expect(graph.output.value.scalarValue == Double(n))
    // ∂s/∂w = 2w = 2 in each of the n entries.
    let gradient = try #require(graph.gradient(wrt: name))
    #expect(gradient.rows == n)
    #expect(gradient.cols == 1)
    #expect(gradient.storage.allSatisfy { $0 == 2 })
  }
}
