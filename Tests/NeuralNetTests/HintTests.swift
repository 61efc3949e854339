import Tensor
import Testing

@testable import NeuralNet

/// Hints are full sentences: a capital letter (or a name such as `sse`) first, and a final
/// period or question mark, as in the Notebook target.
@Suite struct HintTests {
  static func isSentence(_ hint: String) -> Bool {
    guard let first = hint.first, let last = hint.last else { return false }
    return (first.isUppercase || hint.hasPrefix("leaky") || hint.hasPrefix("prelu") || hint.hasPrefix("elu"))
      && (last == "." || last == "?")
  }

  @Test func hintsAreSentences() throws {
    let mse = LossFunction(kind: .mse)
    let bce = LossFunction(kind: .bce)
    var rng = RandomSource(seed: 0)
    let cases: [(String, NeuralNetError?)] = [
      ("no layers", thrownError { _ = try network([], loss: mse) }),
      ("sizes", thrownError { _ = try network(["dense 2->3", "dense 2->1"], loss: mse) }),
      ("bce output", thrownError { _ = try network(["dense 2->1"], loss: bce) }),
      (
        "cross-entropy",
        thrownError { _ = try network(["dense 2->1"], loss: LossFunction(kind: .crossEntropy)) }
      ),
      (
        "weights",
        thrownError {
          _ = try Network(
            spec: NetworkSpec(
              layers: [.dense(DenseSpec(inputs: 2, outputs: 1, weights: mat([[1], [2]])))], loss: mse),
            inputSize: nil, rng: &rng)
        }
      ),
      (
        "bias",
        thrownError {
          _ = try Network(
            spec: NetworkSpec(
              layers: [.dense(DenseSpec(inputs: 2, outputs: 1, biasValues: [1, 2]))], loss: mse),
            inputSize: nil, rng: &rng)
        }
      ),
      ("init value", thrownError { _ = try Initializer.parse("normal") }),
      ("dense syntax", thrownError { _ = try LayerSpec.parseCompact("dense 2-3") }),
      ("no parameters", thrownError { _ = try Activation.parse("relu(0.1)") }),
      ("too many", thrownError { _ = try Activation.parse("elu(1, 2)") }),
      ("parentheses", thrownError { _ = try Activation.parse("elu((1)") }),
      ("reduction", thrownError { _ = try LossFunction.parse(name: "mse", options: ["reduction": "max"]) }),
      ("sse", thrownError { _ = try LossFunction.parse(name: "sse", options: ["reduction": "mean"]) }),
      ("regularizer strength", thrownError { _ = try Regularizer.parse("l2") }),
      (
        "bce target",
        thrownError { try bce.validate(output: mat([[0.5]]), target: mat([[2]])) }
      ),
      (
        "hinge target",
        thrownError { try LossFunction(kind: .hinge).validate(output: mat([[0.5]]), target: mat([[2]])) }
      ),
      (
        "class index",
        thrownError {
          try LossFunction(kind: .crossEntropy).validate(output: mat([[0.5, 0.5]]), target: mat([[3]]))
        }
      ),
      ("target shape", thrownError { try mse.validate(output: mat([[0.5]]), target: mat([[1, 2]])) }),
      (
        "input",
        thrownError { try network(["dense 2->1"], loss: mse).checkInput(mat([[1, 2, 3]])) }
      ),
    ]
    for (name, error) in cases {
      let e = try #require(error, "\(name): no error")
      let hint = try #require(e.hint, "\(name): no hint (\(e.message))")
      #expect(Self.isSentence(hint), "\(name): '\(hint)'")
    }
  }
}
