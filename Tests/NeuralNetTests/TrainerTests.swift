import Tensor
import Testing

@testable import NeuralNet

/// The training loop against steps done by hand with `Network.lossAndGradients`
/// and `Optimizer.step`, plus the run-level semantics of `Trainer.train`.
@Suite struct TrainerTests {
  // MARK: helpers

  /// `n` samples of `features` uniform features in [−2, 2) and targets from `target(row)`.
  static func data(
    _ n: Int, features: Int, seed: UInt64 = 5, target: ([Double]) -> [Double]
  ) -> (x: Matrix, t: Matrix) {
    var rng = RandomSource(seed: seed)
    let x = randomMatrix(n, features, &rng, -2, 2)
    let rows = (0..<n).map { target(x.row($0)) }
    return (x, mat(rows))
  }

  /// Binary 0/1 targets: 1 when the features sum above 0.
  static func binary(_ row: [Double]) -> [Double] { [row.reduce(0, +) > 0 ? 1 : 0] }

  /// What `Trainer.train` should do, written with the reference API: per epoch
  /// one `rng.permutation(N)`, batches of consecutive indices, then
  /// `lossAndGradients` and `Optimizer.step`. Returns the network and the
  /// per-epoch mean gradient norms and the total kinks.
  static func referenceTraining(
    _ network: Network, x: Matrix, t: Matrix, config: TrainingConfig, seed: UInt64
  ) throws -> (network: Network, norms: [[Double]], kinks: Int) {
    var net = network
    var rng = RandomSource(seed: seed)
    var optimizer = Optimizer(kind: config.optimizer, learningRate: config.learningRate)
    let n = x.rows
    let batch = config.batch.samples(outOf: n)
    var norms: [[Double]] = []
    var kinks = 0
    for _ in 0..<config.epochs {
      let order = rng.permutation(n)
      let denseCount = net.parameterNames.filter { $0.hasPrefix("W") }.count
      var sums = [Double](repeating: 0, count: denseCount)
      var steps = 0
      for start in stride(from: 0, to: n, by: batch) {
        let indices = Array(order[start..<min(start + batch, n)])
        let pass = try net.lossAndGradients(x.rows(at: indices), target: t.rows(at: indices))
        for k in 0..<denseCount { sums[k] += pass.parameterGradients["W\(k + 1)"]?.norm() ?? .nan }
        kinks += pass.kinks
        optimizer.step(&net, gradients: pass.parameterGradients)
        steps += 1
      }
      norms.append(sums.map { $0 / Double(steps) })
    }
    return (net, norms, kinks)
  }

  /// The largest |difference| over every parameter of two networks of the same shape.
  static func parameterDifference(_ a: Network, _ b: Network) -> Double {
    var worst = 0.0
    for name in a.parameterNames {
      guard let p = a.parameter(name), let q = b.parameter(name) else { return .infinity }
      worst = max(worst, p.maxAbsDifference(q))
    }
    return worst
  }

  static let optimizers: [OptimizerKind] = [
    .sgd, .momentum(beta: 0.9), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
  ]

  /// Trains with `Trainer.train` and with the reference loop; expects the
  /// same weights (to 1e-12, and in fact bit for bit: the fast path does the
  /// same operations in the same order), the same kinks, and the same
  /// gradient norms to 1e-12 relative (the norm's sum runs in another order).
  static func expectMatchesReference(
    _ net: Network, x: Matrix, t: Matrix, config: TrainingConfig, tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var rng = RandomSource(seed: 11)
    let run = try Trainer.train(
      net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    let reference = try referenceTraining(net, x: x, t: t, config: config, seed: 11)
    #expect(!run.diverged, sourceLocation: sourceLocation)
    #expect(parameterDifference(run.network, reference.network) <= tolerance, sourceLocation: sourceLocation)
    #expect(run.network.layers == reference.network.layers, "bit for bit", sourceLocation: sourceLocation)
    #expect(
      parameterDifference(run.network, net) > 1e-6, "training moved the weights",
      sourceLocation: sourceLocation)
    #expect(run.kinks == reference.kinks, sourceLocation: sourceLocation)
    #expect(run.records.count == config.epochs + 1, sourceLocation: sourceLocation)
    for (record, norms) in zip(run.records.dropFirst(), reference.norms) {
      #expect(record.gradientNorms.count == norms.count, sourceLocation: sourceLocation)
      for (a, b) in zip(record.gradientNorms, norms) {
        #expect(abs(a - b) <= tolerance * max(1, b), sourceLocation: sourceLocation)
      }
    }
  }

  // MARK: fast path = reference

  @Test(arguments: optimizers)
  func oneStepEqualsTheReferenceStep(optimizer: OptimizerKind) throws {
    let (x, t) = Self.data(9, features: 3, target: Self.binary)
    let reluSigmoid = try network(
      ["dense 3->4", "relu", "dense ->3", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let tanhLinear = try network(
      ["dense 3->4", "tanh", "dense ->3", "tanh", "dense ->1"], loss: LossFunction(kind: .mse))
    for net in [reluSigmoid, tanhLinear] {
      let config = TrainingConfig(optimizer: optimizer, learningRate: 0.05, batch: .full, epochs: 1)
      try Self.expectMatchesReference(net, x: x, t: t, config: config)
      // Several epochs of minibatches (4, 4, 1): optimizer state carries over.
      let minibatches = TrainingConfig(optimizer: optimizer, learningRate: 0.05, batch: .size(4), epochs: 3)
      try Self.expectMatchesReference(net, x: x, t: t, config: minibatches)
    }
  }

  @Test func aLargeLayerUpdatedInChunksEqualsTheReference() throws {
    // W2 has 40,000 weights: the fused SGD pass splits it into two chunks.
    let (x, t) = Self.data(5, features: 3, target: Self.binary)
    let net = try network(
      ["dense 3->200", "relu", "dense ->200", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    let config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(2), epochs: 2)
    try Self.expectMatchesReference(net, x: x, t: t, config: config)
  }

  @Test func everyLayerAndLossKindEqualsTheReference() throws {
    let (x, t) = Self.data(7, features: 2, target: Self.binary)
    // A zero row gives relu/leaky/prelu inputs exactly 0 (zero biases): kinks.
    var xz = x
    xz.storage[0] = 0
    xz.storage[1] = 0
    let classes = mat((0..<7).map { [Double($0 % 3)] })
    let signs = t.map { $0 == 1 ? 1 : -1 }
    let cases: [([String], LossFunction, Matrix, Regularizer?)] = [
      (["dense 2->3", "leaky-relu(0.1)", "dense ->1", "sigmoid"], LossFunction(kind: .bce), t, .l2(0.01)),
      (["dense 2->3", "prelu", "dense ->1"], LossFunction(kind: .bceLogits), t, nil),
      (["dense 2->3", "elu(0.5)", "dense ->1"], LossFunction(kind: .hinge), signs, .l1(0.01)),
      (["dense 2->3", "gelu", "dense ->1 nobias"], LossFunction(kind: .squaredHinge), signs, nil),
      (["dense 2->3", "softplus", "dense ->1"], LossFunction(kind: .sse), t, nil),
      (
        ["dense 2->3", "identity", "relu", "dense ->3", "softmax"], LossFunction(kind: .crossEntropy),
        classes, nil
      ),
      (
        ["dense 2->3", "relu", "dense ->3"], LossFunction(kind: .crossEntropy, scale: 0.5, reduction: .sum),
        classes, nil
      ),
      (
        ["dense 2->4", "tanh", "dense ->3", "softmax"], LossFunction(kind: .mse),
        LossFunction.classWeights(classes, classes: 3), nil
      ),
    ]
    for (layers, loss, target, regularizer) in cases {
      let net = try network(layers, loss: loss, regularizer: regularizer)
      for optimizer in [OptimizerKind.sgd, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)] {
        let config = TrainingConfig(optimizer: optimizer, learningRate: 0.1, batch: .size(3), epochs: 2)
        try Self.expectMatchesReference(net, x: xz, t: target, config: config)
      }
    }
  }

  @Test func kinksAreCountedOverTheSteps() throws {
    // relu after a layer without bias sees exact zeros for the zero sample
    // (z = W·0): 3 units, once per epoch, over 2 epochs.
    var x = Matrix(rows: 4, cols: 2, repeating: 1)
    x.storage[2] = 0
    x.storage[3] = 0
    let t = mat([[1], [0], [1], [0]])
    let net = try network(
      ["dense 2->3 nobias", "relu", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce))
    var rng = RandomSource(seed: 1)
    let config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .size(2), epochs: 2)
    let run = try Trainer.train(
      net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    #expect(run.kinks == 6)
    #expect(try Self.referenceTraining(net, x: x, t: t, config: config, seed: 1).kinks == 6)
  }

  // MARK: hand-worked

  @Test func handWorkedSingleStep() throws {
    // dense 1->1, w = 0.5, b = 0, mse; x = [1, 2], t = [0, 0]. y = [0.5, 1],
    // L = (0.25 + 1)/2 = 0.625; ∂L/∂w = Σ y·x = 0.5 + 2 = 2.5, ∂L/∂b = Σ y = 1.5.
    // SGD lr 0.1: w = 0.25, b = −0.15; then y = [0.1, 0.35], L = (0.01 + 0.1225)/2 = 0.06625.
    var rng = RandomSource(seed: 0)
    let net = try Network(
      spec: NetworkSpec(
        layers: [.dense(DenseSpec(inputs: 1, outputs: 1, weights: mat([[0.5]]), biasValues: [0]))],
        loss: LossFunction(kind: .mse)), inputSize: 1, rng: &rng)
    let config = TrainingConfig(optimizer: .sgd, learningRate: 0.1, batch: .full, epochs: 1)
    let run = try Trainer.train(
      net, x: mat([[1], [2]]), t: mat([[0], [0]]), testX: nil, testT: nil, config: config, rng: &rng,
      progress: nil)
    try #require(run.records.count == 2)
    #expect(abs(run.records[0].trainLoss - 0.625) < 1e-15)
    #expect(run.records[0].gradientNorms.isEmpty)
    #expect(run.records[1].gradientNorms.count == 1)
    #expect(abs(run.records[1].gradientNorms[0] - 2.5) < 1e-15)
    #expect(abs((run.network.parameter("W1")?[0, 0] ?? 0) - 0.25) < 1e-15)
    #expect(abs((run.network.parameter("b1")?[0, 0] ?? 0) - -0.15) < 1e-15)
    #expect(abs(run.records[1].trainLoss - 0.06625) < 1e-15)
    // mse with one output and 0/1 targets reads y > 0.5 as class 1: both right.
    #expect(run.records[1].trainAccuracy == 1)
  }

  @Test func gradientNormsMatchTheReferenceForAFullBatchEpoch() throws {
    let (x, t) = Self.data(12, features: 3, target: Self.binary)
    let net = try network(
      ["dense 3->5", "relu", "dense ->4", "tanh", "dense ->1", "sigmoid"], loss: LossFunction(kind: .bce),
      regularizer: .l2(0.1))
    var rng = RandomSource(seed: 3)
    let config = TrainingConfig(optimizer: .momentum(beta: 0.9), learningRate: 0.1, batch: .full, epochs: 1)
    let run = try Trainer.train(
      net, x: x, t: t, testX: nil, testT: nil, config: config, rng: &rng, progress: nil)
    // The full batch in the original order: the same gradient up to rounding.
    let pass = try net.lossAndGradients(x, target: t)
    let expected = ["W1", "W2", "W3"].map { pass.parameterGradients[$0]?.norm() ?? .nan }
    let norms = run.records[1].gradientNorms
    #expect(norms.count == 3)
    for (a, b) in zip(norms, expected) { #expect(abs(a - b) <= 1e-12 * b) }
    #expect(expected.allSatisfy { $0 > 1e-3 })
  }
}
