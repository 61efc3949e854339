import Executor
import Foundation
import Testing

@Suite struct TrainAndStepTests {
  /// x = [1, -2]; W1 = [[0.5, 0.25], [-1, 0.5]], b1 = [0.1, -0.2]; leaky-relu(0.1);
  /// W2 = [[2, -1]], b2 = [0.3]; leaky-relu(0.1); W3 = [[1.5]], b3 = [-0.5]; identity;
  /// loss ½(y − t)² with t = 1, learning rate 0.1.
  @Test func threeLayerLeakyReLUStepMatchesAHandComputation() throws {
    let text = """
      ```{model m}
      layers:
        - dense: {in: 2, out: 2, weights: [[0.5, 0.25], [-1, 0.5]], bias: [0.1, -0.2]}
        - leaky-relu(0.1)
        - dense: {in: 2, out: 1, weights: [[2, -1]], bias: [0.3]}
        - leaky-relu(0.1)
        - dense: {in: 1, out: 1, weights: [[1.5]], bias: [-0.5]}
      loss: {mse: {scale: 0.5, reduction: sum}}
      ```

      ```{step s}
      model: m
      input: [1, -2]
      target: 1
      learning-rate: 0.1
      ```
      """
    let o = execute(text)[1]
    #expect(o.status == .ok, "\(String(describing: o.error))")
    // z1 = W1 x + b1 = [0.5 − 0.5 + 0.1, −1 − 1 − 0.2] = [0.1, −2.2]; a1 = [0.1, −0.22]
    let z1 = numbers(o, "forward.z1")
    #expect(abs(z1[0] - 0.1) < 1e-12)
    #expect(abs(z1[1] + 2.2) < 1e-12)
    let a1 = numbers(o, "forward.a1")
    #expect(abs(a1[0] - 0.1) < 1e-12)
    #expect(abs(a1[1] + 0.22) < 1e-12)
    // z2 = 2·0.1 − (−0.22) + 0.3 = 0.72; a2 = 0.72; y = 1.5·0.72 − 0.5 = 0.58
    #expect(abs((number(o, "forward.z2") ?? 0) - 0.72) < 1e-12)
    #expect(abs((number(o, "output") ?? 0) - 0.58) < 1e-12)
    // L = ½(0.58 − 1)² = 0.0882; ∂L/∂y = −0.42
    #expect(abs((number(o, "loss") ?? 0) - 0.0882) < 1e-12)
    // ∂L/∂W3 = −0.42·0.72 = −0.3024; ∂L/∂z2 = −0.42·1.5·1 = −0.63 (z2 > 0)
    #expect(abs((number(o, "grad.W3") ?? 0) + 0.3024) < 1e-12)
    #expect(abs((number(o, "backward.dz2") ?? 0) + 0.63) < 1e-12)
    // ∂L/∂a1 = W2ᵀ·(−0.63) = [−1.26, 0.63]; ∂L/∂z1 = [−1.26·1, 0.63·0.1] = [−1.26, 0.063]
    let dz1 = numbers(o, "backward.dz1")
    #expect(abs(dz1[0] + 1.26) < 1e-12)
    #expect(abs(dz1[1] - 0.063) < 1e-12)
    // ∂L/∂W1 = dz1 ⊗ x = [[−1.26, 2.52], [0.063, −0.126]]
    let gW1 = numbers(o, "grad.W1")
    for (a, b) in zip(gW1, [-1.26, 2.52, 0.063, -0.126]) { #expect(abs(a - b) < 1e-12) }
    // new b1 = b1 − 0.1·dz1 = [0.226, −0.2063]
    let b1 = numbers(o, "new.b1")
    #expect(abs(b1[0] - 0.226) < 1e-12)
    #expect(abs(b1[1] + 0.2063) < 1e-12)
    #expect(number(o, "kinks") == 0)
  }

  @Test func divergenceIsReportedNotThrownAndTheNotebookGoesOn() throws {
    let text = """
      ```{data d}
      source: table
      x: [[1, 2], [2, 1], [3, 3], [-1, 0]]
      y: [1, 2, 3, 0]
      ```

      ```{model m}
      layers: [dense 2->4, relu, dense 4->1]
      loss: mse
      init: he
      ```

      ```{train t}
      model: m
      data: d
      learning-rate: 1000
      epochs: 50
      ```

      ```{graph g}
      x = 1
      y = 2 * x
      ```
      """
    let o = execute(text)
    #expect(o[2].status == .ok)
    #expect(o[2].results["diverged"] == .bool(true))
    let run = try #require(number(o[2], "epochs-run"))
    #expect(run < 50)
    #expect(
      o[2].content.contains {
        if case .note(let n) = $0 { return n.contains("Diverged") } else { return false }
      })
    #expect(o[3].status == .ok)
  }

  @Test func trainingOnSeparableDataReachesFullAccuracyAndLeavesTheModelUnchanged() throws {
    let text = """
      ```{data d}
      source: gaussian
      classes:
        - {mean: [-3, -3], cov: [[0.2, 0], [0, 0.2]], n: 40}
        - {mean: [3, 3], cov: [[0.2, 0], [0, 0.2]], n: 40}
      split: {train: 0.75, test: 0.25}
      ```

      ```{model m}
      layers: [dense 2->4, tanh, dense 4->1, sigmoid]
      loss: bce
      ```

      ```{step before}
      model: m
      input: [1, 1]
      target: 1
      ```

      ```{train t}
      model: m
      data: d
      learning-rate: 0.5
      batch: 8
      epochs: 30
      ```

      ```{step after}
      model: m
      input: [1, 1]
      target: 1
      ```
      """
    let o = execute(text)
    #expect(number(o[3], "train.accuracy") == 1)
    #expect(number(o[3], "test.accuracy") == 1)
    #expect(number(o[2], "loss") == number(o[4], "loss"))
  }
}
