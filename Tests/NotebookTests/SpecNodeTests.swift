import Testing

@testable import Notebook

/// Positioned YAML: values, typed readers, and errors at notebook line and column.
@Suite struct SpecNodeTests {
  /// A notebook whose single block's opening fence is at line `fenceLine` (1-based).
  private func block(_ info: String, _ body: String, fenceLine: Int = 10, indent: String = "") throws
    -> BlockSource
  {
    let prose = String(repeating: "prose\n", count: fenceLine - 1)
    let bodyLines =
      body.isEmpty
      ? ""
      : body.split(separator: "\n", omittingEmptySubsequences: false)
        .map { indent + $0 + "\n" }.joined()
    let text = prose + indent + "```" + info + "\n" + bodyLines + indent + "```\n"
    return try #require(NotebookDocument.parse(text).blocks.first)
  }

  private func bodyError(_ b: BlockSource) -> NotebookError? {
    do {
      _ = try SpecNode.parseBody(b)
      return nil
    } catch {
      return error
    }
  }

  @Test func yamlErrorOnThirdBodyLineReportsNotebookLine() throws {
    // Fence at line 10, so body lines are 11, 12, 13; the bad indentation is on the 3rd.
    let b = try block("{step}", "model: mlp\ninput: [1, 2]\n  target: 1")
    let e = try #require(bodyError(b))
    #expect(e.position == SourcePosition(line: 13, column: 3))
    #expect(e.message == "invalid YAML: did not find expected key")
    #expect(
      e.hint == "Check the indentation: the entries of one mapping or list must start in the same column.")
  }

  @Test func unclosedFlowCollectionsPointAtTheirOpeningBracket() throws {
    // Fence at line 10; `[` is on body line 2 (notebook line 12), column 8.
    let list = try #require(bodyError(try block("{step}", "model: mlp\ninput: [1, 2\ntarget: 1")))
    #expect(list.position == SourcePosition(line: 12, column: 8))
    #expect(list.message == "invalid YAML: did not find expected ',' or ']'")
    #expect(list.hint == "Close the list opened here with ']', and separate its items with ','.")
    let mapping = try #require(bodyError(try block("{step}", "model: mlp\nloss: {mse: 1\ntarget: 1")))
    #expect(mapping.position == SourcePosition(line: 12, column: 7))
    #expect(mapping.message == "invalid YAML: did not find expected ',' or '}'")
    #expect(mapping.hint == "Close the mapping opened here with '}', and separate its items with ','.")
  }

  @Test func yamlErrorInIndentedBlockCountsTheIndentation() throws {
    // Same body inside a list item: fence indented 3, so the column moves by 3.
    let b = try block("{step}", "model: mlp\ninput: 3\n  target: 1", fenceLine: 10, indent: "   ")
    let e = try #require(bodyError(b))
    #expect(e.position == SourcePosition(line: 13, column: 12))
    #expect(e.message == "invalid YAML: mapping values are not allowed in this context")
  }

  @Test func tabIndentationGetsAHint() throws {
    let b = try block("{step}", "a: 1\n\tb: 2", fenceLine: 3)
    let e = try #require(bodyError(b))
    #expect(e.position.line == 5)
    #expect(e.hint == "Indent YAML with spaces, not tabs.")
  }

  @Test func duplicateKeyIsReportedAtTheSecondOccurrence() throws {
    let b = try block("{step}", "model: a\ninput: 1\nmodel: b", fenceLine: 1)
    let e = try #require(bodyError(b))
    #expect(e.message == "duplicate key 'model'")
    #expect(e.position == SourcePosition(line: 4, column: 1))
    #expect(e.hint == "'model' is already given at line 2.")
  }

  @Test func attributesMergeWithBodyWinning() throws {
    let b = try block("{gradcheck samples=8 epsilon=1e-6 wrt=x,z}", "model: net\nsamples: 4", fenceLine: 1)
    let spec = try SpecNode.parseBody(b)
    #expect(spec.keys == ["epsilon", "wrt", "model", "samples"])
    #expect(try spec.require("samples").int() == 4)
    #expect(try spec.require("epsilon").double() == 1e-6)
    #expect(try spec.require("wrt").string() == "x,z")
    #expect(spec["epsilon"]?.position == SourcePosition(line: 1, column: 33))
    #expect(spec.entries().first?.keyPosition == SourcePosition(line: 1, column: 25))
    #expect(spec["model"]?.position == SourcePosition(line: 2, column: 8))
    #expect(spec.position == SourcePosition(line: 1, column: 1))
  }

  @Test func attributeOnlyBlockAndEmptyBody() throws {
    let spec = try SpecNode.parseBody(try block("{gradcheck samples=8}", "", fenceLine: 2))
    #expect(spec.isMapping)
    #expect(spec.keys == ["samples"])
    #expect(try spec.require("samples").int() == 8)
    let empty = try SpecNode.parseBody(try block("{step}", "# only a comment", fenceLine: 2))
    #expect(empty.isMapping)
    #expect(empty.keys.isEmpty)
    #expect(empty.position == SourcePosition(line: 2, column: 1))
  }

  @Test func bodyMustBeAMapping() throws {
    let e = try #require(bodyError(try block("{step}", "- a\n- b", fenceLine: 4)))
    #expect(e.position == SourcePosition(line: 5, column: 1))
    #expect(e.message == "the block body must be a YAML mapping (key: value lines), got a list")
  }

  @Test func requireAndRejectUnknownKeys() throws {
    let spec = try SpecNode.parseBody(try block("{train}", "model: mlp\nlerning-rate: 0.1", fenceLine: 7))
    #expect(throws: NotebookError(line: 7, column: 1, message: "missing key 'data'")) {
      try spec.require("data")
    }
    let allowed = ["model", "data", "learning-rate", "epochs"]
    #expect(
      throws: NotebookError(
        line: 9, column: 1, message: "unknown key 'lerning-rate'", hint: "Did you mean 'learning-rate'?")
    ) { try spec.rejectUnknownKeys(allowed: allowed) }
    #expect(throws: Never.self) { try spec.rejectUnknownKeys(allowed: ["model", "lerning-rate"]) }
    let far = try SpecNode.parseBody(try block("{train}", "zzzzzz: 1", fenceLine: 1))
    #expect(
      throws: NotebookError(
        line: 2, column: 1, message: "unknown key 'zzzzzz'", hint: "Known keys: model, data.")
    ) {
      try far.rejectUnknownKeys(allowed: ["model", "data"])
    }
  }

  @Test func numbers() throws {
    let yaml =
      "a: 1e-6\nb: .inf\nc: -.inf\nd: .nan\ne: 42\nf: -0.5\ng: abc\nh: \"2.5\"\ni: 1_000\nj:\nk: [1, 2]"
    let spec = try SpecNode.parseYAML(yaml, firstLine: 20, columnOffset: 4)
    #expect(try spec.require("a").double() == 1e-6)
    #expect(try spec.require("b").double() == .infinity)
    #expect(try spec.require("c").double() == -.infinity)
    #expect(try spec.require("d").double().isNaN)
    #expect(try spec.require("e").double() == 42)
    #expect(try spec.require("f").double() == -0.5)
    #expect(try spec.require("h").double() == 2.5)
    #expect(try spec.require("i").int() == 1000)
    #expect(throws: NotebookError(line: 26, column: 8, message: "expected a number, got 'abc'")) {
      try spec.require("g").double()
    }
    #expect(try spec.require("j").isNull)
    #expect(throws: NotebookError(line: 29, column: 7, message: "expected a number, got nothing")) {
      try spec.require("j").double()
    }
    #expect(throws: NotebookError(line: 30, column: 8, message: "expected a number, got a list")) {
      try spec.require("k").double()
    }
  }

  @Test func integersAndBooleans() throws {
    let spec = try SpecNode.parseYAML(
      "a: 2.5\nb: 1e3\nc: -3\nd: 18446744073709551615\ne: yes\nf: False\ng: maybe\nh: 'null'\ni: ~",
      firstLine: 1, columnOffset: 0)
    #expect(throws: NotebookError(line: 1, column: 4, message: "expected an integer, got '2.5'")) {
      try spec.require("a").int()
    }
    #expect(try spec.require("b").int() == 1000)
    #expect(try spec.require("c").int() == -3)
    #expect(
      throws: NotebookError(line: 3, column: 4, message: "expected an unsigned integer (0 or more), got '-3'")
    ) {
      try spec.require("c").uint64()
    }
    #expect(try spec.require("d").uint64() == UInt64.max)
    #expect(try spec.require("e").bool() == true)
    #expect(try spec.require("f").bool() == false)
    #expect(throws: NotebookError(line: 7, column: 4, message: "expected true or false, got 'maybe'")) {
      try spec.require("g").bool()
    }
    #expect(try spec.require("h").string() == "null")
    #expect(try spec.require("i").isNull)
  }

  @Test func numericValues() throws {
    let yaml = """
      s: 3
      v: [1, 2.5, -1e-3]
      m: [[1, 2], [3, 4]]
      block:
        - [1, 0]
        - [0, 1]
      ragged: [[1, 2], [3]]
      deep: [[[1]]]
      mixed: [1, [2]]
      empty: []
      """
    let spec = try SpecNode.parseYAML(yaml, firstLine: 1, columnOffset: 0)
    #expect(try spec.require("s").numericValue() == .scalar(3))
    #expect(try spec.require("v").numericValue() == .vector([1, 2.5, -1e-3]))
    #expect(try spec.require("m").numericValue() == .matrix([[1, 2], [3, 4]]))
    #expect(try spec.require("block").matrix() == [[1, 0], [0, 1]])
    #expect(try spec.require("v").doubles() == [1, 2.5, -1e-3])
    #expect(try spec.require("s").doubles() == [3])
    #expect(try spec.require("empty").numericValue() == .vector([]))
    #expect(
      throws: NotebookError(
        line: 7, column: 18, message: "rows must have the same length: row 2 has 1 values, row 1 has 2")
    ) { try spec.require("ragged").numericValue() }
    #expect(throws: NotebookError(line: 8, column: 9, message: "expected a number, got a list")) {
      try spec.require("deep").numericValue()
    }
    #expect(throws: NotebookError(line: 9, column: 12, message: "expected a number, got a list")) {
      try spec.require("mixed").numericValue()
    }
    #expect(
      throws: NotebookError(
        line: 2, column: 4, message: "expected a list of rows like [[1, 2], [3, 4]], got a flat list")
    ) { try spec.require("v").matrix() }
    #expect(
      throws: NotebookError(
        line: 3, column: 4, message: "expected a flat list of numbers like [1, 2], got a list of lists")
    ) { try spec.require("m").doubles() }
  }

  @Test func attributeValuesReadAsNumbersListsAndBooleans() throws {
    let b = try block(
      "{step input=[1,2] show=[forward,backward] apply=true lr=0.1 n=8}", "model: m", fenceLine: 1)
    let spec = try SpecNode.parseBody(b)
    #expect(try spec.require("input").numericValue() == .vector([1, 2]))
    #expect(try spec.require("show").sequence().map { try $0.string() } == ["forward", "backward"])
    #expect(try spec.require("apply").bool())
    #expect(try spec.require("lr").double() == 0.1)
    #expect(try spec.require("n").int() == 8)
    // Positions of elements of an attribute list point into the header.
    #expect(try spec.require("show").sequence()[1].position == SourcePosition(line: 1, column: 36))
  }

  @Test func entriesKeepDocumentOrderAndPositions() throws {
    let spec = try SpecNode.parseYAML(
      "zeta: 1\nalpha:\n  inner: x\nmid: [a, b]", firstLine: 5, columnOffset: 2)
    let entries = spec.entries()
    #expect(entries.map(\.key) == ["zeta", "alpha", "mid"])
    #expect(
      entries.map(\.keyPosition) == [
        SourcePosition(line: 5, column: 3), SourcePosition(line: 6, column: 3),
        SourcePosition(line: 8, column: 3),
      ])
    #expect(spec["alpha"]?["inner"]?.scalarText == "x")
    #expect(spec["alpha"]?["inner"]?.position == SourcePosition(line: 7, column: 12))
    #expect(spec["mid"]?.isSequence == true)
    #expect(spec["nope"] == nil)
    #expect(throws: NotebookError(line: 7, column: 5, message: "expected text, got a mapping")) {
      try spec.require("alpha").string()
    }
  }

  @Test func emptyYAMLIsNullAndBadYAMLIsPositioned() throws {
    let empty = try SpecNode.parseYAML("", firstLine: 3, columnOffset: 0)
    #expect(empty.isNull)
    #expect(empty.position == SourcePosition(line: 3, column: 1))
    #expect(throws: NotebookError.self) {
      try SpecNode.parseYAML("a: [1, 2\nb: 3", firstLine: 3, columnOffset: 0)
    }
    do {
      _ = try SpecNode.parseYAML("a: [1, 2\nb: 3", firstLine: 3, columnOffset: 0)
    } catch {
      // At the opening bracket, not where the parser gave up (line 4, column 2).
      #expect(error.position == SourcePosition(line: 3, column: 4))
      #expect(error.hint == "Close the list opened here with ']', and separate its items with ','.")
    }
  }
}

@Suite struct GraphBodyTests {
  @Test func expectPartOfAGraphBodyKeepsNotebookPositions() throws {
    let text = "Intro\n\n```{graph wrt=x}\nx = 2\ny = x * x\nexpect:\n  y: 4 ± 1e-9\n  dy/dx: oops ± 1\n```\n"
    let block = try #require(NotebookDocument.parse(text).blocks.first)
    let lines = block.body.split(separator: "\n", omittingEmptySubsequences: false)
    let expectLine = try #require(lines.firstIndex(of: "expect:")) + 1
    #expect(expectLine == 3)
    let spec = try SpecNode.parseBody(block, startingAtBodyLine: expectLine)
    let node = try spec.require("expect")
    #expect(node.position == SourcePosition(line: 7, column: 3))
    #expect(
      throws: NotebookError(
        line: 8, column: 10, message: "expected a number, got 'oops'",
        hint: "An expected value is a number, a list [1, 2] or a matrix [[1, 2], [3, 4]].")
    ) {
      try Expectations.parse(node)
    }
    #expect(try spec.require("wrt").string() == "x")
  }
}
