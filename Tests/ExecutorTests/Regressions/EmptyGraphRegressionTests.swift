import Executor
import Notebook
import Testing

/// Found by `scripts/fuzz` (block-decoding, minimized to "```{graph}"): an empty `graph` block
/// at the end of the notebook reported "the graph has no assignments" on the line after the
/// fence, which does not exist. An error on a line the body does not have is now reported at
/// the block's opening fence, like the header options' errors.
@Suite struct EmptyGraphRegressionTests {
  private func onlyFailure(_ text: String) throws -> NotebookError {
    let failures = NotebookExecutor.decodeAll(NotebookDocument.parse(text))
    #expect(failures.count == 1)
    return try #require(failures.first ?? nil)
  }

  @Test func unclosedEmptyGraphBlockAtTheEnd() throws {
    let failure = try onlyFailure("```{graph}")
    #expect(failure.message == "the graph has no assignments")
    #expect(failure.position.line == 1)
    #expect(failure.position.column == 1)
  }

  @Test func closedEmptyGraphBlockPointsAtItsFence() throws {
    let failure = try onlyFailure("Prose.\n\n  ```{graph}\n  ```\n")
    #expect(failure.message == "the graph has no assignments")
    #expect(failure.position.line == 3)
    #expect(failure.position.column == 3)
  }

  @Test func graphWithOnlyAnExpectPartPointsAtTheExpectLine() throws {
    // The assignments part is the empty text before line 2's `expect:`, which exists.
    let failure = try onlyFailure("```{graph}\nexpect:\n  y: 1\n```\n")
    #expect(failure.message == "the graph has no assignments")
    #expect(failure.position.line == 2)
    #expect(failure.position.column == 1)
  }
}
