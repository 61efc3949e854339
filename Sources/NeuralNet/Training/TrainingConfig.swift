import Tensor

/// How many samples one optimizer step sees.
public enum BatchSize: Hashable, Sendable {
  /// Every training sample in one batch (full-batch gradient descent): one
  /// step per epoch.
  case full
  /// Minibatches of `n` samples (n ≥ 1; `size(1)` is single-sample SGD). An
  /// epoch takes ⌈N/n⌉ steps; the last batch holds N − n·⌊N/n⌋ samples when
  /// n does not divide N. An n larger than N acts as `full`.
  case size(Int)

  /// The samples per step for a training set of `count` samples: `count` for
  /// `full`, else min(n, count).
  public func samples(outOf count: Int) -> Int {
    switch self {
    case .full: return count
    case .size(let n): return Swift.min(n, count)
    }
  }

  /// `full` or the number, as written in a notebook.
  public var name: String {
    switch self {
    case .full: return "full"
    case .size(let n): return String(n)
    }
  }
}

/// The arithmetic of the training loop (`precision:` in a notebook).
public enum Precision: String, Hashable, Sendable, CaseIterable {
  /// `Double` buffers, products through `cblas_dgemm` (the default).
  case float64
  /// `Float` data, parameters and buffers, products through `cblas_sgemm`;
  /// element-wise functions and sums in float64 (see `TrainingLoop`).
  case float32
}

/// The settings of one training run: the update rule, its learning rate,
/// the batch size, the number of passes over the training set and the
/// arithmetic.
public struct TrainingConfig: Hashable, Sendable {
  /// The update rule (PyTorch semantics, see `OptimizerKind`).
  public var optimizer: OptimizerKind
  /// The learning rate lr (finite, ≥ 0).
  public var learningRate: Double
  /// Samples per step.
  public var batch: BatchSize
  /// Passes over the training set (≥ 0; 0 only evaluates the starting network).
  public var epochs: Int
  /// The arithmetic of the loop (reported numbers are `Double`s either way).
  public var precision: Precision

  /// A training configuration; `Trainer.train` checks the values.
  public init(
    optimizer: OptimizerKind, learningRate: Double, batch: BatchSize, epochs: Int,
    precision: Precision = .float64
  ) {
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.batch = batch
    self.epochs = epochs
    self.precision = precision
  }

  /// Checks lr (finite, ≥ 0), the batch size (≥ 1) and the epochs (≥ 0).
  /// - Throws: naming the value, with `key` `"learning-rate"`, `"batch"` or `"epochs"`.
  public func validate() throws(NeuralNetError) {
    guard learningRate.isFinite, learningRate >= 0 else {
      throw NeuralNetError(
        "the learning rate must be a finite number ≥ 0, not \(learningRate)",
        hint: "try learning-rate: 0.1", key: "learning-rate")
    }
    if case .size(let n) = batch, n < 1 {
      throw NeuralNetError(
        "the batch size must be at least 1, not \(n)", hint: "write batch: full, or a number such as 32",
        key: "batch")
    }
    guard epochs >= 0 else {
      throw NeuralNetError("epochs must be ≥ 0, not \(epochs)", key: "epochs")
    }
  }
}

/// What one epoch of training left behind (one point of each learning curve).
public struct EpochRecord: Sendable, Equatable {
  /// The epoch: 0 is the evaluation before any update, then 1, 2, ….
  public var epoch: Int
  /// L on the whole training set (data loss + regularization, the loss's
  /// reduction), evaluated after the epoch's last step. On divergence within
  /// an epoch: the first non-finite minibatch loss.
  public var trainLoss: Double
  /// L on the test set, when one was given (nil for a record written because
  /// a minibatch loss was non-finite).
  public var testLoss: Double?
  /// The loss's accuracy convention on the training set (nil when the
  /// setting is not a classification, see `LossFunction.accuracy`).
  public var trainAccuracy: Double?
  /// The same on the test set.
  public var testAccuracy: Double?
  /// One value per dense layer (W1, W2, …): the mean over the epoch's steps
  /// of ‖∂L/∂W_k‖₂ (Frobenius, regularization included), L being the
  /// minibatch loss. Empty for epoch 0; NaN for a layer when the epoch
  /// stopped before its first update (divergence on the first step).
  public var gradientNorms: [Double]

  /// A record with every field given.
  public init(
    epoch: Int, trainLoss: Double, testLoss: Double?, trainAccuracy: Double?, testAccuracy: Double?,
    gradientNorms: [Double]
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.testLoss = testLoss
    self.trainAccuracy = trainAccuracy
    self.testAccuracy = testAccuracy
    self.gradientNorms = gradientNorms
  }
}

/// The outcome of `Trainer.train`.
public struct TrainingRun: Sendable {
  /// One record per epoch run: `records[0]` is epoch 0 (before training);
  /// the last one is the final epoch, or the epoch that diverged.
  public var records: [EpochRecord]
  /// True when a loss became NaN or ±∞ and training stopped early.
  public var diverged: Bool
  /// The trained network (on divergence: its parameters when training stopped).
  public var network: Network
  /// Elements exactly at a kink, summed over every applied training step:
  /// activation inputs (forward), hinge margins of exactly 1, and weights
  /// exactly 0 under l1 (as `BackwardPass.kinks`).
  public var kinks: Int
  /// The arithmetic the loop ran in.
  public var precision: Precision

  /// A run with every field given.
  public init(
    records: [EpochRecord], diverged: Bool, network: Network, kinks: Int, precision: Precision = .float64
  ) {
    self.records = records
    self.diverged = diverged
    self.network = network
    self.kinks = kinks
    self.precision = precision
  }

  /// The number of epochs that ran (the last record's epoch).
  public var epochsRun: Int { records.last?.epoch ?? 0 }
}
