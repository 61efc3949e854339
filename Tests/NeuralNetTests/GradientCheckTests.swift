import Tensor
import Testing

@testable import NeuralNet

@Suite struct GradientCheckTests {
  @Test func everySmoothActivationWithL2Passes() throws {
    let layers = [
      "dense 3->4", "sigmoid", "dense ->4", "tanh", "dense ->4", "elu(alpha=0.7)", "dense ->4", "gelu",
      "dense ->4", "softplus", "dense ->4", "prelu(alpha=0.2)", "dense ->4", "leaky-relu(0.05)", "dense ->3",
      "identity", "softmax",
    ]
    let net = try network(layers, loss: LossFunction(kind: .mse, scale: 3), regularizer: .l2(0.01), seed: 12)
    var rng = RandomSource(seed: 13)
    let x = randomMatrix(8, 3, &rng, -2, 2)
    let t = randomMatrix(8, 3, &rng, 0, 1)
    let checks = try GradientCheck.run(network: net, input: x, target: t)
    #expect(checks.map(\.name) == net.parameterNames)
    #expect(checks.count == 8 * 2 + 1)  // W and b of 8 dense layers, alpha1
    for check in checks {
      #expect(check.passed, "\(check.name): \(check.relativeError)")
      #expect(check.relativeError < 1e-6, "\(check.name): \(check.relativeError)")
      #expect(check.analytic.shapeDescription == net.parameter(check.name)?.shapeDescription)
    }
    // the check includes the regularizer: dropping it from the analytic side would fail.
    let w1 = try #require(checks.first)
    let penalty = 0.01 * (net.parameter("W1") ?? mat([[]]))
    #expect(relativeError(w1.analytic - penalty, w1.numeric) > 1e-6)
  }

  @Test(arguments: [
    LossFunction(kind: .bce), LossFunction(kind: .bceLogits), LossFunction(kind: .crossEntropy),
    LossFunction(kind: .squaredHinge, reduction: .sum), LossFunction(kind: .sse, scale: 0.5),
  ])
  func everyLossThroughANetworkPasses(_ loss: LossFunction) throws {
    var layers = ["dense 2->5", "tanh", "dense ->\(loss.kind == .crossEntropy ? 3 : 1)"]
    if loss.kind == .bce { layers.append("sigmoid") }
    let net = try network(layers, loss: loss, regularizer: .l1(0.02), seed: 3)
    var rng = RandomSource(seed: 4)
    let x = randomMatrix(6, 2, &rng)
    let t: Matrix
    switch loss.kind {
    case .crossEntropy: t = Matrix(column: [0, 1, 2, 2, 1, 0])
    case .squaredHinge: t = Matrix(column: [1, -1, 1, -1, -1, 1])
    default: t = Matrix(column: [1, 0, 1, 1, 0, 0])
    }
    for check in try GradientCheck.run(network: net, input: x, target: t) {
      #expect(check.passed, "\(loss.name) \(check.name): \(check.relativeError)")
    }
  }

  @Test func aGradientAtAKinkFailsTheCheck() throws {
    // relu input exactly 0: backprop uses relu'(0) = 0, the central difference sees slope ½.
    let spec = NetworkSpec(
      layers: [
        .dense(DenseSpec(inputs: 1, outputs: 1, weights: mat([[1]]), biasValues: [0])), .activation(.relu),
      ],
      loss: LossFunction(kind: .mse, reduction: .sum))
    var rng = RandomSource(seed: 0)
    let net = try Network(spec: spec, inputSize: 1, rng: &rng)
    let checks = try GradientCheck.run(network: net, input: mat([[0]]), target: mat([[-1]]))
    let b1 = try #require(checks.first { $0.name == "b1" })
    // L = (relu(b) + 1)²: analytic 0, numeric ((ε + 1)² − 1)/2ε = 1 + ε/2.
    #expect(b1.analytic == mat([[0]]))
    #expect(abs(b1.numeric.storage[0] - 1) < 1e-6)
    #expect(b1.relativeError == 1)
    #expect(!b1.passed)
    #expect(abs(b1.maxAbsoluteDifference - 1) < 1e-6)
  }

  @Test func relativeErrorIsNormWise() {
    let check = TensorCheck(name: "W1", analytic: mat([[3, 0]]), numeric: mat([[0, 4]]), tolerance: 1e-6)
    // ‖a − n‖ = 5, ‖a‖ + ‖n‖ = 7.
    #expect(check.relativeError == 5.0 / 7)
    #expect(check.maxAbsoluteDifference == 4)
    #expect(!check.passed)
    let zero = TensorCheck(name: "b1", analytic: mat([[0, 0]]), numeric: mat([[0, 1e-10]]), tolerance: 1e-6)
    #expect(abs(zero.relativeError - 1e-2) < 1e-12)
  }

  @Test func badSettingsAreErrors() throws {
    let net = try network(["dense 1->1"], loss: LossFunction(kind: .mse))
    #expect(
      thrownError {
        _ = try GradientCheck.run(network: net, input: mat([[1]]), target: mat([[1]]), epsilon: 0)
      }?.key == "epsilon")
    #expect(
      thrownError { _ = try GradientCheck.run(network: net, input: mat([[1, 2]]), target: mat([[1]])) } != nil
    )
  }
}
