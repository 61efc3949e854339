import Autodiff
import Testing

/// Deeply nested expressions used to overflow the stack (10,000 `(` crashed the process; in a
/// debug build 1,000 nested calls did). The parser now stops at more than 100 levels — of
/// parentheses, calls, unary minus and `^`, and of operations in the expression tree — with a
/// positioned error, before anything recursive sees the tree.
@Suite struct NestingRegressionTests {
  private func parseError(_ text: String) -> GraphError? {
    do {
      _ = try GraphProgram.parse(text)
      return nil
    } catch {
      return error
    }
  }

  private let message = "expression nested too deeply: more than 100 levels"
  private let hint = "Give parts of it names on earlier lines (a = …), then use the names."

  @Test func tenThousandOpeningParentheses() throws {
    // "y = " then 10,000 '('; the k-th '(' is at column 4 + k, and the 101st level is refused.
    let error = try #require(parseError("x = 1\ny = " + String(repeating: "(", count: 10_000) + "x"))
    #expect(error == GraphError(line: 2, column: 105, message: message, hint: hint))
  }

  @Test func tenThousandBalancedParentheses() throws {
    let n = 10_000
    let error = try #require(
      parseError("x = 1\ny = " + String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n)))
    #expect(error.line == 2 && error.column == 105 && error.message == message)
  }

  @Test func deeplyNestedCalls() throws {
    // "y = " then "exp(" repeated: the k-th call's argument starts at column 5 + 4k.
    let n = 1_000
    let text = "x = 1\ny = " + String(repeating: "exp(", count: n) + "x" + String(repeating: ")", count: n)
    let error = try #require(parseError(text))
    #expect(error.line == 2 && error.column == 5 + 4 * 100 && error.message == message)
  }

  @Test func longChainsOfUnaryMinusAndPowers() throws {
    let minus = try #require(parseError("x = 1\ny = " + String(repeating: "-", count: 10_000) + "x"))
    #expect(minus.line == 2 && minus.column == 105 && minus.message == message)
    // "y = x" then "^x" repeated: the k-th exponent starts at column 5 + 2k, and the 100th
    // exponent (column 205) is the 101st level.
    let power = try #require(parseError("x = 1\ny = x" + String(repeating: "^x", count: 10_000)))
    #expect(power.line == 2 && power.column == 205 && power.message == message)
  }

  @Test func longSumIsATreeOfThatHeight() throws {
    // "y = x" then " + x" repeated: the k-th '+' is at column 4k + 3; the 101st makes the tree
    // 101 operations high.
    let error = try #require(parseError("x = 1\ny = x" + String(repeating: " + x", count: 10_000)))
    #expect(error == GraphError(line: 2, column: 4 * 101 + 3, message: message, hint: hint))
  }

  @Test func oneHundredLevelsStillParseAndEvaluate() throws {
    // exactly 100 levels of each kind: x + x + … (100 operations), and 99 '(' around x + 1.
    let sum = try GraphProgram.parse("x = 1\ny = x" + String(repeating: " + x", count: 100))
    #expect(try sum.evaluate().output.value.scalarValue == 101)
    let parens = try GraphProgram.parse(
      "x = 1\ny = " + String(repeating: "(", count: 99) + "x + 1" + String(repeating: ")", count: 99))
    #expect(try parens.evaluate().output.value.scalarValue == 2)
  }
}
