import Tensor
import Testing

@testable import NeuralNet

/// `TrainingLoop<Float>` against `TrainingLoop<Double>`: every activation,
/// loss, regularizer and optimizer path runs in float32, stays close to
/// float64, and repeats bit for bit.
@Suite struct Float32TrainingTests {
  /// Networks covering the loop's paths: fused softmax + cross-entropy with
  /// l2, PReLU with bce and l1, leaky ReLU / GELU with mse.
  static func cases() throws -> [(Network, Matrix, Matrix)] {
    let (x, t) = TrainerTests.data(48, features: 3) {
      [$0[0] + $0[1] > 0 ? 1 : 0, $0[0] + $0[1] > 0 ? 0 : 1]
    }
    let (xb, tb) = TrainerTests.data(48, features: 3, target: TrainerTests.binary)
    let (xr, tr) = TrainerTests.data(48, features: 3) { [0.5 * $0[0] - $0[2]] }
    return [
      (
        try network(
          ["dense 3->6", "tanh", "dense ->2", "softmax"], loss: LossFunction(kind: .crossEntropy),
          regularizer: .l2(0.01)), x, t
      ),
      (
        try network(
          ["dense 3->5", "prelu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce),
          regularizer: .l1(0.001)),
        xb, tb
      ),
      (
        try network(
          ["dense 3->5", "leaky-relu", "dense ->4", "gelu", "dense ->1"], loss: LossFunction(kind: .mse)), xr,
        tr
      ),
    ]
  }

  static func train(_ net: Network, _ x: Matrix, _ t: Matrix, _ config: TrainingConfig) throws -> TrainingRun
  {
    var rng = RandomSource(seed: 9)
    return try Trainer.train(
      net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
  }

  @Test(arguments: TrainerTests.optimizers)
  func float32StaysCloseToFloat64AndRepeats(_ optimizer: OptimizerKind) throws {
    for (net, x, t) in try Self.cases() {
      let double = TrainingConfig(optimizer: optimizer, learningRate: 0.05, batch: .size(8), epochs: 5)
      var single = double
      single.precision = .float32
      let a = try Self.train(net, x, t, double)
      let b = try Self.train(net, x, t, single)
      let c = try Self.train(net, x, t, single)
      #expect(a.precision == .float64)
      #expect(b.precision == .float32)
      #expect(b.records == c.records)
      #expect(b.network.layers == c.network.layers)
      let (last64, last32) = (a.records[a.records.count - 1], b.records[b.records.count - 1])
      #expect(abs(last64.trainLoss - last32.trainLoss) <= 1e-4 * max(1, last64.trainLoss))
      #expect(last64.trainLoss != last32.trainLoss)
      #expect(TrainerTests.parameterDifference(a.network, b.network) < 1e-3)
      #expect(a.kinks == b.kinks)
    }
  }

  @Test func float32ParametersAreSingleRoundedValues() throws {
    let (net, x, t) = try Self.cases()[1]
    var config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(8), epochs: 2)
    config.precision = .float32
    let run = try Self.train(net, x, t, config)
    for name in run.network.parameterNames where !name.hasPrefix("alpha") {
      let p = try #require(run.network.parameter(name))
      #expect(p.storage.allSatisfy { Double(Float($0)) == $0 }, "\(name) holds more than float32 digits")
    }
  }

  @Test func gridGemmMatchesMatrixGemm() {
    var rng = RandomSource(seed: 3)
    let a = randomMatrix(5, 7, &rng, -1, 1)
    let b = randomMatrix(4, 7, &rng, -1, 1)
    let exact = a.matmul(b, transposeOther: true)
    var c = Grid<Float>(rows: 5, cols: 4)
    Grid.gemm(1, Grid<Float>(a), Grid<Float>(b), transposeB: true, 0, into: &c)
    #expect(c.matrix.maxAbsDifference(exact) < 1e-5)
    #expect(c.matrix.maxAbsDifference(exact) > 0)
    var d = Grid<Double>(rows: 5, cols: 4)
    Grid.gemm(1, Grid<Double>(a), Grid<Double>(b), transposeB: true, 0, into: &d)
    #expect(d.matrix == exact)
  }
}
