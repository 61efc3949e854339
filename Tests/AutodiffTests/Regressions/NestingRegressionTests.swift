import Autodiff
import Testing

/// Deeply nested expressions used to overflow the stack (10,000 `(` crashed the process; in a
/// debug build 1,000 nested calls or a 4,000-term sum did). The parser now refuses a tree with
/// more than 100 operations on one path, and more than 256 parentheses, calls, unary minus and
/// `^` inside one another, with a positioned error, before anything recursive sees the tree.
/// 256 ≥ 2 · 100 + 1, so the form a node is shown in (one pair of parentheses at most per
/// operation; found by `scripts/fuzz`: a 56-deep `-` chain is shown as `-(-(-(…)))`) parses again.
@Suite struct NestingRegressionTests {
  private func parseError(_ text: String) -> GraphError? {
    do {
      _ = try GraphProgram.parse(text)
      return nil
    } catch {
      return error
    }
  }

  private let tooHigh = "expression nested too deeply: more than 100 operations inside one another"
  private let tooNested =
    "expression nested too deeply: more than 256 parentheses, calls or signs inside one another"
  private let hint = "Give parts of it names on earlier lines (a = …), then use the names."

  @Test func tenThousandOpeningParentheses() throws {
    // "y = " then 10,000 '('; the k-th '(' is at column 4 + k, and the 257th is refused.
    let error = try #require(parseError("x = 1\ny = " + String(repeating: "(", count: 10_000) + "x"))
    #expect(error == GraphError(line: 2, column: 261, message: tooNested, hint: hint))
  }

  @Test func tenThousandBalancedParentheses() throws {
    let n = 10_000
    let error = try #require(
      parseError("x = 1\ny = " + String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n)))
    #expect(error == GraphError(line: 2, column: 261, message: tooNested, hint: hint))
  }

  @Test func deeplyNestedCalls() throws {
    // "y = " then "exp(" repeated: the k-th call's name is at column 4k + 1.
    func calls(_ n: Int) -> String {
      "x = 1\ny = " + String(repeating: "exp(", count: n) + "x" + String(repeating: ")", count: n)
    }
    let deep = try #require(parseError(calls(1_000)))
    #expect(deep.line == 2)
    #expect(deep.column == 4 * 257 + 1)
    #expect(deep.message == tooNested)
    // 150 calls parse, but the tree is 150 high: the 50th call from the left is the 101st
    // operation from the inside.
    let high = try #require(parseError(calls(150)))
    #expect(high == GraphError(line: 2, column: 4 * 50 + 1, message: tooHigh, hint: hint))
  }

  @Test func longChainsOfUnaryMinus() throws {
    // "y = " then '-' repeated: the k-th '-' is at column 4 + k.
    let deep = try #require(parseError("x = 1\ny = " + String(repeating: "-", count: 10_000) + "x"))
    #expect(deep.line == 2)
    #expect(deep.column == 4 + 257)
    #expect(deep.message == tooNested)
    let high = try #require(parseError("x = 1\ny = " + String(repeating: "-", count: 150) + "x"))
    #expect(high.line == 2)
    #expect(high.column == 4 + 50)
    #expect(high.message == tooHigh)
  }

  @Test func longChainsOfPowers() throws {
    // "y = x" then "^x" repeated: the k-th '^' is at column 4 + 2k, its exponent at 5 + 2k.
    let deep = try #require(parseError("x = 1\ny = x" + String(repeating: "^x", count: 10_000)))
    #expect(deep.line == 2)
    #expect(deep.column == 5 + 2 * 256)
    #expect(deep.message == tooNested)
    let high = try #require(parseError("x = 1\ny = x" + String(repeating: "^x", count: 150)))
    #expect(high.line == 2)
    #expect(high.column == 4 + 2 * 50)
    #expect(high.message == tooHigh)
  }

  @Test func longSumIsATreeOfThatHeight() throws {
    // "y = x" then " + x" repeated: the k-th '+' is at column 4k + 3; the 101st makes the tree
    // 101 operations high.
    let error = try #require(parseError("x = 1\ny = x" + String(repeating: " + x", count: 10_000)))
    #expect(error == GraphError(line: 2, column: 4 * 101 + 3, message: tooHigh, hint: hint))
  }

  @Test func oneHundredLevelsStillParseAndEvaluate() throws {
    let sum = try GraphProgram.parse("x = 1\ny = x" + String(repeating: " + x", count: 100))
    #expect(try sum.evaluate().output.value.scalarValue == 101)
    let parens = try GraphProgram.parse(
      "x = 1\ny = " + String(repeating: "(", count: 255) + "x + 1" + String(repeating: ")", count: 255))
    #expect(try parens.evaluate().output.value.scalarValue == 2)
  }

  @Test func aHundredDeepNegationIsShownInAFormThatParsesAgain() throws {
    // A constant: shown inline, every inner minus in parentheses.
    let graph = try GraphProgram.parse("y = " + String(repeating: "-", count: 100) + "2").evaluate()
    let shown = graph.output.expression
    // 100 signs and 99 pairs of parentheses: 200 levels.
    #expect(shown == String(repeating: "-(", count: 99) + "-2" + String(repeating: ")", count: 99))
    #expect(graph.output.value.scalarValue == 2)
    let again = try GraphProgram.parse("y = " + shown).evaluate()
    #expect(again.output.value.scalarValue == 2)
    #expect(again.output.expression == shown)
  }
}
