import Executor
import Foundation
import Testing

/// `expect:` compares elements (contract §9): a scalar and a one-element
/// list check the same value, a flat list checks n×1 or 1×n values, and a
/// list of rows checks a matrix of its own shape.
@Suite struct ExpectationShapeTests {
  /// A step on W = [[1, -2], [3, 4]], b = [0.5, -0.5], mse(sum), input [1, 1],
  /// target [0, 0]: output [-0.5, 6.5], ∂L/∂y = [-1, 13].
  static func step(_ checks: String) -> BlockOutcome {
    let text = """
      ```{step s}
      model:
        layers:
          - dense: {in: 2, out: 2, weights: [[1, -2], [3, 4]], bias: [0.5, -0.5]}
        loss: {mse: {reduction: sum}}
      input: [1, 1]
      target: [0, 0]
      expect:
      \(checks)
      ```
      """
    return execute(text)[0]
  }

  @Test func elementsAreComparedAcrossEquivalentShapes() {
    let o = Self.step(
      """
        output: [[-0.5, 6.5]] ± 1e-12
        grad.b1: [-1, 13] ± 1e-12
        grad.W1: [[-1, -1], [13, 13]] ± 1e-12
        grad.x: [38, 54] ± 1e-12
        loss: [42.5] ± 1e-12
      """)
    #expect(o.status == .ok, "\(String(describing: o.error))")
    #expect(o.expectations.count == 5)
    for e in o.expectations { #expect(e.passed, "\(e.path): \(e.reason ?? "")") }
  }

  @Test func shapesThatDifferInElementsFail() {
    let o = Self.step(
      """
        grad.W1: [-1, -1, 13, 13] ± 1e-12
        grad.b1: [[-1], [13], [0]] ± 1e-12
        output: -0.5 ± 1e-12
        grad.x: ">= 0"
      """)
    #expect(o.expectations.count == 4)
    for e in o.expectations { #expect(!e.passed, "\(e.path) should fail") }
    #expect(o.expectations[0].reason == "expected a vector of 4, got 2×2 matrix")
    #expect(o.expectations[3].reason == "expected a number, got vector of 2")
  }
}
