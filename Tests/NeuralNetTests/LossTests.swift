import Foundation
import Tensor
import Testing

@testable import NeuralNet

@Suite struct LossTests {
  /// Output/target pairs in each loss's domain, away from kinks.
  static func sample(_ kind: LossKind, _ rng: inout RandomSource) -> (output: Matrix, target: Matrix) {
    switch kind {
    case .mse, .sse:
      return (randomMatrix(4, 3, &rng), randomMatrix(4, 3, &rng))
    case .bce:
      return (randomMatrix(4, 3, &rng, 0.05, 0.95), randomMatrix(4, 3, &rng, 0, 1))
    case .bceLogits:
      return (randomMatrix(4, 3, &rng, -5, 5), randomMatrix(4, 3, &rng, 0, 1))
    case .hinge, .squaredHinge:
      let t = randomMatrix(4, 3, &rng).map { $0 > 0 ? 1 : -1 }
      var y = randomMatrix(4, 3, &rng, -2.5, 2.5)
      // keep every margin t·y at least 0.05 away from 1.
      for i in 0..<y.count where abs(1 - t.storage[i] * y.storage[i]) < 0.05 { y.storage[i] += 0.2 }
      return (y, t)
    case .crossEntropy:
      let t = Matrix(column: (0..<4).map { _ in Double(rng.index(below: 3)) })
      return (randomMatrix(4, 3, &rng, -4, 4), t)
    }
  }

  @Test(arguments: LossKind.allCases, [Reduction.mean, .sum])
  func gradientMatchesCentralDifferences(_ kind: LossKind, _ reduction: Reduction) throws {
    var rng = RandomSource(seed: 21)
    let (y, t) = Self.sample(kind, &rng)
    let loss = LossFunction(kind: kind, scale: 0.7, reduction: reduction)
    let evaluation = try loss.evaluate(output: y, target: t)
    let numeric = numericGradient(y) { (try? loss.evaluate(output: $0, target: t).loss) ?? .nan }
    #expect(relativeError(evaluation.gradient, numeric) < 1e-7, "\(kind) \(reduction)")
    #expect(evaluation.kinks == 0)
  }

  @Test func crossEntropyGradientWithOneHotAndSoftTargets() throws {
    var rng = RandomSource(seed: 3)
    let z = randomMatrix(3, 4, &rng)
    let oneHot = mat([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]])
    let soft = mat([[0.2, 0.3, 0.5, 0], [0.1, 0.1, 0.1, 0.7], [0.25, 0.25, 0.25, 0.25]])
    let loss = LossFunction(kind: .crossEntropy)
    let indices = Matrix(column: [1, 0, 3])
    #expect(
      abs(try loss.evaluate(output: z, target: oneHot).loss - loss.evaluate(output: z, target: indices).loss)
        < 1e-15)
    for target in [oneHot, soft] {
      let analytic = try loss.evaluate(output: z, target: target).gradient
      let numeric = numericGradient(z) { (try? loss.evaluate(output: $0, target: target).loss) ?? .nan }
      #expect(relativeError(analytic, numeric) < 1e-7)
    }
  }

  @Test func reductionsAndScaleFollowTheContract() throws {
    let y = mat([[1, 2], [3, 5]])
    let t = mat([[0, 2], [1, 1]])
    // squared errors 1, 0, 4, 16: sum 21, mean over 4 elements 5.25.
    #expect(try LossFunction(kind: .mse).evaluate(output: y, target: t).loss == 5.25)
    #expect(try LossFunction(kind: .sse).evaluate(output: y, target: t).loss == 21)
    #expect(
      try LossFunction(kind: .mse, scale: 0.5, reduction: .sum).evaluate(output: y, target: t).loss == 10.5)
    // ½(y − t)² on one sample (lecture 000): gradient y − t.
    let half = try LossFunction(kind: .mse, scale: 0.5, reduction: .sum).evaluate(
      output: mat([[0.8]]), target: mat([[0.5]]))
    #expect(abs(half.loss - 0.045) < 1e-16)
    #expect(abs(half.gradient.storage[0] - 0.3) < 1e-16)
    // cross-entropy's mean is over samples, not classes.
    let z = mat([[0, 0, 0], [0, 0, 0]])
    let ce = try LossFunction(kind: .crossEntropy).evaluate(output: z, target: Matrix(column: [0, 2]))
    #expect(abs(ce.loss - log(3.0)) < 1e-15)
    #expect(close(ce.gradient, mat([[-1.0 / 3, 1.0 / 6, 1.0 / 6], [1.0 / 6, 1.0 / 6, -1.0 / 3]]), 1e-16))
  }

  @Test func pinnedValuesAtExtremeInputs() throws {
    let logits = LossFunction(kind: .bceLogits, reduction: .sum)
    let extreme = try logits.evaluate(
      output: mat([[1000, -1000, 1000, -1000, 0]]), target: mat([[1, 1, 0, 0, 1]]))
    let extremeExpected: Double = 2000 + log(2.0)
    #expect(extreme.loss == extremeExpected)
    #expect(extreme.gradient.storage == [0, -1, 1, 0, -0.5])

    let ce = LossFunction(kind: .crossEntropy, reduction: .sum)
    let big = try ce.evaluate(
      output: mat([[1000, 0, -1000], [1000, 0, -1000]]), target: Matrix(column: [0, 2]))
    #expect(big.loss == 2000)
    #expect(big.gradient.storage == [0, 0, 0, 1, 0, -1])

    let bce = LossFunction(kind: .bce, reduction: .sum)
    let ends = try bce.evaluate(output: mat([[0, 1, 1, 0, 0.5]]), target: mat([[1, 1, 0, 0, 1]]))
    // ln 0 is clamped at −100 (PyTorch): two terms of 100, two of 0, and ln 2.
    let endsExpected: Double = 200 + log(2.0)
    #expect(ends.loss == endsExpected)
    #expect(ends.gradient.isFinite)
    #expect(ends.gradient.storage[4] == -2)

    let hinge = LossFunction(kind: .hinge, reduction: .sum)
    let h = try hinge.evaluate(output: mat([[30, -30, 0.5, 0]]), target: mat([[1, 1, 0, -1]]))
    // margins 30, −30, −0.5 (0 reads as −1), 0.
    let hingeExpected: Double = 31 + 1.5 + 1
    #expect(h.loss == hingeExpected)
    #expect(h.gradient.storage == [0, -1, 1, 1])

    let sq = LossFunction(kind: .squaredHinge, reduction: .sum)
    let s = try sq.evaluate(output: mat([[30, -30, 0.5]]), target: mat([[1, 1, -1]]))
    let squaredExpected: Double = 961 + 2.25
    #expect(s.loss == squaredExpected)
    #expect(s.gradient.storage == [0, -62, 3])

    for kind in LossKind.allCases {
      var rng = RandomSource(seed: 2)
      let (y, t) = Self.sample(kind, &rng)
      let e = try LossFunction(kind: kind).evaluate(output: y.map { _ in 0 }, target: t)
      #expect(e.loss.isFinite, "\(kind) at 0")
      #expect(e.gradient.isFinite, "\(kind) at 0")
    }
  }

  @Test func hingeKinkConvention() throws {
    // margin exactly 1: loss 0, derivative 0 (minimum-norm subgradient), one kink each.
    let e = try LossFunction(kind: .hinge).evaluate(
      output: mat([[1], [-1], [0.5]]), target: mat([[1], [0], [1]]))
    #expect(e.gradient.storage[0] == 0)
    #expect(e.gradient.storage[1] == 0)
    #expect(e.gradient.storage[2] == -1.0 / 3)
    #expect(e.kinks == 2)
    #expect(e.loss == 0.5 / 3)
    // squared hinge is differentiable there: no kink.
    #expect(try LossFunction(kind: .squaredHinge).evaluate(output: mat([[1]]), target: mat([[1]])).kinks == 0)
  }

  @Test func nanOutputGivesNaNLossNotAnError() throws {
    for kind in LossKind.allCases {
      let target = kind == .crossEntropy ? Matrix(column: [0]) : mat([[1, 1]])
      let e = try LossFunction(kind: kind).evaluate(output: mat([[.nan, 0.5]]), target: target)
      #expect(e.loss.isNaN, "\(kind)")
    }
  }

  @Test func targetErrorsNameBothShapes() {
    let wrong = thrownError {
      _ = try LossFunction(kind: .mse).evaluate(
        output: Matrix(rows: 3, cols: 2), target: Matrix(rows: 3, cols: 1))
    }
    #expect(wrong?.message == "the target is 3×1 but the model's output is 3×2")
    #expect(wrong?.key == "target")
    let rows = thrownError {
      _ = try LossFunction(kind: .crossEntropy).evaluate(
        output: Matrix(rows: 3, cols: 2), target: Matrix(rows: 2, cols: 1))
    }
    #expect(rows?.message == "the target is 2×1 but the model's output is 3×2")
    let index = thrownError {
      _ = try LossFunction(kind: .crossEntropy).evaluate(output: Matrix(rows: 1, cols: 3), target: mat([[3]]))
    }
    #expect(index?.message.contains("class indices 0..<3") == true)
    #expect(
      thrownError { _ = try LossFunction(kind: .bce).evaluate(output: mat([[1.5]]), target: mat([[1]])) }
        != nil)
    #expect(
      thrownError { _ = try LossFunction(kind: .bce).evaluate(output: mat([[0.5]]), target: mat([[2]])) }
        != nil)
    #expect(
      thrownError { _ = try LossFunction(kind: .hinge).evaluate(output: mat([[0.5]]), target: mat([[2]])) }
        != nil)
    #expect(
      thrownError {
        _ = try LossFunction(kind: .mse).evaluate(
          output: Matrix(rows: 0, cols: 1), target: Matrix(rows: 0, cols: 1))
      } != nil)
  }

  @Test func parseNamesAndOptions() throws {
    #expect(try LossFunction.parse(name: "mse", options: [:]) == LossFunction(kind: .mse))
    #expect(
      try LossFunction.parse(name: "mse", options: ["scale": "0.5", "reduction": "sum"])
        == LossFunction(kind: .mse, scale: 0.5, reduction: .sum))
    #expect(try LossFunction.parse(name: "sse", options: [:]).reduction == .sum)
    #expect(try LossFunction.parse(name: "Cross_Entropy", options: [:]).kind == .crossEntropy)
    #expect(try LossFunction.parse("mse(scale=0.5, reduction=sum)").name == "mse(scale=0.5, reduction=sum)")
    #expect(try LossFunction.parse("bce-logits").name == "bce-logits")
    for kind in LossKind.allCases { #expect(try LossFunction.parse(kind.rawValue).kind == kind) }
    let unknown = thrownError { _ = try LossFunction.parse(name: "cross-entropi", options: [:]) }
    #expect(unknown?.message == "unknown loss 'cross-entropi'")
    #expect(unknown?.hint == "Did you mean 'cross-entropy'?")
    #expect(unknown?.key == "loss")
    #expect(
      thrownError { _ = try LossFunction.parse(name: "mse", options: ["scal": "2"]) }?.hint
        == "Did you mean 'scale'?")
    #expect(thrownError { _ = try LossFunction.parse(name: "mse", options: ["reduction": "avg"]) } != nil)
    #expect(thrownError { _ = try LossFunction.parse(name: "sse", options: ["reduction": "mean"]) } != nil)
    #expect(thrownError { _ = try LossFunction.parse(name: "mse", options: ["scale": "-1"]) } != nil)
  }

  @Test func accuracyConventions() {
    let bce = LossFunction(kind: .bce)
    #expect(
      bce.accuracy(output: mat([[0.9], [0.4], [0.5], [0.2]]), target: mat([[1], [1], [0], [0]])) == 0.75)
    let logits = LossFunction(kind: .bceLogits)
    #expect(logits.accuracy(output: mat([[2], [-1], [0]]), target: mat([[1], [0], [1]])) == 2.0 / 3)
    let hinge = LossFunction(kind: .hinge)
    #expect(hinge.accuracy(output: mat([[2], [-1], [0.5], [0]]), target: mat([[1], [0], [-1], [1]])) == 0.5)
    let ce = LossFunction(kind: .crossEntropy)
    let z = mat([[1, 3, 2], [5, 0, 0], [0, 0, 1]])
    #expect(ce.accuracy(output: z, target: Matrix(column: [1, 0, 0])) == 2.0 / 3)
    #expect(ce.accuracy(output: z, target: mat([[0, 1, 0], [1, 0, 0], [1, 0, 0]])) == 2.0 / 3)
    #expect(ce.accuracy(output: z, target: Matrix(column: [1, 0, 3])) == nil)
    #expect(ce.accuracy(output: z, target: Matrix(column: [1, .nan, 0])) == nil)
    let mse = LossFunction(kind: .mse)
    #expect(mse.accuracy(output: mat([[0.7], [0.2]]), target: mat([[1], [1]])) == 0.5)
    #expect(mse.accuracy(output: mat([[0.7], [0.2]]), target: mat([[1.5], [1]])) == nil)
    #expect(mse.accuracy(output: mat([[0.1, 0.9], [0.8, 0.3]]), target: mat([[0, 1], [0, 1]])) == 0.5)
    #expect(mse.accuracy(output: mat([[0.1, 0.9]]), target: mat([[0.5, 0.5]])) == nil)
  }
}
