import Tensor

/// Trains a network by minibatch gradient descent (the `train` block).
public enum Trainer {
  /// Trains a copy of `network` on `x` (N × inputSize, one sample per row)
  /// with targets `t` (N rows, in the loss's convention) and returns one
  /// record per epoch, the trained network and the kink count.
  ///
  /// - `network` is not changed (a value type; a copy is trained).
  /// - `records[0]` (epoch 0) is the evaluation before any update; each
  ///   later record is the evaluation after that epoch: loss (data +
  ///   regularization) and accuracy on the whole training set and on the test
  ///   set when given (forward only, in chunks of
  ///   `TrainingLoop.evaluationChunk` rows), and the mean over the epoch's
  ///   steps of ‖∂L/∂W_k‖₂ per dense layer.
  /// - Each epoch shuffles the training indices with `rng` (one
  ///   `rng.permutation(N)` per epoch, also for `batch: full`) and steps
  ///   through them in batches (see `TrainingLoop`); parameters are updated
  ///   by `Optimizer` with `config.optimizer` and `config.learningRate`
  ///   (PyTorch semantics).
  /// - Divergence is not an error: when a minibatch loss is NaN or ±∞ the
  ///   step is not applied, a record for that epoch is appended with that
  ///   loss as `trainLoss` (test values and accuracies nil), and the run
  ///   returns with `diverged = true`; likewise when an evaluated training
  ///   loss (epoch 0 included) is not finite, or has grown past 10 times the
  ///   epoch-0 loss (`grewPastLimit`), after appending its record.
  /// - `progress` is called with each record as soon as it exists.
  /// - `config.precision` picks the loop's arithmetic: `TrainingLoop<Double>`
  ///   (float64) or `TrainingLoop<Float>` (float32); records and the
  ///   returned network are `Double`s either way.
  /// - Deterministic: the same inputs, `rng` state and BLAS thread count give
  ///   bit-identical records and weights.
  ///
  /// - Throws: see `TrainingLoop.init`: bad config values, empty sets,
  ///   inputs or targets that do not fit the network or the loss.
  public static func train(
    _ network: Network, x: Matrix, t: Matrix, testX: Matrix?, testT: Matrix?, config: TrainingConfig,
    rng: inout RandomSource, progress: ((EpochRecord) -> Void)?, shouldStop: (() -> Bool)? = nil
  ) throws(NeuralNetError) -> TrainingRun {
    switch config.precision {
    case .float64:
      let loop = try TrainingLoop<Double>(
        network: network, x: x, t: t, testX: testX, testT: testT, config: config)
      return try run(loop, rng: &rng, progress: progress, shouldStop: shouldStop)
    case .float32:
      let loop = try TrainingLoop<Float>(
        network: network, x: x, t: t, testX: testX, testT: testT, config: config)
      return try run(loop, rng: &rng, progress: progress, shouldStop: shouldStop)
    }
  }

  /// The epochs of `Trainer.train` on a loop in either precision.
  private static func run<Scalar: BLASScalar>(
    _ initial: TrainingLoop<Scalar>, rng: inout RandomSource, progress: ((EpochRecord) -> Void)?,
    shouldStop: (() -> Bool)?
  ) throws(NeuralNetError) -> TrainingRun {
    var loop = initial
    let config = loop.config
    var records: [EpochRecord] = []
    func finish(_ record: EpochRecord, diverged: Bool) -> TrainingRun {
      records.append(record)
      progress?(record)
      return TrainingRun(
        records: records, diverged: diverged, network: loop.network, kinks: loop.kinks,
        precision: config.precision)
    }
    let start = loop.evaluationRecord(epoch: 0, gradientNorms: [])
    if !start.trainLoss.isFinite || config.epochs == 0 {
      return finish(start, diverged: !start.trainLoss.isFinite)
    }
    records.append(start)
    progress?(start)
    for epoch in 1...config.epochs {
      let steps = loop.trainEpoch(rng: &rng, shouldStop: shouldStop)
      if steps.stopped {
        throw NeuralNetError(
          message:
            "training stopped during epoch \(epoch) of \(config.epochs), after \(steps.steps) step(s) of that epoch",
          hint: nil, layerIndex: nil, key: "timeout")
      }
      if let loss = steps.nonFiniteLoss {
        let record = EpochRecord(
          epoch: epoch, trainLoss: loss, testLoss: nil, trainAccuracy: nil, testAccuracy: nil,
          gradientNorms: steps.gradientNorms)
        return finish(record, diverged: true)
      }
      let record = loop.evaluationRecord(epoch: epoch, gradientNorms: steps.gradientNorms)
      let diverged = !record.trainLoss.isFinite || grewPastLimit(record.trainLoss, initial: start.trainLoss)
      if diverged || epoch == config.epochs {
        return finish(record, diverged: diverged)
      }
      records.append(record)
      progress?(record)
    }
    return TrainingRun(
      records: records, diverged: false, network: loop.network, kinks: loop.kinks,
      precision: config.precision)
  }
}
