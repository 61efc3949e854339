import Foundation
import Tensor
import Testing

@testable import NeuralNet

@Suite struct ActivationTests {
  static let all: [Activation] = [
    .sigmoid, .tanh, .relu, .leakyReLU(slope: 0.1), .prelu(alpha: 0.25), .elu(alpha: 1), .elu(alpha: 0.5),
    .gelu, .softplus, .identity, .softmax,
  ]

  @Test(arguments: all)
  func backwardMatchesCentralDifferencesAwayFromKinks(_ activation: Activation) {
    var rng = RandomSource(seed: 11)
    let x = randomMatrix(4, 5, &rng, -4, 4, avoid: 0.05)
    let c = randomMatrix(4, 5, &rng, -1, 1)
    // L = Σ c ⊙ φ(x), so ∂L/∂y = c.
    let loss = { (m: Matrix) in (activation.forward(m).output * c).sum() }
    let y = activation.forward(x).output
    let analytic = activation.backward(input: x, output: y, gradOutput: c)
    let numeric = numericGradient(x, loss)
    #expect(relativeError(analytic, numeric) < 1e-7, "\(activation.name)")
  }

  @Test func preluAlphaGradientMatchesCentralDifferences() {
    var rng = RandomSource(seed: 5)
    let x = randomMatrix(3, 4, &rng, -2, 2, avoid: 0.05)
    let c = randomMatrix(3, 4, &rng)
    let loss = { (alpha: Double) in (Activation.prelu(alpha: alpha).forward(x).output * c).sum() }
    let h = 1e-6
    let numeric = (loss(0.3 + h) - loss(0.3 - h)) / (2 * h)
    let analytic = Activation.prelu(alpha: 0.3).alphaGradient(input: x, gradOutput: c)
    #expect(abs(analytic - numeric) <= 1e-8 * max(1, abs(analytic)))
    // Σ over x < 0 of c·x, by definition.
    var expected = 0.0
    for i in 0..<x.count where x.storage[i] < 0 { expected += c.storage[i] * x.storage[i] }
    #expect(abs(analytic - expected) < 1e-14)
  }

  /// The select form of σ is the two-branch form 1/(1 + e^{−x}) (x ≥ 0), eˣ/(1 + eˣ) (x < 0)
  /// bit for bit, at the edges (±0, ±∞, NaN, subnormals, overflow) and on 10⁵ random inputs.
  @Test func sigmoidEqualsTheTwoBranchFormBitForBit() {
    func twoBranch(_ x: Double) -> Double {
      if x >= 0 { return 1 / (1 + exp(-x)) }
      let e = exp(x)
      return e / (1 + e)
    }
    var inputs: [Double] = [
      0, -0.0, 1, -1, 709.8, -709.8, 745.2, -745.2, 1e-310, -1e-310, .infinity, -.infinity,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
    var rng = RandomSource(seed: 3)
    for _ in 0..<100_000 { inputs.append(rng.uniform(-40, 40)) }
    for x in inputs {
      #expect(Activation.sigmoidValue(x).bitPattern == twoBranch(x).bitPattern, "x = \(x)")
    }
    #expect(Activation.sigmoidValue(.nan).isNaN)
  }

  @Test func pinnedValuesAtSpecialInputs() {
    #expect(Activation.sigmoid.value(at: 0) == 0.5)
    #expect(Activation.sigmoid.derivative(at: 0) == 0.25)
    #expect(Activation.sigmoid.value(at: 30) == 1 / (1 + exp(-30.0)))
    #expect(abs(Activation.sigmoid.value(at: -30) - 9.357622968839299e-14) < 1e-27)
    #expect(Activation.sigmoid.value(at: 1000) == 1)
    #expect(Activation.sigmoid.value(at: -1000) == 0)
    #expect(Activation.sigmoid.derivative(at: -1000) == 0)
    #expect(Activation.sigmoid.derivative(at: 1000) == 0)

    #expect(Activation.tanh.value(at: 0) == 0)
    #expect(Activation.tanh.derivative(at: 0) == 1)
    #expect(Activation.tanh.value(at: 30) == 1)
    #expect(Activation.tanh.value(at: -30) == -1)
    #expect(Activation.tanh.derivative(at: 30) == 0)

    #expect(Activation.relu.value(at: 30) == 30)
    #expect(Activation.relu.value(at: -30) == 0)
    #expect(Activation.leakyReLU(slope: 0.1).value(at: -30) == -3)
    #expect(Activation.prelu(alpha: 0.25).value(at: -30) == -7.5)

    #expect(Activation.elu(alpha: 1).value(at: 30) == 30)
    #expect(Activation.elu(alpha: 1).value(at: -30) == expm1(-30.0))
    #expect(Activation.elu(alpha: 2).value(at: -30) == 2 * expm1(-30.0))
    #expect(Activation.elu(alpha: 1).value(at: 0) == 0)

    #expect(Activation.gelu.value(at: 0) == 0)
    #expect(Activation.gelu.derivative(at: 0) == 0.5)
    #expect(Activation.gelu.value(at: 30) == 30)
    #expect(Activation.gelu.derivative(at: 30) == 1)
    // 1.96 is the 97.5 % normal quantile: Φ(1.96) = 0.9750021048517795.
    #expect(abs(Activation.gelu.value(at: 1.96) - 1.96 * 0.9750021048517795) < 1e-15)
    let geluLeft = Activation.gelu.value(at: -30)
    #expect(geluLeft.isFinite)
    #expect(geluLeft <= 0)
    #expect(geluLeft > -1e-190)

    #expect(Activation.softplus.value(at: 0) == log(2.0))
    #expect(Activation.softplus.derivative(at: 0) == 0.5)
    #expect(Activation.softplus.value(at: 30) == 30)
    #expect(Activation.softplus.derivative(at: 30) == 1)
    // ln(1 + e⁻³⁰) = e⁻³⁰ − e⁻⁶⁰/2 + …, σ(−30) = e⁻³⁰/(1 + e⁻³⁰).
    #expect(abs(Activation.softplus.value(at: -30) - (exp(-30.0) - exp(-60.0) / 2)) < 1e-28)
    #expect(abs(Activation.softplus.derivative(at: -30) - 9.357622968839299e-14) < 1e-27)
    #expect(Activation.softplus.value(at: 1000) == 1000)
    #expect(Activation.softplus.value(at: -1000) == 0)

    #expect(Activation.identity.value(at: -30) == -30)
    #expect(Activation.identity.derivative(at: 7) == 1)

    for a in Self.all {
      for x in [0.0, 30, -30, 1000, -1000] {
        #expect(a.value(at: x).isFinite, "\(a.name) at \(x)")
        #expect(a.derivative(at: x).isFinite, "\(a.name) at \(x)")
      }
    }
  }

  @Test func softmaxIsRowWiseStableAndItsBackwardIsTheJacobianProduct() {
    let x = mat([[0, 0], [1000, -1000]])
    let y = Activation.softmax.forward(x).output
    #expect(y.storage == [0.5, 0.5, 1, 0])
    let wide = Activation.softmax.forward(mat([[1000, 0, -1000]])).output
    #expect(wide.isFinite)
    #expect(wide.storage[0] == 1)
    // Row [1, 2, 3]: y = e^x / Σ e^x; dx_j = y_j (g_j − Σ g_k y_k).
    let z = mat([[1, 2, 3]])
    let e = [exp(1.0), exp(2.0), exp(3.0)]
    let s = e.reduce(0, +)
    let p = e.map { $0 / s }
    let out = Activation.softmax.forward(z).output
    #expect(close(out, mat([p]), 1e-15))
    let g = mat([[1, 0, -1]])
    let dot = p[0] - p[2]
    let expected = mat([[p[0] * (1 - dot), p[1] * (0 - dot), p[2] * (-1 - dot)]])
    #expect(close(Activation.softmax.backward(input: z, output: out, gradOutput: g), expected, 1e-15))
    let big = Activation.softmax.backward(
      input: mat([[1000, 0, -1000]]), output: wide, gradOutput: mat([[1, 2, 3]]))
    #expect(big.isFinite)
  }

  @Test func kinkConventions() {
    #expect(Activation.relu.derivative(at: 0) == 0)
    #expect(Activation.relu.value(at: 0) == 0)
    #expect(Activation.leakyReLU(slope: 0.1).derivative(at: 0) == 0.1)
    #expect(Activation.leakyReLU(slope: 0.1).value(at: 0) == 0)
    #expect(Activation.prelu(alpha: 0.25).derivative(at: 0) == 0.25)
    #expect(Activation.elu(alpha: 0.5).derivative(at: 0) == 0.5)
    #expect(Activation.elu(alpha: 1).derivative(at: 0) == 1)
    // ∂PReLU/∂α at 0 is 0 from either side.
    #expect(
      Activation.prelu(alpha: 0.25).alphaGradient(input: mat([[0, -2, 3]]), gradOutput: mat([[5, 1, 1]]))
        == -2)

    let x = mat([[0, -1, 0], [2, 0, 0.5]])
    #expect(Activation.relu.forward(x).kinks == 3)
    #expect(Activation.leakyReLU(slope: 0.01).forward(x).kinks == 3)
    #expect(Activation.prelu(alpha: 0.25).forward(x).kinks == 3)
    #expect(Activation.elu(alpha: 0.5).forward(x).kinks == 3)
    #expect(Activation.elu(alpha: 1).forward(x).kinks == 0)
    for smooth: Activation in [.sigmoid, .tanh, .gelu, .softplus, .identity, .softmax] {
      #expect(smooth.forward(x).kinks == 0)
    }
    // relu backward at the kink gives 0; leaky gives the slope.
    let g = Matrix(rows: 2, cols: 3, repeating: 1)
    let relu = Activation.relu
    #expect(
      relu.backward(input: x, output: relu.forward(x).output, gradOutput: g).storage == [0, 0, 0, 1, 0, 1])
    let leaky = Activation.leakyReLU(slope: 0.1)
    #expect(
      leaky.backward(input: x, output: leaky.forward(x).output, gradOutput: g).storage == [
        0.1, 0.1, 0.1, 1, 0.1, 1,
      ])
  }

  @Test func reluPassesNaNThrough() {
    #expect(Activation.relu.value(at: .nan).isNaN)
    #expect(Activation.leakyReLU(slope: 0.1).value(at: .nan).isNaN)
  }

  @Test func parseAcceptsEveryWrittenFormAndNamesRoundTrip() throws {
    #expect(try Activation.parse("relu") == .relu)
    #expect(try Activation.parse("ReLU") == .relu)
    #expect(try Activation.parse("leaky-relu") == .leakyReLU(slope: 0.01))
    #expect(try Activation.parse("leaky-relu(0.1)") == .leakyReLU(slope: 0.1))
    #expect(try Activation.parse("leaky_relu(slope=0.1)") == .leakyReLU(slope: 0.1))
    #expect(try Activation.parse("prelu(alpha=0.25)") == .prelu(alpha: 0.25))
    #expect(try Activation.parse("prelu") == .prelu(alpha: 0.25))
    #expect(try Activation.parse("elu(1)") == .elu(alpha: 1))
    #expect(try Activation.parse("elu") == .elu(alpha: 1))
    #expect(try Activation.parse("linear") == .identity)
    #expect(Activation.leakyReLU(slope: 0.01).name == "leaky-relu(slope=0.01)")
    #expect(Activation.prelu(alpha: 0.25).name == "prelu(alpha=0.25)")
    #expect(Activation.elu(alpha: 1).name == "elu(alpha=1)")
    for a in Self.all { #expect(try Activation.parse(a.name) == a) }
    #expect(try Activation.parse(name: "prelu", options: ["alpha": "0.1"]) == .prelu(alpha: 0.1))
    #expect(try Activation.parse(name: "tanh", options: [:]) == .tanh)
  }

  @Test func parseErrorsSayWhatToChange() {
    let typo = thrownError { _ = try Activation.parse("sigmod") }
    #expect(typo?.message == "unknown activation 'sigmod'")
    #expect(typo?.hint == "Did you mean 'sigmoid'?")
    #expect(
      thrownError { _ = try Activation.parse("relu(2)") }?.message.contains("takes no parameters") == true)
    let badKey = thrownError { _ = try Activation.parse("leaky-relu(slpe=0.1)") }
    #expect(badKey?.hint == "Did you mean 'slope'?")
    #expect(thrownError { _ = try Activation.parse("elu(abc)") }?.message.contains("finite number") == true)
    #expect(thrownError { _ = try Activation.parse("elu(1") } != nil)
  }

  @Test func unknownNamesAreQuotedWithoutTheirOptions() throws {
    let mapping = thrownError { _ = try Activation.parse(name: "leaky", options: ["slope": "0.1"]) }
    #expect(mapping?.message == "unknown activation 'leaky'")
    #expect(mapping?.hint == "Did you mean 'leaky-relu'?")
    let call = thrownError { _ = try Activation.parse("Leaky(0.1)") }
    #expect(call?.message == "unknown activation 'Leaky'")
    #expect(call?.hint == "Did you mean 'leaky-relu'?")
    let compact = thrownError { _ = try LayerSpec.parseCompact("leaky(0.1)") }
    #expect(compact?.message == "unknown layer 'leaky(0.1)'")
    #expect(compact?.hint == "Did you mean 'leaky-relu'?")
    // Too short, or the start of several names: the list of names.
    #expect(
      thrownError { _ = try Activation.parse(name: "xy", options: [:]) }?.hint?.hasPrefix("Known names:")
        == true)
    #expect(
      thrownError { _ = try Activation.parse(name: "soft", options: [:]) }?.hint?.hasPrefix("Known names:")
        == true)
    // Aliases and options still work.
    #expect(try Activation.parse(name: "lrelu", options: ["slope": "0.2"]) == .leakyReLU(slope: 0.2))
  }
}
