import Tensor
import Testing

@testable import NeuralNet

@Suite struct OptimizerTests {
  /// dense 1->2 with W1 = [[1], [−2]], b1 = [0.5, 0]: parameters to step by hand.
  static func net() throws -> Network {
    var rng = RandomSource(seed: 0)
    return try Network(
      spec: NetworkSpec(
        layers: [.dense(DenseSpec(inputs: 1, outputs: 2, weights: mat([[1], [-2]]), biasValues: [0.5, 0]))],
        loss: LossFunction(kind: .mse)), inputSize: 1, rng: &rng)
  }

  static let g1: [String: Matrix] = ["W1": mat([[0.5], [-0.25]]), "b1": mat([[0.1, 0.2]])]
  static let g2: [String: Matrix] = ["W1": mat([[1], [1]]), "b1": mat([[-0.3, 0]])]

  @Test func sgd() throws {
    var net = try Self.net()
    var sgd = Optimizer(kind: .sgd, learningRate: 0.1)
    sgd.step(&net, gradients: Self.g1)
    // W − 0.1·g = [1 − 0.05, −2 + 0.025]
    #expect(close(net.parameter("W1") ?? mat([[]]), mat([[0.95], [-1.975]]), 1e-15))
    #expect(close(net.parameter("b1") ?? mat([[]]), mat([[0.49, -0.02]]), 1e-15))
  }

  @Test func momentumTwoSteps() throws {
    var net = try Self.net()
    var opt = Optimizer(kind: .momentum(beta: 0.9), learningRate: 0.1)
    opt.step(&net, gradients: Self.g1)
    // first step: v = g (PyTorch), W = [1 − 0.1·0.5, −2 + 0.1·0.25] = [0.95, −1.975]
    #expect(close(net.parameter("W1") ?? mat([[]]), mat([[0.95], [-1.975]]), 1e-15))
    opt.step(&net, gradients: Self.g2)
    // v = 0.9·[0.5, −0.25] + [1, 1] = [1.45, 0.775]; W = [0.95 − 0.145, −1.975 − 0.0775] = [0.805, −2.0525]
    #expect(close(net.parameter("W1") ?? mat([[]]), mat([[0.805], [-2.0525]]), 1e-15))
    // b: v = 0.9·[0.1, 0.2] + [−0.3, 0] = [−0.21, 0.18]; b = [0.49 + 0.021, −0.02 − 0.018]
    #expect(close(net.parameter("b1") ?? mat([[]]), mat([[0.511, -0.038]]), 1e-15))
  }

  @Test func adamTwoSteps() throws {
    var net = try Self.net()
    var opt = Optimizer(kind: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.1)
    opt.step(&net, gradients: Self.g1)
    // t = 1: m̂ = g, v̂ = g², step = lr·g/(|g| + ε): W₁₁ = 1 − 0.1·0.5/(0.5 + 1e−8)
    #expect(abs((net.parameter("W1")?[0, 0] ?? 0) - (1 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-15)
    #expect(abs((net.parameter("W1")?[0, 0] ?? 0) - 0.900000002) < 1e-15)
    #expect(abs((net.parameter("W1")?[1, 0] ?? 0) - (-1.9000000039999998)) < 1e-15)
    opt.step(&net, gradients: Self.g2)
    // t = 2, W₁₁: m = 0.9·0.05 + 0.1·1 = 0.145, v = 0.999·0.00025 + 0.001·1 = 0.00124975,
    // m̂ = 0.145/0.19, v̂ = 0.00124975/0.001999, W = 0.900000002 − 0.1·m̂/(√v̂ + ε)
    let mHat = 0.145 / (1 - 0.9 * 0.9)
    let vHat = 0.00124975 / (1 - 0.999 * 0.999)
    let expected = 0.900000002 - 0.1 * mHat / (vHat.squareRoot() + 1e-8)
    #expect(abs((net.parameter("W1")?[0, 0] ?? 0) - expected) < 1e-12)
    #expect(abs((net.parameter("W1")?[0, 0] ?? 0) - 0.8034818006385094) < 1e-12)
    #expect(abs((net.parameter("W1")?[1, 0] ?? 0) - (-1.9559503526363238)) < 1e-12)
    #expect(abs((net.parameter("b1")?[0, 0] ?? 0) - 0.4494189911200654) < 1e-12)
    // a zero gradient on step 2 still moves by the first moment.
    #expect(abs((net.parameter("b1")?[0, 1] ?? 0) - (-0.1670058156744416)) < 1e-12)
    #expect(opt.steps == 2)
  }

  @Test func preluAlphaIsUpdated() throws {
    var net = try network(["dense 1->1", "prelu(0.25)"], loss: LossFunction(kind: .mse))
    var sgd = Optimizer(kind: .sgd, learningRate: 0.5)
    sgd.step(&net, gradients: ["alpha1": mat([[0.1]])])
    #expect(net.parameter("alpha1") == mat([[0.2]]))
    guard case .activation(let layer) = net.layers[1] else {
      Issue.record("layer 2 is not an activation")
      return
    }
    #expect(layer.activation == .prelu(alpha: 0.2))
  }

  @Test func parseAndNames() throws {
    #expect(try OptimizerKind.parse("sgd") == .sgd)
    #expect(try OptimizerKind.parse("momentum(0.9)") == .momentum(beta: 0.9))
    #expect(try OptimizerKind.parse("momentum") == .momentum(beta: 0.9))
    #expect(try OptimizerKind.parse("adam") == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    #expect(try OptimizerKind.parse("adam(beta2=0.99)") == .adam(beta1: 0.9, beta2: 0.99, epsilon: 1e-8))
    #expect(OptimizerKind.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8).name == "adam")
    #expect(OptimizerKind.momentum(beta: 0.9).name == "momentum(0.9)")
    #expect(thrownError { _ = try OptimizerKind.parse("adm") }?.hint == "Did you mean 'adam'?")
    #expect(thrownError { _ = try OptimizerKind.parse("momentum(1.5)") }?.key == "optimizer")
  }

  @Test func trainingReducesTheLossOnXor() throws {
    // 2-4-1 tanh/sigmoid on the four XOR points, full batch, adam.
    var net = try network(
      ["dense 2->4", "tanh", "dense 4->1", "sigmoid"], loss: LossFunction(kind: .bce), seed: 2)
    let x = mat([[0, 0], [0, 1], [1, 0], [1, 1]])
    let t = mat([[0], [1], [1], [0]])
    var opt = Optimizer(kind: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.05)
    let start = try net.evaluate(x, target: t).loss
    for _ in 0..<400 {
      let back = try net.lossAndGradients(x, target: t, needsInputGradient: false)
      opt.step(&net, gradients: back.parameterGradients)
    }
    let end = try net.evaluate(x, target: t)
    #expect(end.loss < 0.1 * start)
    #expect(end.accuracy == 1)
  }
}

@Suite struct InPlaceUpdateTests {
  /// The address of W1's storage.
  static func weightsAddress(_ net: Network) -> UnsafeRawPointer? {
    guard case .dense(let d) = net.layers[0] else { return nil }
    return d.weights.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  @Test(arguments: [OptimizerKind.sgd, .momentum(beta: 0.9), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)])
  func aStepUpdatesWeightsWithoutCopyingThem(_ kind: OptimizerKind) throws {
    var net = try network(["dense 20->30", "relu", "dense 30->1"], loss: LossFunction(kind: .mse))
    var rng = RandomSource(seed: 1)
    let back = try net.lossAndGradients(randomMatrix(4, 20, &rng), target: randomMatrix(4, 1, &rng))
    let w1 = net.parameter("W1")
    var opt = Optimizer(kind: kind, learningRate: 0.1)
    opt.step(&net, gradients: back.parameterGradients)
    #expect(net.parameter("W1") != w1)  // the first step copies: w1 still shares the storage
    _ = consume w1
    let before = Self.weightsAddress(net)
    opt.step(&net, gradients: back.parameterGradients)
    #expect(before != nil)
    #expect(Self.weightsAddress(net) == before)
  }
}
