import Autodiff
import Testing

/// Found by `scripts/fuzz` (block-decoding): a form feed in a graph body's `expect:` part pushed
/// the YAML error past the notebook's last line. `GraphProgram` cut lines at every Unicode line
/// break (`Character.isNewline`: also VT, FF, NEL, U+2028, U+2029) while the notebook cuts only
/// at LF, CR and CRLF, so line numbers drifted. Lines now end at LF, CR or CRLF only; the other
/// characters are whitespace inside a line.
@Suite struct LineBreakRegressionTests {
  private func parseError(_ text: String) -> GraphError? {
    do {
      _ = try GraphProgram.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: ["\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
  func unicodeLineBreakIsWhitespaceNotANewLine(separator: String) throws {
    // One line: "x = 1 <separator> + 2", then an undefined name on line 2.
    let error = try #require(parseError("x = 1 \(separator) + 2\ny = q"))
    #expect(error.line == 2)
    #expect(error.column == 5)
    #expect(error.message == "undefined variable 'q'")
  }

  @Test func formFeedDoesNotStartAnAssignment() throws {
    // Before the fix this was two lines, `x = 1` and `y = x`.
    let error = try #require(parseError("x = 1\u{0C}y = x"))
    #expect(error.line == 1)
    #expect(error.column == 7)
    #expect(error.message == "unexpected 'y' after the expression")
  }

  @Test func lineEndingsStillEndLines() throws {
    for ending in ["\n", "\r\n", "\r"] {
      let program = try GraphProgram.parse("x = 2\(ending)y = x^2\(ending)")
      #expect(program.assignedNames == ["x", "y"])
      let graph = try program.evaluate()
      #expect(graph.output.value.scalarValue == 4)
    }
  }

  @Test func splitExpectationsCutsAtTheSameLines() {
    let split = GraphProgram.splitExpectations("x = 2\u{0C}\ny = x\nexpect:\n  y: 2\u{2028}")
    #expect(split.assignments == "x = 2\u{0C}\ny = x")
    #expect(split.expectations == "expect:\n  y: 2\u{2028}")
    #expect(split.expectationsLine == 3)
  }
}
