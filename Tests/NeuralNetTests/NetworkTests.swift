import Tensor
import Testing

@testable import NeuralNet

@Suite struct NetworkTests {
  @Test func parameterNamesShapesAndCount() throws {
    let net = try network(
      ["dense 2->3", "prelu", "dense 3->1 nobias", "prelu(alpha=0.1)"], loss: LossFunction(kind: .mse))
    #expect(net.parameterNames == ["W1", "b1", "alpha1", "W2", "alpha2"])
    #expect(net.parameterCount == 6 + 3 + 1 + 3 + 1)
    #expect(net.inputSize == 2)
    #expect(net.outputSize == 1)
    #expect(net.parameter("W1")?.shapeDescription == "3×2")
    #expect(net.parameter("b1") == Matrix(rows: 1, cols: 3))  // biases start at 0
    #expect(net.parameter("alpha1") == mat([[0.25]]))
    #expect(net.parameter("alpha2") == mat([[0.1]]))
    #expect(net.parameter("b2") == nil)
    let back = try net.lossAndGradients(mat([[0.5, -1], [2, 0.3]]), target: mat([[1], [0]]))
    #expect(Set(back.parameterGradients.keys) == Set(net.parameterNames))
    for name in net.parameterNames {
      #expect(back.parameterGradients[name]?.shapeDescription == net.parameter(name)?.shapeDescription)
    }
    #expect(back.outputGradients.count == 4)
    #expect(back.inputGradient.shapeDescription == "2×2")
  }

  @Test func summaryRows() throws {
    let net = try network(["dense 2->3 init=he", "tanh", "dense ->1 nobias"], loss: LossFunction(kind: .mse))
    let rows = net.summary
    #expect(rows.map(\.description) == ["dense 2->3", "tanh", "dense 3->1 nobias"])
    #expect(rows.map(\.parameterCount) == [9, 0, 3])
    #expect(rows.map(\.initialization) == ["he", nil, "xavier"])
    #expect(rows[0].parameters == "W1 3×2, b1 3")
    #expect(rows[1].inputs == 3)
    #expect(rows[1].outputs == 3)
  }

  @Test func setParameterChecksShapesAndAcceptsBiasColumns() throws {
    var net = try network(["dense 2->2", "relu", "dense 2->1"], loss: LossFunction(kind: .mse))
    try net.setParameter("W1", mat([[1, 2], [3, 4]]))
    #expect(net.parameter("W1") == mat([[1, 2], [3, 4]]))
    try net.setParameter("b1", Matrix(column: [5, 6]))
    #expect(net.parameter("b1") == mat([[5, 6]]))
    let shape = thrownError { try net.setParameter("W2", mat([[1, 2, 3]])) }
    #expect(shape?.message == "W2 is 1×2 but the new value is 1×3")
    #expect(thrownError { try net.setParameter("W3", mat([[1]])) }?.hint == "Did you mean 'W1'?")
  }

  @Test func aCopyIsIndependent() throws {
    let original = try network(["dense 2->2", "tanh", "dense 2->1"], loss: LossFunction(kind: .mse))
    var copy = original
    let before = original.parameter("W1")
    var sgd = Optimizer(kind: .sgd, learningRate: 0.5)
    let back = try copy.lossAndGradients(mat([[1, 2]]), target: mat([[3]]))
    sgd.step(&copy, gradients: back.parameterGradients)
    #expect(original.parameter("W1") == before)
    #expect(copy.parameter("W1") != before)
  }

  @Test func initializationIsDeterministicAndExplicitValuesOverride() throws {
    let a = try network(["dense 3->4", "relu", "dense 4->2"], loss: LossFunction(kind: .mse), seed: 17)
    let b = try network(["dense 3->4", "relu", "dense 4->2"], loss: LossFunction(kind: .mse), seed: 17)
    let c = try network(["dense 3->4", "relu", "dense 4->2"], loss: LossFunction(kind: .mse), seed: 18)
    #expect(a.parameter("W1") == b.parameter("W1"))
    #expect(a.parameter("W2") == b.parameter("W2"))
    #expect(a.parameter("W1") != c.parameter("W1"))
    // W1 is drawn first, then W2, from the one generator, in row-major order.
    var rng = RandomSource(seed: 17)
    let w1 = Initializer.xavier.weights(out: 4, in: 3, rng: &rng)
    let w2 = Initializer.xavier.weights(out: 2, in: 4, rng: &rng)
    #expect(a.parameter("W1") == w1)
    #expect(a.parameter("W2") == w2)
    let zeros = try network(
      ["dense 3->4", "relu", "dense 4->2 init=constant(0.5)"], loss: LossFunction(kind: .mse),
      initializer: .zeros)
    #expect(zeros.parameter("W1") == Matrix(rows: 4, cols: 3))
    #expect(zeros.parameter("W2") == Matrix(rows: 2, cols: 4, repeating: 0.5))
    #expect(zeros.parameter("b2") == Matrix(rows: 1, cols: 2))
  }

  @Test func inputSizeIsInferred() throws {
    let fromLayer = try network(["dense 3->2"], loss: LossFunction(kind: .mse))
    #expect(fromLayer.inputSize == 3)
    let fromData = try network(
      ["tanh", "dense ->2", "relu", "dense ->1"], loss: LossFunction(kind: .mse), inputSize: 5)
    #expect(
      fromData.parameter("W1")?.shapeDescription == "2×5"
        && fromData.parameter("W2")?.shapeDescription == "1×2")
    var rng = RandomSource(seed: 0)
    let fromWeights = try Network(
      spec: NetworkSpec(
        layers: [.dense(DenseSpec(outputs: 1, weights: mat([[1, 2, 3]])))], loss: LossFunction(kind: .mse)),
      inputSize: nil, rng: &rng)
    #expect(fromWeights.inputSize == 3)
  }

  @Test func validationErrorsNameSizesLayersAndKeys() {
    let mse = LossFunction(kind: .mse)
    let data = thrownError { _ = try network(["dense 2->3"], loss: mse, inputSize: 3) }
    #expect(data?.message == "dense layer 1 expects in = 2, but the data has 3 features")
    #expect(data?.layerIndex == 0)
    #expect(data?.key == "in")
    let chain = thrownError { _ = try network(["dense 2->3", "relu", "dense 4->1"], loss: mse) }
    #expect(
      chain?.message == "dense layer 2 (item 3 of layers) expects in = 4, but dense layer 1 gives 3 outputs")
    #expect(chain?.layerIndex == 2)
    #expect(chain?.key == "in")
    #expect(chain?.hint == "Set in: 3 on dense layer 2, or drop in to infer it.")
    // The review's example: [dense 2->3, tanh, dense 2->1, sigmoid].
    let review = thrownError { _ = try network(["dense 2->3", "tanh", "dense 2->1", "sigmoid"], loss: mse) }
    #expect(
      review?.message == "dense layer 2 (item 3 of layers) expects in = 2, but dense layer 1 gives 3 outputs")

    var rng = RandomSource(seed: 0)
    let weights = thrownError {
      _ = try Network(
        spec: NetworkSpec(
          layers: [.dense(DenseSpec(inputs: 2, outputs: 2, weights: mat([[1, 2, 3], [4, 5, 6]])))], loss: mse),
        inputSize: 2, rng: &rng)
    }
    #expect(weights?.message == "dense layer 1: weights are 2×3 but out × in is 2×2")
    #expect(weights?.key == "weights")
    #expect(weights?.layerIndex == 0)
    let bias = thrownError {
      _ = try Network(
        spec: NetworkSpec(
          layers: [.activation(.tanh), .dense(DenseSpec(inputs: 2, outputs: 2, biasValues: [1, 2, 3]))],
          loss: mse),
        inputSize: 2, rng: &rng)
    }
    #expect(bias?.message == "dense layer 1 (item 2 of layers): bias has 3 values but out = 2")
    #expect(bias?.key == "bias")
    #expect(bias?.layerIndex == 1)
    let empty = thrownError { _ = try network(["dense 2->0"], loss: mse) }
    #expect(
      empty?.key == "out" && empty?.message == "dense layer 1 has out = 0; a layer needs at least one unit")
    // A zero-sized layer is reported at the layer, before the data's width is looked at.
    let noInputs = thrownError { _ = try network(["dense 0->2"], loss: mse, inputSize: 0) }
    #expect(noInputs?.message == "dense layer 1 has in = 0; a layer needs at least one input")
    #expect(noInputs?.key == "in")
    #expect(noInputs?.layerIndex == 0)
    let later = thrownError {
      _ = try network(["dense 2->2", "relu", "dense 2->0"], loss: mse, inputSize: 3)
    }
    #expect(later?.message == "dense layer 2 (item 3 of layers) has out = 0; a layer needs at least one unit")
    #expect(thrownError { _ = try network(["tanh", "dense ->2"], loss: mse) }?.key == "in")
    #expect(thrownError { _ = try network([], loss: mse) }?.key == "layers")
    let bce = thrownError { _ = try network(["dense 2->1"], loss: LossFunction(kind: .bce)) }
    #expect(bce?.key == "loss")
    #expect(bce?.hint?.contains("bce-logits") == true)
    #expect(
      thrownError { _ = try network(["dense 2->1"], loss: LossFunction(kind: .crossEntropy)) }?.key == "loss")
    let input = thrownError {
      _ = try network(["dense 2->1"], loss: mse).lossAndGradients(mat([[1, 2, 3]]), target: mat([[1]]))
    }
    #expect(input?.message == "the input has 3 features per sample but the model takes 2")
  }

  @Test func finalSoftmaxWithCrossEntropyIsNotAppliedTwice() throws {
    let ce = LossFunction(kind: .crossEntropy)
    let raw = try network(["dense 3->4", "tanh", "dense 4->3"], loss: ce, seed: 4)
    var soft = try network(["dense 3->4", "tanh", "dense 4->3", "softmax"], loss: ce, seed: 4)
    for name in raw.parameterNames { try soft.setParameter(name, raw.parameter(name) ?? mat([[]])) }
    let x = mat([[0.1, -0.4, 2], [1, 1, -1]])
    let t = Matrix(column: [2, 0])
    let a = try raw.lossAndGradients(x, target: t)
    let b = try soft.lossAndGradients(x, target: t)
    #expect(abs(a.loss - b.loss) < 1e-15)
    for name in raw.parameterNames {
      #expect(close(a.parameterGradients[name] ?? mat([[]]), b.parameterGradients[name] ?? mat([[]]), 1e-15))
    }
    // ∂L/∂p = −t/(N·p) at the softmax output.
    let p = soft.forward(x).output
    #expect(abs(b.outputGradients[3][0, 2] - (-0.5 / p[0, 2])) < 1e-12)
    #expect(b.outputGradients[3][0, 0] == 0)
    #expect(try soft.evaluate(x, target: t).accuracy == raw.evaluate(x, target: t).accuracy)
  }

  @Test func evaluateMatchesTheBackwardLoss() throws {
    let net = try network(
      ["dense 2->3", "relu", "dense 3->1", "sigmoid"], loss: LossFunction(kind: .bce), regularizer: .l2(0.1))
    let x = mat([[1, 2], [-1, 0.5], [0, 3]])
    let t = mat([[1], [0], [1]])
    let e = try net.evaluate(x, target: t)
    let back = try net.lossAndGradients(x, target: t)
    #expect(
      e.loss == back.loss && e.dataLoss == back.dataLoss && e.regularizationLoss == back.regularizationLoss)
    let w1 = net.parameter("W1") ?? mat([[]])
    let w2 = net.parameter("W2") ?? mat([[]])
    #expect(abs(e.regularizationLoss - 0.05 * (w1.squaredNorm() + w2.squaredNorm())) < 1e-15)
    #expect(e.accuracy != nil)
    let skipped = try net.lossAndGradients(x, target: t, needsInputGradient: false)
    #expect(skipped.inputGradient.count == 0)
    #expect(skipped.parameterGradients == back.parameterGradients)
  }

  @Test func inputGradientMatchesCentralDifferences() throws {
    let net = try network(
      ["dense 3->4", "gelu", "dense 4->2", "softmax"], loss: LossFunction(kind: .mse), seed: 8)
    var rng = RandomSource(seed: 8)
    let x = randomMatrix(2, 3, &rng)
    let t = randomMatrix(2, 2, &rng, 0, 1)
    let analytic = try net.lossAndGradients(x, target: t).inputGradient
    let numeric = numericGradient(x) { (try? net.evaluate($0, target: t).loss) ?? .nan }
    #expect(relativeError(analytic, numeric) < 1e-7)
  }
}
