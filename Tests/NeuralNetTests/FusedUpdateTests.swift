import Tensor
import Testing

@testable import NeuralNet

/// Plain SGD folded into the ∂W product of a large layer
/// (`TrainingLoop+FusedUpdate`): which layers fuse, and that a fused run is
/// the reference run to rounding, norms included.
@Suite struct FusedUpdateTests {
  @Test func theHomeworkLayersFuseAndTheSmallOnesDoNot() {
    func fuses(_ p: Int, _ q: Int, batch: Int, _ optimizer: OptimizerKind = .sgd, regularized: Bool = false)
      -> Bool
    {
      TrainingLoop<Double>.fusesUpdate(
        optimizer: optimizer, regularized: regularized, inputs: p, outputs: q, batch: batch)
    }
    #expect(fuses(784, 1000, batch: 64))
    #expect(fuses(1000, 1000, batch: 64))
    #expect(!fuses(1000, 1, batch: 64), "1,000 weights: below 65,536")
    #expect(!fuses(200, 200, batch: 2), "40,000 weights: below 65,536")
    #expect(!fuses(784, 1000, batch: 12_000), "batch: full makes the Gram matrices cost more than ∂W")
    #expect(!fuses(784, 1000, batch: 64, .momentum(beta: 0.9)))
    #expect(!fuses(784, 1000, batch: 64, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)))
    #expect(!fuses(784, 1000, batch: 64, regularized: true))
    // The boundary: 2(n + 1)(p + q) ≤ p·q.
    #expect(fuses(256, 256, batch: 63))
    #expect(!fuses(256, 256, batch: 64))
  }

  /// 20 → 400 → 300 → 1: only W2 (120,000 weights) fuses at batch 8.
  static func net() throws -> Network {
    try network(
      ["dense 20->400", "relu", "dense ->300", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce)
    )
  }

  @Test func aFusedLayerIsTheReferenceToRounding() throws {
    let (x, t) = TrainerTests.data(40, features: 20, target: TrainerTests.binary)
    let config = TrainingConfig(optimizer: .sgd, learningRate: 0.05, batch: .size(8), epochs: 3)
    let loop = try TrainingLoop<Double>(
      network: Self.net(), x: x, t: t, testX: nil, testT: nil, config: config)
    #expect(loop.fusedUpdate == [false, true, false])
    var rng = RandomSource(seed: 11)
    let run = try Trainer.train(
      Self.net(), x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    let reference = try TrainerTests.referenceTraining(Self.net(), x: x, t: t, config: config, seed: 11)
    #expect(!run.diverged)
    #expect(TrainerTests.parameterDifference(run.network, reference.network) <= 1e-12)
    let start = try Self.net()
    #expect(TrainerTests.parameterDifference(run.network, start) > 1e-3, "training moved the weights")
    #expect(run.kinks == reference.kinks)
    for (record, norms) in zip(run.records.dropFirst(), reference.norms) {
      #expect(record.gradientNorms.count == 3)
      for (a, b) in zip(record.gradientNorms, norms) {
        #expect(b > 0)
        #expect(abs(a - b) <= 1e-10 * b)
      }
    }
  }

  @Test func aFusedFloat32RunRepeatsAndStaysCloseToFloat64() throws {
    let (x, t) = TrainerTests.data(40, features: 20, target: TrainerTests.binary)
    let double = TrainingConfig(optimizer: .sgd, learningRate: 0.05, batch: .size(8), epochs: 3)
    var single = double
    single.precision = .float32
    func train(_ config: TrainingConfig) throws -> TrainingRun {
      var rng = RandomSource(seed: 9)
      return try Trainer.train(
        Self.net(), x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    }
    let (a, b, c) = (try train(double), try train(single), try train(single))
    #expect(b.records == c.records)
    #expect(b.network.layers == c.network.layers)
    let (last64, last32) = (a.records[a.records.count - 1], b.records[b.records.count - 1])
    #expect(abs(last64.trainLoss - last32.trainLoss) <= 1e-4 * max(1, last64.trainLoss))
    for (n64, n32) in zip(last64.gradientNorms, last32.gradientNorms) {
      #expect(abs(n64 - n32) <= 1e-3 * n64)
    }
  }

  @Test func aNonFiniteLossAppliesNoFusedStep() throws {
    // Squared error on a linear output with lr 10 overflows within a few
    // steps. The step whose loss is not finite has non-finite gradients; had
    // its fused update been applied, W2 would hold NaN or ±∞.
    let (x, t) = TrainerTests.data(40, features: 20) { [$0[0] * 100] }
    let net = try network(
      ["dense 20->400", "relu", "dense ->300", "relu", "dense ->1"], loss: LossFunction(kind: .mse))
    let config = TrainingConfig(optimizer: .sgd, learningRate: 10, batch: .size(8), epochs: 1)
    var loop = try TrainingLoop<Double>(network: net, x: x, t: t, testX: nil, testT: nil, config: config)
    #expect(loop.fusedUpdate == [false, true, false])
    var rng = RandomSource(seed: 3)
    var stoppedBy: Double?
    for _ in 0..<10 where stoppedBy == nil { stoppedBy = loop.trainEpoch(rng: &rng).nonFiniteLoss }
    #expect(stoppedBy.map { !$0.isFinite } == true)
    for w in loop.parameters.weights { #expect(w.storage.allSatisfy { $0.isFinite }) }
  }
}
