import Testing

@testable import Notebook

/// Solutions, `student=`, check entries, the student rewrite and parameter text (sections 11, 13).
struct TeachingTests {
  static let notebook = """
    # T

    ````{solution space=3}
    Prose $x$.

    ```{step inner}
    model: m
    ```
    ````

    ```{graph g student=question}
    x = 2
    y = x * x
    expect:
      y: 4 ± 1e-6
    printed:
      y: 4.0
    ```

    """

  @Test func solutionBlocksAreScannedWithNotebookPositions() throws {
    let doc = NotebookDocument.parse(Self.notebook)
    #expect(doc.reassembled == Self.notebook)
    #expect(doc.solutions.count == 1)
    let solution = try #require(doc.solutions.first)
    #expect(solution.line == 3)
    #expect(solution.space == 3)
    #expect(solution.blocks == 0..<1)
    let inner = doc.blocks[0]
    #expect(inner.name == "inner")
    #expect(inner.solution == 0)
    #expect(inner.line == 6)
    #expect(inner.bodyStartLine == 7)
    #expect(inner.namePosition == SourcePosition(line: 6, column: 10))
    #expect(inner.notebookPosition(bodyLine: 1, column: 8) == SourcePosition(line: 7, column: 8))
    #expect(doc.blocks[1].solution == nil)
    #expect(doc.blocks[1].studentMode == .question)
  }

  @Test func checkEntriesSpanExpectAndPrintedOnly() {
    let yaml = CheckEntries(
      body: "model: m\nexpect:\n  loss: 1\n  grad.W1:\n    - [1]\nshow: [forward]", isGraph: false)
    #expect(yaml.spans.map(\.key) == ["expect"])
    #expect(yaml.spans.first?.lines == 1..<5)
    #expect(yaml.bodyWithoutChecks == "model: m\nshow: [forward]")
    let graph = CheckEntries(body: "x = 2\ny = x\nexpect:\n  y: 2\nprinted:\n  y: 2.0", isGraph: true)
    #expect(graph.spans.map(\.key) == ["expect", "printed"])
    #expect(graph.bodyWithoutChecks == "x = 2\ny = x")
  }

  @Test func questionBlocksGetBlanksAndLosePrinted() throws {
    let doc = NotebookDocument.parse(Self.notebook)
    let g = doc.blocks[1]
    #expect(StudentRewrite.body(g, mode: .question) == "x = 2\ny = x * x\nexpect:\n  y: ?")
    #expect(StudentRewrite.body(g, mode: .hide) == "x = 2\ny = x * x")
    #expect(StudentRewrite.rawText(g, mode: .question).hasPrefix("```{graph g student=question}\nx = 2\n"))
    let text = StudentNotebook.text(of: doc)
    #expect(!text.contains("Prose"))
    #expect(!text.contains("inner"))
    #expect(!text.contains("4 ± 1e-6"))
    #expect(text.contains("  y: ?\n```\n"))
    // The student notebook parses and reads its blanks as unanswered checks.
    let student = NotebookDocument.parse(text)
    let body = try SpecNode.parseYAML("expect:\n  y: ?", firstLine: 1, columnOffset: 0)
    #expect(try Expectations.parse(#require(body["expect"])).first?.check == .unanswered)
    #expect(student.blocks.count == 1)
  }

  @Test func aFlowMappingExpectIsRewrittenToBlockForm() {
    let doc = NotebookDocument.parse(
      "```{step student=question}\nmodel: m\nexpect: {loss: 0.5, \"a b\": 1}\n```\n")
    #expect(
      StudentRewrite.body(doc.blocks[0], mode: .question) == "model: m\nexpect:\n  loss: ?\n  \"a b\": ?")
  }

  @Test func parameterTextMapsColumnsBack() {
    let values = ParameterValues(defaults: [
      ParameterDeclaration(name: "x0", text: "12345", position: SourcePosition(line: 1, column: 1))
    ])
    let (text, replacements) = ParameterText.substitute("x = ${x0} + q", values)
    #expect(text == "x = 12345 + q")
    // `q` is column 13 after substitution, 13 - 5 + 5 = 13 before (same length here)…
    #expect(ParameterText.originalColumn(13, replacements) == 13)
    // …and inside the value maps to the `$`.
    #expect(ParameterText.originalColumn(7, replacements) == 5)
    let (longer, r2) = ParameterText.substitute("${x0}+q", values)
    #expect(longer == "12345+q")
    #expect(ParameterText.originalColumn(7, r2) == 7)
    let (shorter, r3) = ParameterText.substitute("${x0:-1}+q", values)
    #expect(shorter == "12345+q")
    #expect(ParameterText.originalColumn(7, r3) == 10)
    #expect(ParameterText.substitute("${HOME}/x", values).0 == "${HOME}/x")
  }

  @Test func aTextSeedIsHashedWithFNV1a() {
    let doc = NotebookDocument.parse("---\nparams: {student: alice}\nseed: ${student}\n---\n")
    #expect(doc.frontMatter.seed == 5_803_779_529_149_266_183)
    let numeric = NotebookDocument.parse("---\nparams: {student: '42'}\nseed: ${student}\n---\n")
    #expect(numeric.frontMatter.seed == 42)
  }
}

/// Solutions in list items and with CRLF line endings keep every byte and exact positions.
struct SolutionContainerTests {
  @Test func aSolutionInAListItemWithCRLF() throws {
    let text =
      "- item\r\n\r\n  ````{solution}\r\n  Why.\r\n\r\n  ```{graph g}\r\n  x = 2\r\n  ```\r\n  ````\r\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.reassembled == text)
    let g = try #require(doc.blocks.first)
    #expect(g.solution == 0)
    #expect(g.line == 6)
    #expect(g.column == 3)
    #expect(g.body == "x = 2")
    #expect(g.notebookPosition(bodyLine: 1, column: 1) == SourcePosition(line: 7, column: 3))
    #expect(g.rawText == "  ```{graph g}\r\n  x = 2\r\n  ```\r\n")
    #expect(!StudentNotebook.text(of: doc).contains("Why"))
  }
}
