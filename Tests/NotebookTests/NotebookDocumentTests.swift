import Testing

@testable import Notebook

/// Executable blocks, their headers, bodies and positions, and the byte-exact segments.
@Suite struct NotebookDocumentTests {
  private func roundTrips(_ text: String) -> Bool {
    Array(NotebookDocument.parse(text).reassembled.utf8) == Array(text.utf8)
  }

  @Test func stepBlockBetweenProse() throws {
    let text = "# Backprop\n\nSome prose.\n\n```{step}\nmodel: mlp\ninput: [1, 2]\n```\n\nMore prose.\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.blocks.count == 1)
    let b = try #require(doc.blocks.first)
    #expect(b.index == 0)
    #expect(b.kind == .step)
    #expect(b.kindText == "step")
    #expect(b.name == nil)
    #expect(b.attributes.isEmpty)
    #expect(b.headerError == nil)
    #expect(b.body == "model: mlp\ninput: [1, 2]")
    #expect(b.bodyLineCount == 2)
    #expect(b.line == 5)
    #expect(b.column == 1)
    #expect(b.bodyStartLine == 6)
    #expect(b.endLine == 8)
    #expect(b.rawText == "```{step}\nmodel: mlp\ninput: [1, 2]\n```\n")
    #expect(b.isClosed)
    #expect(b.bodyIndent == 0)
    #expect(b.fenceLength == 3)
    #expect(b.fenceCharacter == "`")
    #expect(doc.segments == [.text("# Backprop\n\nSome prose.\n\n"), .block(0), .text("\nMore prose.\n")])
    #expect(doc.title == "Backprop")
    #expect(roundTrips(text))
  }

  @Test func namedDataBlock() throws {
    let doc = NotebookDocument.parse("```{data blobs}\nsource: xor\nn: 40\n```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.kind == .data)
    #expect(b.name == "blobs")
    #expect(b.headerError == nil)
    #expect(b.namePosition == SourcePosition(line: 1, column: 10))
    #expect(doc.segments == [.block(0)])
  }

  @Test func graphWithCommaListAttribute() throws {
    let doc = NotebookDocument.parse("```{graph wrt=x,z}\nx = 2\nz = 3\ny = x * z\n```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.kind == .graph)
    #expect(b.name == nil)
    #expect(b.headerError == nil)
    #expect(
      b.attributes == [
        BlockAttribute(
          key: "wrt", value: "x,z", position: SourcePosition(line: 1, column: 11),
          valuePosition: SourcePosition(line: 1, column: 15))
      ])
    #expect(b.body == "x = 2\nz = 3\ny = x * z")
  }

  @Test func trainWithNameAndAttributes() throws {
    let doc = NotebookDocument.parse("```{train baseline seed=3 epochs=10}\nmodel: mlp\n```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.kind == .train)
    #expect(b.name == "baseline")
    #expect(b.headerError == nil)
    #expect(b.attributes.map(\.key) == ["seed", "epochs"])
    #expect(b.attributes.map(\.value) == ["3", "10"])
    #expect(b.attributes.map(\.position.column) == [20, 27])
    #expect(b.info == "{train baseline seed=3 epochs=10}")
  }

  @Test func quotedAttributeValuesAndSpacesInsideBraces() throws {
    let doc = NotebookDocument.parse("```{ compare  note=\"two \\\"words\\\"\" plot='test.loss' }\n```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.headerError == nil)
    #expect(b.kind == .compare)
    #expect(b.attributes.map(\.value) == ["two \"words\"", "test.loss"])
  }

  @Test func tildeFence() throws {
    let doc = NotebookDocument.parse("Intro\n~~~{step}\na: 1\n~~~\n")
    let b = try #require(doc.blocks.first)
    #expect(b.kind == .step)
    #expect(b.fenceCharacter == "~")
    #expect(b.body == "a: 1")
    #expect(b.line == 2)
  }

  @Test func fourBacktickFenceHoldsTripleBacktickLines() throws {
    let text = "````{step}\nnote: |\n  ```\n  not a fence\n  ```\n````\nafter\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.blocks.count == 1)
    let b = try #require(doc.blocks.first)
    #expect(b.fenceLength == 4)
    #expect(b.isClosed)
    #expect(b.endLine == 6)
    #expect(b.body == "note: |\n  ```\n  not a fence\n  ```")
    #expect(doc.segments == [.block(0), .text("after\n")])
  }

  @Test func unknownKindHasDidYouMeanHint() throws {
    let doc = NotebookDocument.parse("Text\n\n```{stepp}\na: 1\n```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.kind == nil)
    #expect(b.kindText == "stepp")
    let e = try #require(b.headerError)
    #expect(e.message == "unknown block kind 'stepp'")
    #expect(e.hint == "Did you mean 'step'?")
    #expect(e.position == SourcePosition(line: 3, column: 5))
    #expect(e.description == "line 3, column 5: unknown block kind 'stepp' (Did you mean 'step'?)")
    // Still a block: its text is replaced by its (error) output.
    #expect(doc.segments == [.text("Text\n\n"), .block(0)])
  }

  @Test func farFromAnyKindListsTheKinds() throws {
    let e = try #require(NotebookDocument.parse("```{haskell}\n```\n").blocks.first?.headerError)
    #expect(e.hint == "Known kinds: data, model, step, train, graph, gradcheck, compare, solution.")
  }

  @Test func unclosedFenceRunsToEndOfFile() throws {
    let text = "Prose\n```{step}\nmodel: mlp\n\ntarget: 1"
    let doc = NotebookDocument.parse(text)
    let b = try #require(doc.blocks.first)
    #expect(!b.isClosed)
    #expect(b.body == "model: mlp\n\ntarget: 1")
    #expect(b.rawText == "```{step}\nmodel: mlp\n\ntarget: 1")
    #expect(b.endLine == 5)
    #expect(doc.segments == [.text("Prose\n"), .block(0)])
    #expect(roundTrips(text))
  }

  @Test func crlfLineEndings() throws {
    let text = "# T\r\n\r\n```{step}\r\nmodel: mlp\r\ninput: 1\r\n```\r\nend\r\n"
    let doc = NotebookDocument.parse(text)
    let b = try #require(doc.blocks.first)
    #expect(b.body == "model: mlp\ninput: 1")
    #expect(b.line == 3)
    #expect(b.bodyStartLine == 4)
    #expect(b.endLine == 6)
    #expect(b.rawText == "```{step}\r\nmodel: mlp\r\ninput: 1\r\n```\r\n")
    #expect(doc.segments == [.text("# T\r\n\r\n"), .block(0), .text("end\r\n")])
    #expect(doc.title == "T")
    #expect(roundTrips(text))
  }

  @Test func byteOrderMarkIsKeptAndNotCounted() throws {
    let text = "\u{FEFF}```{step}\na: 1\n```\n"
    let doc = NotebookDocument.parse(text)
    let b = try #require(doc.blocks.first)
    #expect(b.line == 1)
    #expect(b.column == 1)
    #expect(b.rawText == "```{step}\na: 1\n```\n")
    #expect(doc.segments == [.text("\u{FEFF}"), .block(0)])
    #expect(roundTrips(text))
  }

  @Test func tabsInIndentation() throws {
    // Opening fence indented 1 space: body lines lose up to 1 column; a tab (to column 4) loses
    // one column and becomes 3 spaces.
    let doc = NotebookDocument.parse(" ```{step}\n\ta: 1\n b: 2\n  c: 3\n ```\n")
    let b = try #require(doc.blocks.first)
    #expect(b.bodyIndent == 1)
    #expect(b.column == 2)
    #expect(b.body == "   a: 1\nb: 2\n c: 3")
    // Body column 4 ('a') is notebook column 2 (just after the tab); columns in the spaces that
    // replaced the tab map to the tab.
    #expect(b.notebookPosition(bodyLine: 1, column: 4) == SourcePosition(line: 2, column: 2))
    #expect(b.notebookPosition(bodyLine: 1, column: 2) == SourcePosition(line: 2, column: 1))
    #expect(b.notebookPosition(bodyLine: 3, column: 2) == SourcePosition(line: 4, column: 3))
    // A tab before the fence reaches column 4: indented code, not a fence.
    #expect(NotebookDocument.parse("\t```{step}\n\ta: 1\n\t```\n").blocks.isEmpty)
    #expect(NotebookDocument.parse("  \t```{step}\n```\n").blocks.isEmpty)
  }

  @Test func emptyBody() throws {
    let b = try #require(NotebookDocument.parse("```{step}\n```\n").blocks.first)
    #expect(b.body == "")
    #expect(b.bodyLineCount == 0)
    #expect(b.bodyStartLine == 2)
    #expect(b.isClosed)
    let blank = try #require(NotebookDocument.parse("```{step}\n\n```\n").blocks.first)
    #expect(blank.body == "")
    #expect(blank.bodyLineCount == 1)
  }

  @Test func duplicateNames() throws {
    let text =
      "```{model net}\nlayers: [relu]\n```\n\n```{step}\n```\n\n```{model net}\nlayers: [tanh]\n```\n"
    let doc = NotebookDocument.parse(text)
    try #require(doc.blocks.count == 3)
    #expect(doc.blocks[0].headerError == nil)
    let e = try #require(doc.blocks[2].headerError)
    #expect(e.message == "duplicate name 'net', first defined at line 1")
    #expect(e.position == SourcePosition(line: 8, column: 11))
    #expect(doc.blocks[2].name == "net")
  }

  @Test func fourSpaceIndentIsIndentedCodeNotAFence() {
    let doc = NotebookDocument.parse("Para\n\n    ```{step}\n    a: 1\n    ```\n")
    #expect(doc.blocks.isEmpty)
    #expect(doc.segments == [.text("Para\n\n    ```{step}\n    a: 1\n    ```\n")])
  }

  @Test func fenceInBlockQuoteIsNotExecutable() throws {
    let text = "> ```{step}\n> a: 1\n> ```\n\n```{step}\nb: 2\n```\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.blocks.count == 1)
    let b = try #require(doc.blocks.first)
    #expect(b.body == "b: 2")
    #expect(b.line == 5)
    #expect(doc.segments == [.text("> ```{step}\n> a: 1\n> ```\n\n"), .block(0)])
    // A quoted fence left open ends with the quote: the next fence is a real one.
    let open = NotebookDocument.parse("> ```{step}\n> a: 1\n\n```{step}\nb: 2\n```\n")
    #expect(open.blocks.map(\.body) == ["b: 2"])
  }

  @Test func fenceInListItem() throws {
    let doc = NotebookDocument.parse("1. Run it:\n\n   ```{step}\n   a: 1\n     b: 2\n   ```\n2. Next\n")
    let b = try #require(doc.blocks.first)
    #expect(b.body == "a: 1\n  b: 2")
    #expect(b.bodyIndent == 3)
    #expect(b.column == 4)
    #expect(b.isClosed)
    // `10. ` items put their content at column 4: the fence is still in the item.
    let wide = NotebookDocument.parse("10. Run it:\n\n    ```{step}\n    a: 1\n    ```\n")
    #expect(wide.blocks.map(\.body) == ["a: 1"])
    #expect(wide.blocks.first?.bodyIndent == 4)
    // A fence opened on the list marker's line is shown, not run.
    #expect(NotebookDocument.parse("- ```{step}\n  a: 1\n  ```\n").blocks.isEmpty)
    // A line indented less than the item ends the item and the fence with it.
    let ended = NotebookDocument.parse("- item\n\n  ```{step}\n  a: 1\nb: 2\n")
    let e = try #require(ended.blocks.first)
    #expect(e.body == "a: 1")
    #expect(!e.isClosed)
    #expect(e.rawText == "  ```{step}\n  a: 1\n")
  }

  @Test func fenceInterruptsParagraph() throws {
    let doc = NotebookDocument.parse("Look:\n```{step}\na: 1\n```\nand more\n")
    #expect(doc.blocks.map(\.line) == [2])
    #expect(doc.segments == [.text("Look:\n"), .block(0), .text("and more\n")])
  }

  @Test func ordinaryCodeAndHTMLPassThrough() {
    #expect(NotebookDocument.parse("```python\nprint(1)\n```\n").blocks.isEmpty)
    // A backtick in a backtick fence's info string: not a fence at all.
    #expect(NotebookDocument.parse("```{step x=`a`}\n```\n").blocks.isEmpty)
    // Inside an HTML block (until the blank line) a fence line is raw HTML.
    let html = NotebookDocument.parse("<div>\n```{step}\n</div>\n\n```{step}\nb: 1\n```\n")
    #expect(html.blocks.map(\.body) == ["b: 1"])
    #expect(html.blocks.map(\.line) == [5])
  }

  @Test func malformedHeaders() throws {
    func error(_ info: String) -> NotebookError? {
      NotebookDocument.parse("```" + info + "\n```\n").blocks.first?.headerError
    }
    #expect(
      error("{step")
        == NotebookError(
          line: 1, column: 9, message: "missing '}' at the end of the block header",
          hint: "Write the header as {KIND NAME key=value}, e.g. {train baseline epochs=10}."))
    #expect(error("{step x=}")?.message == "missing value for 'x'")
    #expect(error("{step x=}")?.position.column == 12)  // where the value belongs
    #expect(error("{data}")?.message == "a data block needs a name")
    #expect(error("{model}")?.message == "a model block needs a name")
    #expect(error("{step a b}")?.message == "unexpected 'b' in the block header")
    #expect(error("{step 1abc}")?.message == "invalid block name '1abc'")
    #expect(error("{step seed=1 seed=2}")?.message == "duplicate option 'seed' (first given at column 10)")
    #expect(error("{step seed=1 net}")?.message == "the block name 'net' must come before the options")
    #expect(error("{}")?.message == "missing block kind")
    #expect(error("{step} extra")?.message == "unexpected text after '}' in the block header")
    #expect(error("{step x=\"open}")?.message == "unterminated quoted value for 'x'")
    #expect(error("{step a_b-c}") == nil)
  }

  @Test func aSpaceInsideAnUnquotedListIsNamed() {
    func error(_ info: String) -> NotebookError? {
      NotebookDocument.parse("```\(info)\n```\n").blocks.first?.headerError
    }
    #expect(
      error("{step input=[1, 2] target=1}")
        == NotebookError(
          line: 1, column: 16, message: "the value of 'input' stops at a space",
          hint: "Write input=[1,2] or input=\"[1, 2]\"."))
    #expect(
      error("{step t=[[1, 2], [3, 4]]}")?.hint == "Write t=[[1,2],[3,4]] or t=\"[[1, 2], [3, 4]]\".")
    #expect(error("{step x={a: 1} y=2}")?.hint == "Quote the value: x=\"{a: 1}\".")
    // Never closed: left to the list reader (`missing ']'` when the option is read).
    #expect(error("{step input=[1,2 target=1}") == nil)
    #expect(error("{step input=[1,2] target=1}") == nil)
  }

  @Test func titleFromFirstLevelOneHeading() {
    #expect(NotebookDocument.parse("Intro\n\n## Sub\n\n# Main title ##\n\n# Second\n").title == "Main title")
    #expect(NotebookDocument.parse("```\n# not a title\n```\n> # quoted\n\n# Real\n").title == "Real")
    #expect(NotebookDocument.parse("No heading here\n").title == nil)
    #expect(NotebookDocument.parse("#\n\n#    Spaced   \n").title == "Spaced")
  }

  @Test func blocksAreIndexedInOrder() {
    let text = "```{data d}\n```\n```python\n```\n~~~{model m}\n~~~\n```{step}\n```\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.blocks.map(\.index) == [0, 1, 2])
    #expect(doc.blocks.map(\.kind) == [.data, .model, .step])
    #expect(doc.segments == [.block(0), .text("```python\n```\n"), .block(1), .block(2)])
  }
}
