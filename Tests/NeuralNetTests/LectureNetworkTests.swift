import Foundation
import Tensor
import Testing

@testable import NeuralNet

/// The worked examples of the lecture handouts, to the printed precision and beyond.
@Suite struct LectureNetworkTests {
  /// Lecture 003 §8: 2-2-1 MLP, relu hidden layer, sigmoid output, BCE.
  static func lectureMLP(
    w1: [[Double]], b1: [Double], w2: [[Double]], b2: [Double]
  ) throws -> Network {
    let spec = NetworkSpec(
      layers: [
        .dense(DenseSpec(inputs: 2, outputs: 2, weights: mat(w1), biasValues: b1)), .activation(.relu),
        .dense(DenseSpec(inputs: 2, outputs: 1, weights: mat(w2), biasValues: b2)), .activation(.sigmoid),
      ], loss: LossFunction(kind: .bce))
    var rng = RandomSource(seed: 0)
    return try Network(spec: spec, inputSize: 2, rng: &rng)
  }

  @Test func lecture003ForwardBackwardAndUpdate() throws {
    var net = try Self.lectureMLP(
      w1: [[0.1, 0.2], [0.3, 0.4]], b1: [0.1, 0.2], w2: [[0.5, 0.6]], b2: [0.3])
    let x = mat([[1, 2]])
    let t = mat([[1]])
    let pass = net.forward(x)
    #expect(close(pass.layerOutputs[0], mat([[0.6, 1.3]]), 1e-15))  // z1
    #expect(close(pass.layerOutputs[1], mat([[0.6, 1.3]]), 1e-15))  // a1 = relu(z1)
    #expect(abs(pass.layerOutputs[2].storage[0] - 1.38) < 1e-15)  // z2
    // ŷ = σ(1.38); the handout rounds it to 0.7986.
    #expect(abs(pass.output.storage[0] - 0.7989910002494707) < 1e-15)
    let back = try net.backward(pass, target: t)
    #expect(abs(back.loss - 0.2244056) < 1e-6)
    #expect(abs(back.loss - 0.22440559704717059) < 1e-14)
    #expect(abs(back.outputGradients[3].storage[0] - (-1 / 0.7989910002494707)) < 1e-12)  // ∂L/∂ŷ
    #expect(abs(back.outputGradients[2].storage[0] - (0.7989910002494707 - 1)) < 1e-15)  // ∂L/∂z2 = ŷ − y
    let w1Gradient = try #require(back.parameterGradients["W1"])
    #expect(close(w1Gradient, mat([[-0.1005045, -0.2010090], [-0.1206054, -0.2412108]]), 1e-7))
    #expect(close(try #require(back.parameterGradients["W2"]), mat([[-0.1206054, -0.2613117]]), 1e-7))
    #expect(close(try #require(back.parameterGradients["b1"]), mat([[-0.1005045, -0.1206054]]), 1e-7))
    #expect(back.kinks == 0)
    var sgd = Optimizer(kind: .sgd, learningRate: 0.1)
    sgd.step(&net, gradients: back.parameterGradients)
    #expect(abs((net.parameter("b2")?.storage[0] ?? 0) - 0.3201009) < 1e-7)
    #expect(
      close(
        net.parameter("W1") ?? mat([[]]), mat([[0.11005045, 0.2201009], [0.31206054, 0.42412108]]), 1e-8))
  }

  @Test func lecture003Exercise5() throws {
    var net = try Self.lectureMLP(
      w1: [[0.2, 0.3], [0.4, 0.5]], b1: [0.2, 0.3], w2: [[0.6, 0.7]], b2: [0.4])
    let back = try net.lossAndGradients(mat([[2, 1]]), target: mat([[1]]))
    var sgd = Optimizer(kind: .sgd, learningRate: 0.1)
    sgd.step(&net, gradients: back.parameterGradients)
    let b2 = net.parameter("b2")?.storage[0] ?? 0
    #expect(abs(b2 - 0.4113046) < 1e-7)
    #expect((b2 * 1000).rounded() / 1000 == 0.411)  // answer (a), 0.4113
  }

  @Test func lecture003LogisticRegressionAtX50() throws {
    // z = wx + b = 0, ŷ = 0.5, L = ln 2, ∂L/∂w = (ŷ − y)x = −25.
    let spec = NetworkSpec(
      layers: [
        .dense(DenseSpec(inputs: 1, outputs: 1, weights: mat([[0]]), biasValues: [0])), .activation(.sigmoid),
      ],
      loss: LossFunction(kind: .bce))
    var rng = RandomSource(seed: 0)
    let net = try Network(spec: spec, inputSize: 1, rng: &rng)
    let back = try net.lossAndGradients(mat([[50]]), target: mat([[1]]))
    #expect(abs(back.loss - log(2.0)) < 1e-15)
    #expect(back.parameterGradients["W1"] == mat([[-25]]))
    #expect(back.parameterGradients["b1"] == mat([[-0.5]]))
  }

  /// 2 → 2 → 2 → 1 with leaky-relu(0.1) after the first two dense layers,
  /// identity output, mse; every number below is worked by hand.
  static func leakyNetwork() throws -> Network {
    let spec = NetworkSpec(
      layers: [
        .dense(
          DenseSpec(inputs: 2, outputs: 2, weights: mat([[0.5, 1], [1, 0.25]]), biasValues: [0, 0.5])),
        .activation(.leakyReLU(slope: 0.1)),
        .dense(
          DenseSpec(inputs: 2, outputs: 2, weights: mat([[1, 2], [-0.5, 0.5]]), biasValues: [0.25, -1])),
        .activation(.leakyReLU(slope: 0.1)),
        .dense(DenseSpec(inputs: 2, outputs: 1, weights: mat([[0.5, -2]]), biasValues: [0.1])),
      ], loss: LossFunction(kind: .mse))
    var rng = RandomSource(seed: 0)
    return try Network(spec: spec, inputSize: 2, rng: &rng)
  }

  @Test func threeLayerLeakyNetworkByHand() throws {
    let net = try Self.leakyNetwork()
    let x = mat([[1, -2]])
    let pass = net.forward(x)
    // z1 = [0.5·1 + 1·(−2) + 0, 1·1 + 0.25·(−2) + 0.5] = [−1.5, 1]
    #expect(close(pass.layerOutputs[0], mat([[-1.5, 1]]), 1e-12))
    // a1 = [0.1·(−1.5), 1] = [−0.15, 1]
    #expect(close(pass.layerOutputs[1], mat([[-0.15, 1]]), 1e-12))
    // z2 = [1·(−0.15) + 2·1 + 0.25, −0.5·(−0.15) + 0.5·1 − 1] = [2.1, −0.425]
    #expect(close(pass.layerOutputs[2], mat([[2.1, -0.425]]), 1e-12))
    // a2 = [2.1, −0.0425]
    #expect(close(pass.layerOutputs[3], mat([[2.1, -0.0425]]), 1e-12))
    // z3 = 0.5·2.1 + (−2)·(−0.0425) + 0.1 = 1.05 + 0.085 + 0.1 = 1.235
    #expect(abs(pass.output.storage[0] - 1.235) < 1e-12)
    let back = try net.backward(pass, target: mat([[1]]))
    // L = (1.235 − 1)² = 0.055225; ∂L/∂z3 = 2·0.235 = 0.47
    #expect(abs(back.loss - 0.055225) < 1e-12)
    #expect(abs(back.outputGradients[4].storage[0] - 0.47) < 1e-12)
    // ∂L/∂W3 = 0.47·a2 = [0.987, −0.019975]; ∂L/∂b3 = 0.47
    #expect(close(back.parameterGradients["W3"] ?? mat([[]]), mat([[0.987, -0.019975]]), 1e-12))
    #expect(close(back.parameterGradients["b3"] ?? mat([[]]), mat([[0.47]]), 1e-12))
    // ∂L/∂a2 = 0.47·W3 = [0.235, −0.94]; ∂L/∂z2 = [0.235·1, −0.94·0.1] = [0.235, −0.094]
    #expect(close(back.outputGradients[3], mat([[0.235, -0.94]]), 1e-12))
    #expect(close(back.outputGradients[2], mat([[0.235, -0.094]]), 1e-12))
    // ∂L/∂W2 = ∂L/∂z2ᵀ·a1 = [[0.235·(−0.15), 0.235·1], [−0.094·(−0.15), −0.094·1]]
    #expect(
      close(back.parameterGradients["W2"] ?? mat([[]]), mat([[-0.03525, 0.235], [0.0141, -0.094]]), 1e-12))
    #expect(close(back.parameterGradients["b2"] ?? mat([[]]), mat([[0.235, -0.094]]), 1e-12))
    // ∂L/∂a1 = ∂L/∂z2·W2 = [0.235·1 + (−0.094)(−0.5), 0.235·2 + (−0.094)(0.5)] = [0.282, 0.423]
    #expect(close(back.outputGradients[1], mat([[0.282, 0.423]]), 1e-12))
    // ∂L/∂z1 = [0.282·0.1, 0.423·1] = [0.0282, 0.423]
    #expect(close(back.outputGradients[0], mat([[0.0282, 0.423]]), 1e-12))
    // ∂L/∂W1 = ∂L/∂z1ᵀ·x = [[0.0282, −0.0564], [0.423, −0.846]]; ∂L/∂b1 = [0.0282, 0.423]
    #expect(
      close(back.parameterGradients["W1"] ?? mat([[]]), mat([[0.0282, -0.0564], [0.423, -0.846]]), 1e-12))
    #expect(close(back.parameterGradients["b1"] ?? mat([[]]), mat([[0.0282, 0.423]]), 1e-12))
    // ∂L/∂x = ∂L/∂z1·W1 = [0.0282·0.5 + 0.423·1, 0.0282·1 + 0.423·0.25] = [0.4371, 0.13395]
    #expect(close(back.inputGradient, mat([[0.4371, 0.13395]]), 1e-12))
    #expect(back.kinks == 0)
  }

  @Test func aBatchAveragesPerSampleGradients() throws {
    let net = try Self.leakyNetwork()
    let a = mat([[1, -2]])
    let b = mat([[0.3, 0.7]])
    let both = try net.lossAndGradients(mat([[1, -2], [0.3, 0.7]]), target: mat([[1], [0]]))
    let first = try net.lossAndGradients(a, target: mat([[1]]))
    let second = try net.lossAndGradients(b, target: mat([[0]]))
    #expect(abs(both.loss - (first.loss + second.loss) / 2) < 1e-15)
    for name in net.parameterNames {
      let average =
        0.5 * ((first.parameterGradients[name] ?? mat([[]])) + (second.parameterGradients[name] ?? mat([[]])))
      #expect(close(both.parameterGradients[name] ?? mat([[]]), average, 1e-15), "\(name)")
    }
  }

  @Test func kinksAreCountedAndUseTheConvention() throws {
    // z1 = W1·x + b1 = [1·1 − 1, 0.5] → relu input exactly 0 in the first unit.
    let spec = NetworkSpec(
      layers: [
        .dense(DenseSpec(inputs: 1, outputs: 2, weights: mat([[1], [1]]), biasValues: [-1, -0.5])),
        .activation(.relu),
        .dense(DenseSpec(inputs: 2, outputs: 1, weights: mat([[1, 1]]), biasValues: [0])),
      ], loss: LossFunction(kind: .hinge), regularizer: .l1(0.1))
    var rng = RandomSource(seed: 0)
    let net = try Network(spec: spec, inputSize: 1, rng: &rng)
    let back = try net.lossAndGradients(mat([[1]]), target: mat([[1]]))
    // output = 0 + 0.5 = 0.5, margin 0.5 < 1 → ∂L/∂y = −1; relu'(0) = 0 blocks the first unit.
    #expect(back.parameterGradients["b1"] == mat([[0, -1]]))
    #expect(back.kinks == 1)
    // a margin of exactly 1 is another kink, with gradient 0
    // x = 1.25: z1 = [0.25, 0.75], output 0.25 + 0.75 = 1 exactly.
    let atMargin = try net.lossAndGradients(mat([[1.25]]), target: mat([[1]]))
    #expect(atMargin.dataLoss == 0)
    #expect(atMargin.kinks == 1)
    #expect(atMargin.parameterGradients["b2"] == mat([[0]]))
  }
}
