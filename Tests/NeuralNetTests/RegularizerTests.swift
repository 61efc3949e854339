import Tensor
import Testing

@testable import NeuralNet

@Suite struct RegularizerTests {
  @Test func valuesByHand() {
    let w = mat([[1, -2], [0, 3]])
    // l2: (0.1/2)(1 + 4 + 0 + 9) = 0.7; l1: 0.1·(1 + 2 + 0 + 3) = 0.6.
    #expect(abs(Regularizer.l2(0.1).value(w) - 0.7) < 1e-15)
    #expect(abs(Regularizer.l1(0.1).value(w) - 0.6) < 1e-15)
    #expect(Regularizer.l2(0.1).gradient(w) == mat([[0.1, -0.2], [0, 0.30000000000000004]]))
    // l1 subgradient: sign(w)·λ with sign(0) = 0, and the zero is a kink.
    #expect(Regularizer.l1(0.1).gradient(w) == mat([[0.1, -0.1], [0, 0.1]]))
    #expect(Regularizer.l1(0.1).kinks(in: w) == 1)
    #expect(Regularizer.l2(0.1).kinks(in: w) == 0)
  }

  @Test(arguments: [Regularizer.l2(0.3), .l1(0.3)])
  func gradientMatchesCentralDifferences(_ regularizer: Regularizer) {
    var rng = RandomSource(seed: 9)
    let w = randomMatrix(3, 4, &rng, avoid: 0.05)
    let numeric = numericGradient(w) { regularizer.value($0) }
    #expect(relativeError(regularizer.gradient(w), numeric) < 1e-7)
    #expect(regularizer.value(w * 1e3).isFinite)
  }

  @Test func parse() throws {
    #expect(try Regularizer.parse(name: "l2", value: "0.01") == .l2(0.01))
    #expect(try Regularizer.parse(name: "L1", value: "1e-3") == .l1(0.001))
    #expect(try Regularizer.parse("l2(0.5)") == .l2(0.5))
    #expect(Regularizer.l2(0.01).name == "l2(0.01)")
    #expect(thrownError { _ = try Regularizer.parse(name: "l3", value: "0.1") }?.key == "regularizer")
    #expect(thrownError { _ = try Regularizer.parse(name: "l2", value: "-1") } != nil)
    #expect(thrownError { _ = try Regularizer.parse(name: "l2", value: "x") } != nil)
  }
}
