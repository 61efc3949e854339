import Foundation
import Tensor
import Testing

@testable import NeuralNet

/// BCE's backward against PyTorch's CPU kernel (issue 12, finding 2).
@Suite struct PyTorchBCETests {
  /// PyTorch clamps y(1 − y) at its float32 constant `EPSILON = 1e-12`,
  /// which is 9.999999960041972e-13 as a Double; the gradient through a
  /// saturated sigmoid (z = 30, target 0) is then y·σ'(z)/ε, not y·σ'(z)/1e-12.
  @Test func saturatedSigmoidGradientMatchesPyTorch() throws {
    let spec = NetworkSpec(
      layers: [
        .dense(
          DenseSpec(
            inputs: 1, outputs: 1, bias: false, weights: mat([[30]]), biasValues: nil, initializer: nil)),
        .activation(.sigmoid),
      ], loss: LossFunction(kind: .bce), regularizer: nil, initializer: .xavier)
    var rng = RandomSource(seed: 0)
    let network = try Network(spec: spec, inputSize: 1, rng: &rng)
    let back = try network.lossAndGradients(mat([[1]]), target: mat([[0]]))
    let g = try #require(back.parameterGradients["W1"])
    #expect(g.count == 1)
    #expect(abs(g.storage[0] - 0.09348077904695146) < 1e-15)
  }

  @Test func clampIsTheFloat32Epsilon() {
    #expect(LossFunction.bceEpsilon == Double(Float(1e-12)))
    #expect(LossFunction.bceEpsilon == 9.999999960041972e-13)
  }

  /// Away from the clamp the derivative is (y − t)/((1 − y)·y).
  @Test func unclampedDerivative() {
    let d = LossFunction.binaryCrossEntropy(0.25, 1).derivative
    #expect(d == (0.25 - 1) / ((1 - 0.25) * 0.25))
  }
}
