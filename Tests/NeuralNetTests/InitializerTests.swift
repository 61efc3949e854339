import Tensor
import Testing

@testable import NeuralNet

@Suite struct InitializerTests {
  @Test func pyTorchFormulas() {
    // xavier 3→5: a = √(6/(3 + 5)); xavier-normal σ = √(2/8); he σ = √2/√3;
    // he-uniform b = √2·√(3/3); lecun σ = 1/√3.
    #expect(Initializer.xavier.distribution(out: 5, in: 3) == .uniform(bound: (6.0 / 8).squareRoot()))
    #expect(Initializer.xavierNormal.distribution(out: 5, in: 3) == .normal(std: (2.0 / 8).squareRoot()))
    #expect(Initializer.he.distribution(out: 5, in: 3) == .normal(std: 2.0.squareRoot() / 3.0.squareRoot()))
    #expect(Initializer.heUniform.distribution(out: 5, in: 3) == .uniform(bound: 2.0.squareRoot()))
    #expect(Initializer.lecun.distribution(out: 5, in: 3) == .normal(std: 1 / 3.0.squareRoot()))
  }

  @Test func uniformBoundsAndVariance() {
    var rng = RandomSource(seed: 42)
    let w = Initializer.xavier.weights(out: 5, in: 3, rng: &rng)
    #expect(w.rows == 5)
    #expect(w.cols == 3)
    let a = (6.0 / 8).squareRoot()
    #expect(w.storage.allSatisfy { abs($0) <= a })
    // many draws: U(−a, a) has variance a²/3; the extremes approach ±a.
    let big = Initializer.heUniform.weights(out: 300, in: 400, rng: &rng)
    let b = (6.0 / 400).squareRoot()
    #expect(big.storage.allSatisfy { abs($0) <= b })
    #expect((big.storage.max() ?? 0) > 0.999 * b)
    #expect((big.storage.min() ?? 0) < -0.999 * b)
    let variance = big.squaredNorm() / Double(big.count)
    #expect(abs(variance / (b * b / 3) - 1) < 0.02)
  }

  @Test(arguments: [Initializer.he, .xavierNormal, .lecun, .normal(std: 0.01)])
  func normalStandardDeviation(_ initializer: Initializer) {
    var rng = RandomSource(seed: 7)
    let w = initializer.weights(out: 300, in: 400, rng: &rng)
    guard case .normal(let std) = initializer.distribution(out: 300, in: 400) else {
      Issue.record("not normal")
      return
    }
    let mean = w.sum() / Double(w.count)
    let sampleStd = (w.squaredNorm() / Double(w.count) - mean * mean).squareRoot()
    #expect(abs(mean) < 0.02 * std)
    #expect(abs(sampleStd / std - 1) < 0.01)
  }

  @Test func zerosAndConstantAreExactAndDrawNothing() {
    var rng = RandomSource(seed: 1)
    let before = rng
    #expect(Initializer.zeros.weights(out: 2, in: 3, rng: &rng) == Matrix(rows: 2, cols: 3))
    #expect(
      Initializer.constant(0.5).weights(out: 2, in: 3, rng: &rng) == Matrix(rows: 2, cols: 3, repeating: 0.5))
    var untouched = before
    #expect(rng.next() == untouched.next())
  }

  @Test func deterministicAndDrawnInRowMajorOrder() {
    var r1 = RandomSource(seed: 99)
    var r2 = RandomSource(seed: 99)
    let w1 = Initializer.xavier.weights(out: 2, in: 3, rng: &r1)
    let w2 = Initializer.xavier.weights(out: 2, in: 3, rng: &r2)
    #expect(w1 == w2)
    var r3 = RandomSource(seed: 99)
    let a = (6.0 / 5).squareRoot()
    let expected = (0..<6).map { _ in r3.uniform(-a, a) }
    #expect(w1.storage == expected)
    var r4 = RandomSource(seed: 100)
    #expect(Initializer.xavier.weights(out: 2, in: 3, rng: &r4) != w1)
    var r5 = RandomSource(seed: 5)
    var r6 = RandomSource(seed: 5)
    let he = Initializer.he.weights(out: 2, in: 2, rng: &r5)
    #expect(he.storage == (0..<4).map { _ in r6.normal(mean: 0, std: 1) })
  }

  @Test func parseAndNames() throws {
    #expect(try Initializer.parse("normal(0.01)") == .normal(std: 0.01))
    #expect(try Initializer.parse("normal(std=0.01)") == .normal(std: 0.01))
    #expect(try Initializer.parse("xavier-normal") == .xavierNormal)
    #expect(try Initializer.parse("he-uniform") == .heUniform)
    #expect(try Initializer.parse("constant(0.5)") == .constant(0.5))
    #expect(try Initializer.parse("uniform(a=0.1)") == .uniform(a: 0.1))
    #expect(try Initializer.parse("Glorot") == .xavier)
    let all: [Initializer] = [
      .zeros, .constant(0.5), .normal(std: 0.01), .uniform(a: 0.1), .xavier, .xavierNormal, .he, .heUniform,
      .lecun,
    ]
    for i in all { #expect(try Initializer.parse(i.name) == i) }
    #expect(Initializer.normal(std: 0.01).name == "normal(0.01)")
    let typo = thrownError { _ = try Initializer.parse("xavir") }
    #expect(typo?.hint == "Did you mean 'xavier'?")
    #expect(typo?.key == "init")
    #expect(thrownError { _ = try Initializer.parse("normal") }?.hint == "Write e.g. normal(0.01).")
    #expect(thrownError { _ = try Initializer.parse("normal(-1)") } != nil)
    #expect(thrownError { _ = try Initializer.parse("he(2)") } != nil)
  }
}
