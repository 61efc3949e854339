import Testing

@testable import Notebook

/// Other tools' chunks and brace-less block fences are copied unchanged, with a warning (issue 17).
@Suite struct FenceWarningsTests {
  @Test func quartoChunksAreTextWithAWarning() throws {
    let text = "# T\n\n```{python}\nprint(1)\n```\n\n```{r setup, echo=FALSE}\nx <- 1\n```\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.blocks.isEmpty)
    #expect(doc.reassembled == text)
    #expect(doc.segments == [.text(text)])
    #expect(doc.warnings.count == 2)
    let first = try #require(doc.warnings.first)
    #expect(first.position == SourcePosition(line: 3, column: 4))
    #expect(first.message == "'{python}' is another tool's code chunk; copied unchanged, not run")
    #expect(doc.warnings.last?.message == "'{r}' is another tool's code chunk; copied unchanged, not run")
    #expect(doc.warnings.last?.position == SourcePosition(line: 7, column: 4))
  }

  @Test func everyListedEngineIsForeign() {
    for engine in [
      "python", "r", "julia", "bash", "sh", "sql", "js", "ojs", "mermaid", "dot", "octave", "ruby",
    ] {
      let doc = NotebookDocument.parse("```{\(engine)}\nx\n```\n")
      #expect(doc.blocks.isEmpty, "\(engine)")
      #expect(doc.warnings.count == 1, "\(engine)")
    }
  }

  @Test func braceLessBlockKindWarnsWithTheBracedForm() throws {
    let doc = NotebookDocument.parse("Text\n\n```model m\nlayers: [dense 2->1]\n```\n")
    #expect(doc.blocks.isEmpty)
    let w = try #require(doc.warnings.first)
    #expect(w.position == SourcePosition(line: 3, column: 4))
    #expect(w.message == "this code block is not run: its info string 'model m' has no braces")
    #expect(w.hint == "Did you mean ```{model m}?")
  }

  @Test func ordinaryCodeAndQuotedChunksGiveNoWarning() {
    #expect(NotebookDocument.parse("```swift\nlet x = 1\n```\n").warnings.isEmpty)
    #expect(NotebookDocument.parse("```\nmodel m\n```\n").warnings.isEmpty)
    #expect(NotebookDocument.parse("> ```{python}\n> x\n> ```\n").warnings.isEmpty)
    #expect(NotebookDocument.parse("> ```model m\n> ```\n").warnings.isEmpty)
    #expect(NotebookDocument.parse("```modeling\n```\n").warnings.isEmpty)
  }
}
