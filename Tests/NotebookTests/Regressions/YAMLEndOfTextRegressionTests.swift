import Testing

@testable import Notebook

/// Found by `scripts/fuzz` (block-decoding): a YAML error at the end of the text of an unclosed
/// block at the end of the notebook was reported on the line after the last one, which does not
/// exist. An unclosed flow list or mapping is now reported at its opening bracket, which is
/// always inside the text.
@Suite struct YAMLEndOfTextRegressionTests {
  private func bodyError(_ block: BlockSource) -> NotebookError? {
    do {
      _ = try SpecNode.parseBody(block)
      return nil
    } catch {
      return error
    }
  }

  @Test func unclosedBlockAtTheEndOfTheNotebook() throws {
    // Lines: 1 "# T", 2 "", 3 fence, 4 "model: [1, 2" (no line ending); '[' is column 8.
    let document = NotebookDocument.parse("# T\n\n```{step}\nmodel: [1, 2")
    let block = try #require(document.blocks.first)
    #expect(!block.isClosed)
    let error = try #require(bodyError(block))
    #expect(error.message == "invalid YAML: did not find expected ',' or ']'")
    #expect(error.position == SourcePosition(line: 4, column: 8))
  }

  @Test func minimizedFuzzerInput() throws {
    // The fuzzer's crash input, minimized by libFuzzer: "a" on line 3 is a key without ':'.
    let document = NotebookDocument.parse("```{\na:\na")
    let block = try #require(document.blocks.first)
    let error = try #require(bodyError(block))
    #expect(error.message == "invalid YAML: could not find expected ':'")
    #expect(error.position == SourcePosition(line: 3, column: 2))
  }

  @Test func unclosedIndentedBlockCountsTheIndentation() throws {
    // In a list item: the body is indented 2 columns, so the '{' of "a: {b: 1" is at column 6.
    let document = NotebookDocument.parse("- item\n\n  ```{step}\n  a: {b: 1\n")
    let block = try #require(document.blocks.first)
    let error = try #require(bodyError(block))
    #expect(error.message == "invalid YAML: did not find expected ',' or '}'")
    #expect(error.position == SourcePosition(line: 4, column: 6))
  }

  @Test func closedBlockPointsAtTheEndOfItsLastBodyLine() throws {
    let document = NotebookDocument.parse("```{step}\nmodel: m\ninput: [1,\n```\n")
    let block = try #require(document.blocks.first)
    let error = try #require(bodyError(block))
    #expect(error.position == SourcePosition(line: 3, column: 11))
  }

  @Test func graphExpectPartAtTheEndOfTheText() throws {
    // The `expect:` part of a graph body goes through `parseYAML`; its first line is line 7.
    let yaml = "expect:\n  y: [1, 2"
    #expect(throws: NotebookError.self) { try SpecNode.parseYAML(yaml, firstLine: 7, columnOffset: 0) }
    do {
      _ = try SpecNode.parseYAML(yaml, firstLine: 7, columnOffset: 0)
    } catch {
      #expect(error.position == SourcePosition(line: 8, column: 6))
    }
  }
}
