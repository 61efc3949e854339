import Testing

@testable import Notebook

/// `expect:` mappings in every form of the contract (section 1, "Expectations").
@Suite struct ExpectationTests {
  private func expectations(_ body: String) throws -> [Notebook.Expectation] {
    let text = "```{step}\n" + body + "\n```\n"
    let block = try #require(NotebookDocument.parse(text).blocks.first)
    let spec = try SpecNode.parseBody(block)
    return try Expectations.parse(try spec.require("expect"))
  }

  private func parseError(_ body: String) throws -> NotebookError? {
    do {
      _ = try expectations(body)
      return nil
    } catch let e as NotebookError {
      return e
    }
  }

  /// The contract's example, line for line (fence at line 1, so `expect:` is line 3).
  @Test func contractExample() throws {
    let body = """
      model: mlp
      expect:
        loss: 0.2244 ± 1e-4          # or "0.2244 +- 1e-4"
        grad.W1: [[-0.1005, -0.2010], [-0.1206, -0.2412]] ± 1e-4
        test.accuracy: ">= 0.95"     # >=, <=, >, <, ==
        dy/dx: 1208.38 ± 0.01
      """
    let e = try expectations(body)
    #expect(e.map(\.path) == ["loss", "grad.W1", "test.accuracy", "dy/dx"])
    #expect(
      e.map(\.checkText) == [
        "0.2244 ± 1e-4", "[[-0.1005, -0.2010], [-0.1206, -0.2412]] ± 1e-4", ">= 0.95", "1208.38 ± 0.01",
      ])
    #expect(e[0].check == .near(.scalar(0.2244), tolerance: 1e-4))
    #expect(e[1].check == .near(.matrix([[-0.1005, -0.2010], [-0.1206, -0.2412]]), tolerance: 1e-4))
    #expect(e[2].check == .compare(.ge, 0.95))
    #expect(e[3].check == .near(.scalar(1208.38), tolerance: 0.01))
    #expect(
      e.map(\.position) == [
        SourcePosition(line: 4, column: 3), SourcePosition(line: 5, column: 3),
        SourcePosition(line: 6, column: 3), SourcePosition(line: 7, column: 3),
      ])
    #expect(
      e.map(\.valuePosition) == [
        SourcePosition(line: 4, column: 9), SourcePosition(line: 5, column: 12),
        SourcePosition(line: 6, column: 18), SourcePosition(line: 7, column: 10),
      ])
  }

  @Test func plusMinusSpellingsAreNormalised() throws {
    let e = try expectations("expect:\n  a: 0.2244 +- 1e-4\n  b: 0.5+/-0.1\n  c: -0.5 +- 0.1\n  d: 2±0.5")
    #expect(e.map(\.checkText) == ["0.2244 ± 1e-4", "0.5 ± 0.1", "-0.5 ± 0.1", "2 ± 0.5"])
    #expect(
      e.map(\.check) == [
        .near(.scalar(0.2244), tolerance: 1e-4), .near(.scalar(0.5), tolerance: 0.1),
        .near(.scalar(-0.5), tolerance: 0.1), .near(.scalar(2), tolerance: 0.5),
      ])
  }

  @Test func comparisonsQuotedOrNot() throws {
    let body = "expect:\n  a: >= 0.9\n  b: \"<= 0.5\"\n  c: '> 1'\n  d: < -2\n  e: == 3\n  f: >0.25 # note"
    let e = try expectations(body)
    #expect(
      e.map(\.check) == [
        .compare(.ge, 0.9), .compare(.le, 0.5), .compare(.gt, 1), .compare(.lt, -2), .compare(.eq, 3),
        .compare(.gt, 0.25),
      ])
    #expect(e.map(\.checkText) == [">= 0.9", "<= 0.5", "> 1", "< -2", "== 3", "> 0.25"])
    #expect(e[5].valuePosition == SourcePosition(line: 8, column: 6))
  }

  @Test func bareNumbersMeanEqualUpToRounding() throws {
    let e = try expectations("expect:\n  loss: 0.5\n  big: 1208.38\n  out: [0.1, 0.2]\n  m: [[1, 2], [3, 4]]")
    #expect(e[0].check == .near(.scalar(0.5), tolerance: 1e-9))
    #expect(e[0].checkText == "0.5")
    #expect(e[1].check == .near(.scalar(1208.38), tolerance: 1e-9 * 1208.38))
    #expect(e[2].check == .near(.vector([0.1, 0.2]), tolerance: 1e-9))
    #expect(e[2].checkText == "[0.1, 0.2]")
    #expect(e[3].check == .near(.matrix([[1, 2], [3, 4]]), tolerance: 4e-9))
    #expect(e[1].check.isSatisfied(by: .scalar(1208.380_000_5)))
    #expect(!e[1].check.isSatisfied(by: .scalar(1208.3801)))
  }

  @Test func matrixOverSeveralLines() throws {
    let e = try expectations("expect:\n  W: [[1, 2],\n      [3, 4]] ± 0.5\n  b: [0.1, 0.2] ± 1e-3")
    #expect(e[0].check == .near(.matrix([[1, 2], [3, 4]]), tolerance: 0.5))
    #expect(e[0].checkText == "[[1, 2], [3, 4]] ± 0.5")
    #expect(e[1].check == .near(.vector([0.1, 0.2]), tolerance: 1e-3))
  }

  @Test func textChecks() throws {
    let e = try expectations("expect:\n  diverged: false\n  init: == xavier")
    #expect(e.map(\.check) == [.equalText("false"), .equalText("xavier")])
    #expect(e[0].check.isSatisfied(byText: "false"))
    #expect(!e[0].check.isSatisfied(byText: "true"))
  }

  @Test func graphExpectParsedWithParseYAML() throws {
    let node = try SpecNode.parseYAML("expect:\n  dy/dx: 1208.38 ± 0.01", firstLine: 20, columnOffset: 0)
    let e = try Expectations.parse(try node.require("expect"))
    #expect(
      e == [
        Notebook.Expectation(
          path: "dy/dx", checkText: "1208.38 ± 0.01", check: .near(.scalar(1208.38), tolerance: 0.01),
          position: SourcePosition(line: 21, column: 3), valuePosition: SourcePosition(line: 21, column: 10))
      ])
  }

  @Test func errorsArePositioned() throws {
    #expect(
      try parseError("expect:\n  loss: abc ± 1e-4")
        == NotebookError(
          line: 3, column: 9, message: "expected a number, got 'abc'",
          hint: "An expected value is a number, a list [1, 2] or a matrix [[1, 2], [3, 4]]."))
    #expect(
      try parseError("expect:\n  loss: 0.5 ± -1")
        == NotebookError(
          line: 3, column: 9, message: "the tolerance after '±' must be a non-negative number, got '-1'",
          hint: "Write e.g. '0.2244 ± 1e-4'."))
    #expect(
      try parseError("expect:\n  acc: \">= high\"")?.message == "expected a number after '>=', got 'high'")
    #expect(
      try parseError("expect: 3")?.message
        == "expect: must be a mapping from a result path to a check, got '3'")
    #expect(
      try parseError("expect:\n  loss: {a: 1}")?.message
        == "expected a check like '0.5 ± 1e-3' or '>= 0.9', got a mapping")
    // Ragged matrix: the column points at the bad row inside the value.
    #expect(
      try parseError("expect:\n  W: [[1, 2], [3]] ± 0.1")
        == NotebookError(
          line: 3, column: 15, message: "rows must have the same length: row 2 has 1 values, row 1 has 2",
          hint: "An expected value is a number, a list [1, 2] or a matrix [[1, 2], [3, 4]]."))
    #expect(try expectations("expect:") == [])
  }

  @Test func quotingLeavesOtherYAMLAlone() throws {
    // Outside expect:, a folded scalar stays a folded scalar.
    let block = try #require(
      NotebookDocument.parse("```{step}\nnote: >\n  folded\n  text\n```\n").blocks.first)
    #expect(try SpecNode.parseBody(block).require("note").string() == "folded text\n")
    let q = ExpectQuoting.apply(["expect:", "  a: [[1]] ± 0.1", "other: [1] ± 2", "  b: >-"])
    #expect(q.lines == ["expect:", "  a: '[[1]] ± 0.1'", "other: [1] ± 2", "  b: >-"])
    #expect(q.insertions == [1: [6, 17]])
  }

  @Test func positionsAfterInsertedQuotesMapBack() {
    // Original line "  a: [[1]] ± 0.1  # c" became "  a: '[[1]] ± 0.1'  # c" (quotes before original
    // columns 6 and 17); YAML line 1 is notebook line 10, shifted right by 2 columns.
    let map = YAMLPositionMap(
      lines: [], fallbackFirstLine: 10, fallbackColumnOffset: 2, insertions: [0: [6, 17]])
    #expect(map.position(line: 1, column: 3) == SourcePosition(line: 10, column: 5))  // 'a'
    #expect(map.position(line: 1, column: 6) == SourcePosition(line: 10, column: 8))  // opening quote → '['
    #expect(map.position(line: 1, column: 7) == SourcePosition(line: 10, column: 8))  // '['
    #expect(map.position(line: 1, column: 17) == SourcePosition(line: 10, column: 18))  // last '1'
    #expect(map.position(line: 1, column: 18) == SourcePosition(line: 10, column: 19))  // closing quote
    #expect(map.position(line: 1, column: 21) == SourcePosition(line: 10, column: 21))  // '#'
    #expect(map.position(line: 2, column: 5) == SourcePosition(line: 11, column: 7))
  }

  @Test func satisfaction() {
    let near = ExpectationCheck.near(.scalar(0.2244), tolerance: 1e-4)
    #expect(near.isSatisfied(by: .scalar(0.22441)))
    #expect(!near.isSatisfied(by: .scalar(0.2246)))
    #expect(!near.isSatisfied(by: .scalar(.nan)))
    let vector = ExpectationCheck.near(.vector([1, 2]), tolerance: 0.1)
    #expect(vector.isSatisfied(by: .matrix([[1], [2.05]])))
    #expect(vector.isSatisfied(by: .matrix([[1.05, 2]])))
    #expect(!vector.isSatisfied(by: .matrix([[1, 2], [1, 2]])))
    #expect(!vector.isSatisfied(by: .vector([1, 2.2])))
    let matrix = ExpectationCheck.near(.matrix([[-0.1005, -0.2010], [-0.1206, -0.2412]]), tolerance: 1e-4)
    #expect(matrix.isSatisfied(by: .matrix([[-0.10049, -0.20101], [-0.1206, -0.24125]])))
    #expect(!matrix.isSatisfied(by: .matrix([[-0.1005, -0.2010], [-0.1206, -0.2414]])))
    #expect(ExpectationCheck.near(.scalar(.nan), tolerance: 1e-9).isSatisfied(by: .scalar(.nan)))
    #expect(ExpectationCheck.near(.scalar(.infinity), tolerance: 1).isSatisfied(by: .scalar(.infinity)))
    #expect(!ExpectationCheck.near(.scalar(.infinity), tolerance: 1).isSatisfied(by: .scalar(1e308)))
    let ge = ExpectationCheck.compare(.ge, 0.95)
    #expect(ge.isSatisfied(by: .scalar(0.95)))
    #expect(!ge.isSatisfied(by: .scalar(0.9499)))
    #expect(!ge.isSatisfied(by: .scalar(.nan)))
    #expect(ge.isSatisfied(byText: "0.97"))
    #expect(ExpectationCheck.compare(.lt, 0).isSatisfied(by: .vector([-1])))
  }
}
