import Executor
import Foundation
import Testing

@Suite struct StepBlockTests {
  static let lecture = """
    ```{model mlp}
    layers:
      - dense: {in: 2, out: 2, weights: [[0.1, 0.2], [0.3, 0.4]], bias: [0.1, 0.2]}
      - relu
      - dense: {in: 2, out: 1, weights: [[0.5, 0.6]], bias: [0.3]}
      - sigmoid
    loss: bce
    ```

    ```{step s}
    model: mlp
    input: [1, 2]
    target: 1
    learning-rate: 0.1
    expect:
      loss: 0.2244056 ± 1e-6
    ```
    """

  @Test func lectureMLPStepAgainstHandComputation() throws {
    let outcomes = execute(StepBlockTests.lecture)
    #expect(outcomes.count == 2)
    let step = outcomes[1]
    #expect(step.status == .ok, "\(String(describing: step.error))")
    // Hand computation: z1 = W1 x + b1 = [0.6, 1.3]; a1 = relu(z1); z2 = 0.5·0.6 + 0.6·1.3 + 0.3 = 1.38.
    #expect(numbers(step, "forward.z1").elementsEqual([0.6, 1.3]) { abs($0 - $1) < 1e-15 })
    let z2 = try #require(number(step, "forward.z2"))
    #expect(abs(z2 - 1.38) < 1e-15)
    let y = 1 / (1 + exp(-1.38))
    #expect(abs((number(step, "output") ?? 0) - y) < 1e-15)
    #expect(abs((number(step, "loss") ?? 0) + log(y)) < 1e-15)
    // ∂L/∂z2 = ŷ − 1; ∂L/∂W2 = (ŷ − 1)·a1ᵀ; ∂L/∂b1 = (ŷ − 1)·W2ᵀ ⊙ 1[z1 > 0].
    let dz2 = y - 1
    #expect(abs((number(step, "backward.dz2") ?? 0) - dz2) < 1e-15)
    let gW2 = numbers(step, "grad.W2")
    #expect(abs(gW2[0] - dz2 * 0.6) < 1e-15)
    #expect(abs(gW2[1] - dz2 * 1.3) < 1e-15)
    let gW1 = numbers(step, "grad.W1")
    let expected = [dz2 * 0.5 * 1, dz2 * 0.5 * 2, dz2 * 0.6 * 1, dz2 * 0.6 * 2]
    for (a, b) in zip(gW1, expected) { #expect(abs(a - b) < 1e-15) }
    #expect(abs((number(step, "new.b2") ?? 0) - (0.3 - 0.1 * dz2)) < 1e-15)
    #expect(number(step, "kinks") == 0)
    try #require(step.expectations.count == 1)
    #expect(step.expectations[0].passed)
  }

  @Test func stepDoesNotChangeTheModelUnlessApplied() throws {
    let text =
      StepBlockTests.lecture + """


        ```{step again}
        model: mlp
        input: [1, 2]
        target: 1
        ```

        ```{step apply}
        model: mlp
        input: [1, 2]
        target: 1
        learning-rate: 0.1
        apply: true
        ```

        ```{step after}
        model: mlp
        input: [1, 2]
        target: 1
        ```
        """
    let o = execute(text)
    #expect(number(o[2], "loss") == number(o[1], "loss"))
    #expect(number(o[3], "loss") == number(o[1], "loss"))
    let after = try #require(number(o[4], "loss"))
    #expect(after < (number(o[1], "loss") ?? 0))
  }

  @Test func errorsAreReportedAtTheirLineAndLaterBlocksStillRun() throws {
    let text = """
      ```{model bad}
      layers: [dense 2->2, sigmod]
      loss: bce
      ```

      ```{step}
      model: bad
      input: [1, 2]
      target: 1
      ```

      ```{step}
      model: nothere
      input: [1, 2]
      target: 1
      ```

      ```{graph}
      x = 2
      y = x * 3
      ```
      """
    let o = execute(text)
    #expect(o[0].status == .error)
    #expect(o[0].error?.position.line == 2)
    #expect(o[0].error?.hint?.contains("sigmoid") == true)
    #expect(o[1].status == .skipped)
    #expect(o[2].status == .error)
    #expect(o[2].error?.position.line == 13)
    #expect(o[3].status == .ok)
    #expect(number(o[3], "dy/dx") == 3)
  }

  @Test func forwardReferenceIsAnErrorNamingWhereTheBlockIs() {
    let text = """
      ```{step}
      model: later
      input: [1]
      target: 1
      ```

      ```{model later}
      layers: [dense 1->1, sigmoid]
      loss: bce
      ```
      """
    let o = execute(text)
    #expect(o[0].status == .error)
    #expect(o[0].error?.message.contains("line 7") == true)
    #expect(o[1].status == .ok)
  }

  @Test func denseInputMismatchNamesBothSizes() {
    let text = """
      ```{model m}
      layers: [dense 3->2, relu, dense 2->1, sigmoid]
      loss: bce
      ```

      ```{step}
      model: m
      input: [[1, 2], [3, 4]]
      target: [1, 0]
      ```
      """
    let o = execute(text)
    #expect(o[1].status == .error)
    let message = o[1].error?.message ?? ""
    #expect(message.contains("2"))
    #expect(message.contains("3"))
  }
}
