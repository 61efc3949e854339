import Tensor
import Testing

@testable import NeuralNet

/// `Trainer.train` as a whole: run semantics, batch sizes, errors, predicted classes.
extension TrainerTests {
  // MARK: run semantics

  @Test func linearlySeparableDataIsLearnedPerfectly() throws {
    let (x, t) = Self.data(60, features: 2, seed: 8) { [$0[0] - 0.5 * $0[1] > 0 ? 1 : 0] }
    let (testX, testT) = Self.data(40, features: 2, seed: 9) { [$0[0] - 0.5 * $0[1] > 0 ? 1 : 0] }
    let net = try network(["dense 2->1", "sigmoid"], loss: LossFunction(kind: .bce))
    var rng = RandomSource(seed: 4)
    let config = TrainingConfig(optimizer: .sgd, learningRate: 1, batch: .size(8), epochs: 150)
    let run = try Trainer.train(
      net, x: x, t: t, testX: testX, testT: testT, config: config, rng: &rng, progress: nil)
    let last = try #require(run.records.last)
    #expect(!run.diverged)
    #expect(run.records.count == 151)
    #expect(last.epoch == 150)
    #expect(last.trainAccuracy == 1)
    #expect(last.testAccuracy == 1)
    #expect(last.trainLoss < 0.5 * run.records[0].trainLoss)
    #expect(last.testLoss.map { $0 < 0.5 * (run.records[0].testLoss ?? 0) } == true)
  }

  @Test func divergenceIsReportedNotThrown() throws {
    let (x, _) = Self.data(10, features: 2, target: Self.binary)
    let t = mat((0..<10).map { [Double($0)] })
    let net = try network(["dense 2->1"], loss: LossFunction(kind: .mse))
    var rng = RandomSource(seed: 2)
    var seen: [EpochRecord] = []
    // So large that the first update already overflows: the NaN/inf path, not growth.
    let config = TrainingConfig(optimizer: .sgd, learningRate: 1e300, batch: .full, epochs: 500)
    let run = try Trainer.train(net, x: x, t: t, testX: x, testT: t, config: config, rng: &rng) {
      seen.append($0)
    }
    let last = try #require(run.records.last)
    #expect(run.diverged)
    #expect(!last.trainLoss.isFinite)
    #expect(run.records.count < 500)
    #expect(run.records.dropLast().allSatisfy { $0.trainLoss.isFinite })
    #expect(seen == run.records)
    #expect(run.records.map(\.epoch) == Array(0..<run.records.count))
  }

  @Test func divergenceWithinAnEpochStopsBeforeTheStep() throws {
    // Minibatches of 1: a non-finite minibatch loss ends the epoch; its
    // record carries that loss and no test values.
    let (x, _) = Self.data(10, features: 2, target: Self.binary)
    let t = mat((0..<10).map { [Double($0) * 100] })
    let net = try network(["dense 2->1"], loss: LossFunction(kind: .mse))
    var rng = RandomSource(seed: 2)
    // Overflows within the first epoch, before growth is checked at its end.
    let config = TrainingConfig(optimizer: .sgd, learningRate: 1e150, batch: .size(1), epochs: 50)
    let run = try Trainer.train(net, x: x, t: t, testX: x, testT: t, config: config, rng: &rng, progress: nil)
    let last = try #require(run.records.last)
    #expect(run.diverged)
    #expect(!last.trainLoss.isFinite)
    #expect(last.testLoss == nil)
    #expect(run.network.parameter("W1")?.isFinite == true)
  }

  @Test func lossGrowingPastTenTimesItsStartIsDivergence() throws {
    let x = mat([[1], [2], [3]])
    let t = mat([[1], [2], [3]])
    let net = try network(["dense 1->1"], loss: LossFunction(kind: .mse))
    var rng = RandomSource(seed: 2)
    let config = TrainingConfig(optimizer: .sgd, learningRate: 10, batch: .full, epochs: 50)
    let run = try Trainer.train(
      net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    let last = try #require(run.records.last)
    #expect(run.diverged)
    #expect(last.trainLoss.isFinite)
    #expect(last.trainLoss > 10 * run.records[0].trainLoss)
    #expect(run.records.dropLast().allSatisfy { $0.trainLoss <= 10 * run.records[0].trainLoss })
  }

  @Test func growthLimitIsStrictAndIgnoresNonFiniteValues() {
    #expect(Trainer.grewPastLimit(10.000001, initial: 1))
    #expect(!Trainer.grewPastLimit(10, initial: 1))
    #expect(!Trainer.grewPastLimit(.infinity, initial: 1))
    #expect(!Trainer.grewPastLimit(5, initial: .nan))
    #expect(Trainer.grewPastLimit(1e-300, initial: 0))
  }

  @Test func runsAreDeterministic() throws {
    let (x, t) = Self.data(20, features: 3, target: Self.binary)
    let net = try network(["dense 3->6", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let config = TrainingConfig(
      optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.01, batch: .size(6),
      epochs: 5)
    var rng1 = RandomSource(seed: 77)
    var rng2 = RandomSource(seed: 77)
    let a = try Trainer.train(net, x: x, t: t, testX: x, testT: t, config: config, rng: &rng1, progress: nil)
    let b = try Trainer.train(net, x: x, t: t, testX: x, testT: t, config: config, rng: &rng2, progress: nil)
    #expect(a.records == b.records)
    #expect(a.network.layers == b.network.layers)
    #expect(a.kinks == b.kinks)
    #expect(rng1.next() == rng2.next())
    // A different seed shuffles differently.
    var rng3 = RandomSource(seed: 78)
    let c = try Trainer.train(net, x: x, t: t, testX: x, testT: t, config: config, rng: &rng3, progress: nil)
    #expect(c.network.layers != a.network.layers)
  }

  @Test func theInputNetworkIsNotChanged() throws {
    let (x, t) = Self.data(10, features: 2, target: Self.binary)
    let net = try network(["dense 2->3", "prelu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let before = net.layers
    var rng = RandomSource(seed: 1)
    for optimizer in Self.optimizers {
      let config = TrainingConfig(optimizer: optimizer, learningRate: 0.5, batch: .size(3), epochs: 3)
      let run = try Trainer.train(
        net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
      #expect(net.layers == before)
      #expect(run.network.layers != before)
    }
  }

  @Test func epochZeroEqualsAPlainEvaluation() throws {
    let (x, t) = Self.data(30, features: 3) { [$0[0] > 0 ? 1 : 0, $0[0] > 0 ? 0 : 1] }
    let (testX, testT) = Self.data(11, features: 3, seed: 6) { [$0[0] > 0 ? 1 : 0, $0[0] > 0 ? 0 : 1] }
    let nets = [
      try network(
        ["dense 3->4", "tanh", "dense ->2", "softmax"], loss: LossFunction(kind: .crossEntropy),
        regularizer: .l2(0.05)),
      try network(["dense 3->4", "relu", "dense ->2", "sigmoid"], loss: LossFunction(kind: .bce)),
    ]
    for net in nets {
      var rng = RandomSource(seed: 1)
      let config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(4), epochs: 0)
      let run = try Trainer.train(
        net, x: x, t: t, testX: testX, testT: testT, config: config, rng: &rng, progress: nil)
      let train = try net.evaluate(x, target: t)
      let test = try net.evaluate(testX, target: testT)
      #expect(run.records.count == 1)
      #expect(!run.diverged)
      #expect(
        run.records[0]
          == EpochRecord(
            epoch: 0, trainLoss: train.loss, testLoss: test.loss, trainAccuracy: train.accuracy,
            testAccuracy: test.accuracy, gradientNorms: []))
      #expect(train.accuracy != nil)
    }
  }

  @Test func evaluationInChunksEqualsAWholeEvaluation() throws {
    // 2,500 rows: chunks of 1024, 1024 and 452.
    let (x, t) = Self.data(2500, features: 2, target: Self.binary)
    let net = try network(["dense 2->3", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    var loop = try TrainingLoop<Double>(
      network: net, x: x, t: t, testX: nil, testT: nil,
      config: TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(64), epochs: 1))
    let chunked = loop.evaluationRecord(epoch: 0, gradientNorms: [])
    let whole = try net.evaluate(x, target: t)
    #expect(abs(chunked.trainLoss - whole.loss) <= 1e-12 * whole.loss)
    #expect(chunked.trainAccuracy == whole.accuracy)
  }

  // MARK: batch sizes

  @Test func batchSizesFullRaggedAndSingle() throws {
    let (x, t) = Self.data(10, features: 2, target: Self.binary)
    let net = try network(["dense 2->3", "tanh", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let expectedSteps: [(BatchSize, Int)] = [
      (.full, 1), (.size(3), 4), (.size(1), 10), (.size(10), 1), (.size(50), 1),
    ]
    for (batch, steps) in expectedSteps {
      let config = TrainingConfig(optimizer: .momentum(beta: 0.5), learningRate: 0.2, batch: batch, epochs: 2)
      var loop = try TrainingLoop<Double>(network: net, x: x, t: t, testX: nil, testT: nil, config: config)
      var rng = RandomSource(seed: 11)
      #expect(loop.trainEpoch(rng: &rng).steps == steps)
      #expect(loop.epochsCompleted == 1)
      try Self.expectMatchesReference(net, x: x, t: t, config: config)
    }
    #expect(BatchSize.full.samples(outOf: 7) == 7)
    #expect(BatchSize.size(3).samples(outOf: 7) == 3)
    #expect(BatchSize.size(30).samples(outOf: 7) == 7)
  }

  @Test func theWorkspaceKeepsItsCapacityAcrossBatchSizes() {
    var ws = TrainingWorkspace<Double>(rows: 64, inputWidth: 3, targetWidth: 1, widths: [5, 5, 1])
    ws.prepareGradients()
    let capacity = ws.outputs[0].storage.capacity
    let address = ws.outputs[0].storage.withUnsafeBufferPointer { $0.baseAddress }
    ws.resize(rows: 7)
    #expect(ws.outputs[0].rows == 7)
    #expect(ws.outputs[0].storage.count == 35)
    #expect(ws.gradients[2].rows == 7)
    #expect(ws.input.rows == 7)
    #expect(ws.target.rows == 7)
    ws.resize(rows: 64)
    #expect(ws.outputs[0].storage.count == 320)
    #expect(ws.outputs[0].storage.capacity == capacity)
    #expect(ws.outputs[0].storage.withUnsafeBufferPointer { $0.baseAddress } == address)
  }

  @Test func evaluationHasItsOwnBuffersAndLeavesTheBatchsAlone() throws {
    let (x, t) = Self.data(30, features: 2, target: Self.binary)
    let net = try network(["dense 2->5", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(8), epochs: 1)
    var loop = try TrainingLoop<Double>(network: net, x: x, t: t, testX: nil, testT: nil, config: config)
    var rng = RandomSource(seed: 1)
    _ = loop.trainEpoch(rng: &rng)
    let address = loop.workspace.outputs[0].storage.withUnsafeBufferPointer { $0.baseAddress }
    #expect(loop.evaluationWorkspace == nil)
    _ = loop.evaluationRecord(epoch: 1, gradientNorms: [])
    #expect(loop.workspace.rows == 6, "the epoch's last batch: 30 = 8 + 8 + 8 + 6")
    #expect(loop.workspace.outputs[0].storage.withUnsafeBufferPointer { $0.baseAddress } == address)
    #expect(loop.evaluationWorkspace?.rows == 30)
    #expect(loop.evaluationWorkspace?.gradients.isEmpty == true)
  }

  // MARK: errors

  @Test func badInputsThrowClearErrors() throws {
    let (x, t) = Self.data(6, features: 2, target: Self.binary)
    let net = try network(["dense 2->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let ok = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(2), epochs: 1)
    func train(
      _ x: Matrix, _ t: Matrix, testX: Matrix? = nil, testT: Matrix? = nil, config: TrainingConfig = ok
    ) -> NeuralNetError? {
      thrownError {
        var rng = RandomSource(seed: 1)
        _ = try Trainer.train(
          net, x: x, t: t, testX: testX, testT: testT, config: config, rng: &rng, progress: nil)
      }
    }
    let wide = train(Matrix(rows: 6, cols: 3), t)
    #expect(wide?.message == "the input has 3 features per sample but the model takes 2")
    let rows = train(x, mat([[1], [0]]))
    #expect(rows?.message == "the training set has 6 samples but 2 targets")
    #expect(rows?.key == "target")
    let domain = train(x, t.map { $0 * 2 })
    #expect(domain?.message.hasPrefix("bce targets must lie in [0, 1]") == true)
    let columns = train(x, mat((0..<6).map { _ in [0, 1] }))
    #expect(columns?.message == "the target is 6×2 but the model's output is 6×1")
    #expect(train(x, t, testX: x)?.message == "a test set needs both inputs and targets")
    #expect(
      train(x, t, testX: Matrix(rows: 2, cols: 5), testT: mat([[1], [0]]))?.message
        == "the input has 5 features per sample but the model takes 2")
    #expect(
      train(Matrix(rows: 0, cols: 2), Matrix(rows: 0, cols: 1))?.message == "the training set has no samples")
    var nan = x
    nan.storage[3] = .nan
    #expect(train(nan, t)?.message == "the training input has nan in row 2")
    let batch = train(
      x, t, config: TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(0), epochs: 1))
    #expect(batch?.key == "batch")
    let lr = train(x, t, config: TrainingConfig(optimizer: .sgd, learningRate: -1, batch: .full, epochs: 1))
    #expect(lr?.key == "learning-rate")
    let epochs = train(
      x, t, config: TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .full, epochs: -1))
    #expect(epochs?.key == "epochs")
  }

  // MARK: predicted classes

  @Test func predictedClassesFollowEachLossConvention() {
    let single = mat([[0.7], [0.5], [-0.2], [0.0], [0.3], [.nan]])
    #expect(LossFunction(kind: .bce).predictedClasses(output: single) == [1, 0, 0, 0, 0, 0])
    #expect(LossFunction(kind: .mse).predictedClasses(output: single) == [1, 0, 0, 0, 0, 0])
    #expect(LossFunction(kind: .sse).predictedClasses(output: single) == [1, 0, 0, 0, 0, 0])
    #expect(LossFunction(kind: .bceLogits).predictedClasses(output: single) == [1, 1, 0, 0, 1, 0])
    #expect(LossFunction(kind: .hinge).predictedClasses(output: single) == [1, 1, 0, 0, 1, 0])
    #expect(LossFunction(kind: .squaredHinge).predictedClasses(output: single) == [1, 1, 0, 0, 1, 0])
    let multi = mat([[0.1, 0.7, 0.2], [2, 2, 1], [-1, -3, -0.5], [.nan, 0, -1]])
    for kind in LossKind.allCases {
      #expect(LossFunction(kind: kind).predictedClasses(output: multi) == [1, 0, 2, 1])
    }
    #expect(LossFunction(kind: .bce).predictedClasses(output: Matrix(rows: 2, cols: 0)) == nil)
  }

  @Test func predictedClassesAgreeWithAccuracy() {
    let output = mat([[0.9], [0.2], [0.6], [0.4]])
    let target = mat([[1], [1], [0], [0]])
    for kind in [LossKind.bce, .mse] {
      let loss = LossFunction(kind: kind)
      let classes = loss.predictedClasses(output: output) ?? []
      let hits = zip(classes, target.storage).filter { Double($0) == $1 }.count
      #expect(loss.accuracy(output: output, target: target) == Double(hits) / 4)
    }
    let logits = mat([[1, 3, 0], [0, 0, 5], [2, 1, 1]])
    let classes = mat([[1], [0], [0]])
    let ce = LossFunction(kind: .crossEntropy)
    #expect(ce.predictedClasses(output: logits) == [1, 2, 0])
    #expect(ce.accuracy(output: logits, target: classes) == 2.0 / 3)
  }
}
