import Testing

@testable import Notebook

/// Edge inputs the fuzz targets also see, through the same entry points
/// (`NotebookDocument.parse`, `FenceScanner.scan`, `SpecNode.parseBody`): unclosed fences, tabs,
/// CRLF, a byte-order mark, empty blocks, duplicate names, a 10 MB notebook, very long lines,
/// NUL bytes and repaired invalid UTF-8. Each checks the documented result and that the segments
/// give the text back byte for byte.
@Suite struct EdgeInputTests {
  private func reassembles(_ document: NotebookDocument, _ text: String) -> Bool {
    Array(document.reassembled.utf8) == Array(text.utf8)
  }

  // MARK: Unclosed fences

  @Test func unclosedFenceRunsToTheEndOfTheDocument() throws {
    let text = "Prose.\n\n```{step}\nmodel: m\n\nmore: 1\n"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(!block.isClosed)
    #expect(block.line == 3)
    #expect(block.endLine == 6)
    #expect(block.body == "model: m\n\nmore: 1")
    #expect(block.bodyLineCount == 3)
    #expect(block.rawText == "```{step}\nmodel: m\n\nmore: 1\n")
    #expect(document.segments == [.text("Prose.\n\n"), .block(0)])
    #expect(reassembles(document, text))
  }

  /// Found by the fence-scanner fuzz target: a block whose header is the last line of an
  /// unclosed solution had its body start on its own header line.
  @Test func aBlockOpenedOnTheLastLineOfAnUnclosedSolutionHasItsBodyOnTheNextLine() throws {
    for text in ["````{solution}\nWork.\n```{step s}", "````{solution}\nWork.\n```{step s}\n"] {
      let document = NotebookDocument.parse(text)
      let block = try #require(document.blocks.first)
      #expect(block.kindText == "step")
      #expect(block.line == 3)
      #expect(block.bodyStartLine == 4)
      #expect(block.endLine == 3)
      #expect(block.bodyLineCount == 0)
      #expect(reassembles(document, text))
    }
  }

  @Test func unclosedFenceInAListItemEndsWithTheItem() throws {
    // The item's content is indented 2; the unindented paragraph on line 5 ends the list, and
    // with it the fence.
    let text = "- item\n\n  ```{step}\n  model: m\nback at the top\n"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(!block.isClosed)
    #expect(block.line == 3)
    #expect(block.endLine == 4)
    #expect(block.body == "model: m")
    #expect(document.segments == [.text("- item\n\n"), .block(0), .text("back at the top\n")])
    #expect(reassembles(document, text))
  }

  @Test func unclosedFenceWithNothingAfterIt() throws {
    let text = "```{graph}"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(!block.isClosed)
    #expect(block.bodyLineCount == 0)
    #expect(block.body == "")
    #expect(block.line == 1)
    #expect(block.endLine == 1)
    #expect(block.rawText == text)
    #expect(document.segments == [.block(0)])
  }

  @Test func shorterClosingFenceDoesNotClose() throws {
    let text = "````{step}\nmodel: m\n```\n"
    let block = try #require(NotebookDocument.parse(text).blocks.first)
    #expect(!block.isClosed)
    #expect(block.body == "model: m\n```")
  }

  // MARK: Tabs

  @Test func tabIndentedFenceIsIndentedCode() throws {
    // A tab is 4 columns of indentation: the line is indented code, not a fence.
    let text = "\t```{step}\n\tmodel: m\n\t```\n"
    let document = NotebookDocument.parse(text)
    #expect(document.blocks.isEmpty)
    #expect(document.segments == [.text(text)])
    let scanned = FenceScanner.scan(text)
    #expect(scanned.count == 1)
    #expect(scanned.first?.isFenced == false)
    #expect(scanned.first?.content == "```{step}\nmodel: m\n```\n")
  }

  @Test func tabInAListItemIsPartlyConsumed() throws {
    // A tab after "- item" indents the fence inside the item; the rest of the tab that is not
    // removed becomes a space, exactly as cmark-gfm 0.29 renders it ("<code> model: m").
    let text = "- item\n\n\t```{step}\n\tmodel: m\n\t```\n"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.isClosed)
    #expect(block.bodyIndent == 4)
    #expect(block.body == " model: m")
    #expect(reassembles(document, text))
  }

  @Test func tabsInTheBodyGetTheYAMLHint() throws {
    let document = NotebookDocument.parse("```{step}\nmodel: m\n\tinput: 1\n```\n")
    let block = try #require(document.blocks.first)
    #expect(block.body == "model: m\n\tinput: 1")
    do {
      _ = try SpecNode.parseBody(block)
      Issue.record("a tab-indented YAML line parsed")
    } catch {
      #expect(error.position.line == 3)
      #expect(error.hint == "Indent YAML with spaces, not tabs.")
    }
  }

  @Test func tabBetweenKindAndName() throws {
    let block = try #require(NotebookDocument.parse("```{model\tmlp}\nlayers: []\n```\n").blocks.first)
    #expect(block.kind == .model)
    #expect(block.name == "mlp")
  }

  // MARK: Line endings and byte-order mark

  @Test func crlfLineEndings() throws {
    let text = "# T\r\n\r\n```{graph g}\r\nx = 2\r\ny = x^2\r\n```\r\nafter\r\n"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.isClosed)
    #expect(block.line == 3)
    #expect(block.endLine == 6)
    #expect(block.body == "x = 2\ny = x^2")
    #expect(block.rawText == "```{graph g}\r\nx = 2\r\ny = x^2\r\n```\r\n")
    #expect(document.title == "T")
    #expect(document.segments == [.text("# T\r\n\r\n"), .block(0), .text("after\r\n")])
    #expect(reassembles(document, text))
  }

  @Test func loneCarriageReturnsEndLines() throws {
    let text = "```{step}\rmodel: m\r```\rafter"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.isClosed)
    #expect(block.body == "model: m")
    #expect(block.endLine == 3)
    #expect(document.segments == [.block(0), .text("after")])
  }

  @Test func byteOrderMarkBeforeFrontMatter() throws {
    let text = "\u{FEFF}---\ntitle: With BOM\nseed: 5\n---\n```{graph}\nx = 1\n```\n"
    let document = NotebookDocument.parse(text)
    #expect(document.frontMatter.title == "With BOM")
    #expect(document.frontMatter.seed == 5)
    #expect(document.frontMatter.error == nil)
    let block = try #require(document.blocks.first)
    #expect(block.line == 5)
    #expect(block.column == 1)
    #expect(reassembles(document, text))
    // The mark stays in the first text segment.
    #expect(document.segments.first == .text("\u{FEFF}---\ntitle: With BOM\nseed: 5\n---\n"))
  }

  @Test func byteOrderMarkBeforeAFence() throws {
    let text = "\u{FEFF}```{step}\nmodel: m\n```\n"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.line == 1)
    #expect(block.column == 1)
    #expect(document.segments == [.text("\u{FEFF}"), .block(0)])
    #expect(reassembles(document, text))
  }

  // MARK: Empty blocks and duplicate names

  @Test func emptyBlockHasAnEmptyBodyAndAnEmptyMapping() throws {
    let document = NotebookDocument.parse("```{step}\n```\n")
    let block = try #require(document.blocks.first)
    #expect(block.body == "")
    #expect(block.bodyLineCount == 0)
    #expect(block.isClosed)
    let body = try SpecNode.parseBody(block)
    #expect(body.isMapping)
    #expect(body.keys.isEmpty)
    #expect(body.position == SourcePosition(line: 1, column: 1))
  }

  @Test func blockOfBlankLinesIsAnEmptyMapping() throws {
    let block = try #require(NotebookDocument.parse("```{step}\n\n  \n```\n").blocks.first)
    #expect(block.bodyLineCount == 2)
    #expect(block.body == "\n  ")
    #expect(try SpecNode.parseBody(block).keys.isEmpty)
  }

  @Test func emptyInfoBraces() throws {
    let block = try #require(NotebookDocument.parse("```{}\n```\n").blocks.first)
    #expect(block.kind == nil)
    #expect(block.headerError != nil)
    #expect(block.headerError?.position.line == 1)
  }

  @Test func duplicateNamesAreReportedOnTheSecond() throws {
    let text = "```{model m}\nlayers: []\n```\n\n```{model m}\nlayers: []\n```\n"
    let document = NotebookDocument.parse(text)
    try #require(document.blocks.count == 2)
    #expect(document.blocks[0].headerError == nil)
    let error = try #require(document.blocks[1].headerError)
    #expect(error.message == "duplicate name 'm', first defined at line 1")
    #expect(error.position == SourcePosition(line: 5, column: 11))
    #expect(reassembles(document, text))
  }

  // MARK: Size

  @Test func tenMegabyteNotebook() throws {
    let chunk =
      "## Section\n\nSome prose about $\\partial L / \\partial w$, long enough to matter.\n\n"
      + "```{graph}\nx = 2\ny = x^2\n```\n\n"
    let repetitions = 10_000_000 / chunk.utf8.count + 1
    let text = String(repeating: chunk, count: repetitions)
    #expect(text.utf8.count >= 10_000_000)
    let document = NotebookDocument.parse(text)
    #expect(document.blocks.count == repetitions)
    // Nine lines per chunk, the fence on the fifth.
    #expect(document.blocks.last?.line == (repetitions - 1) * 9 + 5)
    #expect(document.blocks.last?.body == "x = 2\ny = x^2")
    #expect(reassembles(document, text))
  }

  @Test func veryLongLines() throws {
    let prose = String(repeating: "word ", count: 200_000)
    let value = String(repeating: "v", count: 100_000)
    let info = "{step " + String(repeating: "a", count: 50_000) + "}"
    let text = prose + "\n```" + info + "\n" + "model: " + value + "\n```\n" + prose
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.line == 2)
    #expect(block.endLine == 4)
    #expect(block.name == String(repeating: "a", count: 50_000))
    #expect(try SpecNode.parseBody(block)["model"]?.scalarText == value)
    #expect(reassembles(document, text))
  }

  @Test func veryLongKeyIsAPositionedYAMLError() throws {
    // YAML limits an implicit key to 1024 characters; libyaml reports the ':' after a longer one.
    let key = String(repeating: "k", count: 100_000)
    let block = try #require(NotebookDocument.parse("```{step}\n" + key + ": 1\n```\n").blocks.first)
    do {
      _ = try SpecNode.parseBody(block)
      Issue.record("a 100 000-character key parsed")
    } catch {
      #expect(error.message == "invalid YAML: mapping values are not allowed in this context")
      #expect(error.position == SourcePosition(line: 2, column: 100_001))
    }
  }

  // MARK: Unusual bytes

  @Test func nulBytesPassThrough() throws {
    let text = "a\u{0}b\n```{step}\nmodel: \u{0}m\n```\n\u{0}"
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.body == "model: \u{0}m")
    #expect(document.segments == [.text("a\u{0}b\n"), .block(0), .text("\u{0}")])
    #expect(reassembles(document, text))
    // Yams refuses the NUL as a YAML character; the error is positioned in the notebook.
    do {
      _ = try SpecNode.parseBody(block)
      Issue.record("a NUL byte in YAML parsed")
    } catch {
      #expect(error.position.line >= 2)
      #expect(error.position.line <= 3)
    }
  }

  @Test func invalidUTF8IsRepairedBeforeTheParserSeesIt() throws {
    // The reader hands the parser a String: invalid bytes become U+FFFD, so the parser sees
    // valid text. A stray continuation byte inside a fence's info string and body:
    let bytes: [UInt8] =
      Array("```{step x".utf8) + [0x80] + Array("}\nmodel: ".utf8) + [0xC3, 0x28] + [0x0A]
      + Array("```\n".utf8)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
    let document = NotebookDocument.parse(text)
    let block = try #require(document.blocks.first)
    #expect(block.name == nil)
    #expect(block.headerError != nil)
    #expect(block.body == "model: \u{FFFD}(")
    #expect(reassembles(document, text))
  }
}
