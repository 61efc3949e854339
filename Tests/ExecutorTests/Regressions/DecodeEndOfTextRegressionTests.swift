import Executor
import Notebook
import Testing

/// Found by `scripts/fuzz` (block-decoding): `decodeAll` reported a YAML error at the end of an
/// unclosed block on the line after the notebook's last line. It now points at the unclosed
/// list's opening bracket, inside the text.
@Suite struct DecodeEndOfTextRegressionTests {
  @Test func unclosedStepBlockAtTheEndOfTheNotebook() throws {
    // Lines: 1 prose, 2 blank, 3 fence, 4 "model: mlp", 5 "input: [1, 2"; '[' is column 8.
    let text = "Prose.\n\n```{step}\nmodel: mlp\ninput: [1, 2"
    let failures = NotebookExecutor.decodeAll(NotebookDocument.parse(text))
    #expect(failures.count == 1)
    let failure = try #require(failures[0])
    #expect(failure.message == "invalid YAML: did not find expected ',' or ']'")
    #expect(failure.position.line == 5)
    #expect(failure.position.column == 8)
  }

  @Test func unclosedGraphBlockWithAnUnfinishedExpectPart() throws {
    // The graph's `expect:` part starts on line 4; line 5 is "  y: [4", whose '[' is column 6.
    let text = "```{graph}\nx = 2\ny = x^2\nexpect:\n  y: [4"
    let failures = NotebookExecutor.decodeAll(NotebookDocument.parse(text))
    let failure = try #require(failures.first ?? nil)
    #expect(failure.message == "invalid YAML: did not find expected ',' or ']'")
    #expect(failure.position.line == 5)
    #expect(failure.position.column == 6)
  }
}
