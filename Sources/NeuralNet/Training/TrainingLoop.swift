import Tensor

/// A training run in progress, in the precision `Scalar` (`Double`:
/// float64, `Float`: float32): the network being trained, its optimizer
/// state, the data, and the preallocated workspace its steps reuse.
///
/// `Trainer.train` drives it (evaluate, then `trainEpoch` and
/// `evaluationRecord` per epoch); the benchmark drives it directly to time
/// the training steps without the evaluations. A value type: copying a loop
/// copies its parameters, optimizer state and buffers (copy on write).
///
/// Each epoch draws one permutation of the training indices from the
/// caller's `RandomSource` (`rng.permutation(N)`, also for `batch: full`)
/// and walks it in batches of `config.batch` samples (the last may be
/// smaller). Per batch: forward (one gemm per dense layer, activations on
/// raw buffers), loss, backward (gemm for ∂W = Gᵀ·X, gemm for ∂X = G·W
/// except below the first layer with parameters, column sums for ∂b), then
/// the parameters are updated in place (`BufferOptimizer`: plain SGD in one
/// pass per W that also takes ‖∂W‖² and clears ∂W, so the next ∂W gemm
/// accumulates with β = 1). A large dense layer trained by plain SGD takes
/// its step inside the ∂W product instead (`TrainingLoop+FusedUpdate`).
/// No matrix is allocated per step.
///
/// Float64: the parameters are those of `Network.lossAndGradients` on the
/// same batch followed by `Optimizer.step`, bit for bit (the norms agree to
/// rounding: their sums run in another order), except in a fused layer,
/// where they agree to rounding. Float32: data, parameters,
/// buffers and products (`cblas_sgemm`) are `Float`; element-wise functions
/// and every reported sum (losses, norms) are evaluated in `Double` from the
/// float32 values, and the results are `Double`s either way.
public struct TrainingLoop<Scalar: BLASScalar>: Sendable {
  /// The network in its current state (parameters widened to `Double`).
  public var network: Network { parameters.applied(to: template, plan: plan) }
  /// The run's settings.
  public let config: TrainingConfig
  /// Epochs completed by `trainEpoch` (an epoch stopped by a non-finite
  /// loss does not count).
  public internal(set) var epochsCompleted = 0
  /// Elements at a kink over every applied step so far (see `TrainingRun.kinks`).
  public internal(set) var kinks = 0

  /// The network trained: layers, loss and regularizer (its parameters are
  /// the starting ones; the current ones are `parameters`).
  let template: Network
  /// Training samples, one per row.
  let trainingInput: Grid<Scalar>
  /// Training targets, one row per sample.
  let trainingTarget: Grid<Scalar>
  /// The training targets as given (for accuracy).
  let trainingLabels: Matrix
  /// Test samples, targets and the targets as given, when a test set was given.
  let test: (input: Grid<Scalar>, target: Grid<Scalar>, labels: Matrix)?
  /// The current parameters.
  var parameters: ParameterSet<Scalar>
  /// The update rule with its state.
  var optimizer: BufferOptimizer<Scalar>
  /// Buffers for the current batch.
  var workspace: TrainingWorkspace<Scalar>
  /// Buffers for an evaluation chunk (forward only), made at the first evaluation.
  var evaluationWorkspace: TrainingWorkspace<Scalar>?
  /// Where each layer's parameters sit among the gradient buffers.
  let plan: TrainingPlan
  /// ∂L/∂θ (regularization included) in the shapes of `parameters`.
  var gradients: ParameterSet<Scalar>
  /// Per dense layer: true when its ∂W buffer holds zeros (fresh, or cleared
  /// by the optimizer step), so the ∂W gemm can accumulate into it (β = 1)
  /// and BLAS skips its own clearing pass.
  var weightGradientsAreZero: [Bool]
  /// Per dense layer: true when its SGD step is fused into the ∂W product
  /// (`fusesUpdate`); its ∂W buffer is then empty.
  let fusedUpdate: [Bool]

  /// Rows per evaluation chunk: evaluation runs the forward pass on at most
  /// this many samples at a time, bounding the workspace's memory.
  public static var evaluationChunk: Int { 1024 }

  /// A loop about to train a copy of `network` on `x` (N × inputSize) with
  /// targets `t` (N rows), evaluating on `testX`/`testT` when given. The
  /// data and parameters are rounded to `Scalar` (float32: a copy of half
  /// the size of `x`; float64: shared, no copy).
  /// - Throws: a bad config (see `TrainingConfig.validate`); an empty
  ///   training or test set; inputs whose width differs from the network's
  ///   input size, or with a non-finite value; targets whose row count
  ///   differs from the inputs', or that do not fit the loss (see
  ///   `LossFunction.evaluate`); a test input given without its target or
  ///   the other way round.
  public init(
    network: Network, x: Matrix, t: Matrix, testX: Matrix?, testT: Matrix?, config: TrainingConfig
  ) throws(NeuralNetError) {
    try config.validate()
    try TrainingLoop.check(network, x, t, set: "training")
    switch (testX, testT) {
    case (nil, nil): test = nil
    case (let tx?, let tt?):
      try TrainingLoop.check(network, tx, tt, set: "test")
      test = (Grid(tx), Grid(tt), tt)
    default:
      throw NeuralNetError(
        "a test set needs both inputs and targets", hint: "give both, or neither", key: "test")
    }
    template = network
    self.config = config
    trainingInput = Grid(x)
    trainingTarget = Grid(t)
    trainingLabels = t
    optimizer = BufferOptimizer(kind: config.optimizer, learningRate: config.learningRate)
    plan = TrainingPlan(network)
    let rows = config.batch.samples(outOf: x.rows)
    workspace = TrainingWorkspace(
      rows: rows, inputWidth: network.inputSize, targetWidth: t.cols,
      widths: plan.widths)
    parameters = ParameterSet(parametersOf: network)
    let fused = parameters.weights.map { w in
      TrainingLoop.fusesUpdate(
        optimizer: config.optimizer, regularized: network.spec.regularizer != nil, inputs: w.cols,
        outputs: w.rows, batch: rows)
    }
    var gradients = ParameterSet(zerosLike: parameters)
    for k in fused.indices where fused[k] { gradients.weights[k] = Grid(rows: 0, cols: 0) }
    self.gradients = gradients
    fusedUpdate = fused
    weightGradientsAreZero = [Bool](repeating: true, count: plan.denseCount)
  }

  /// Checks one data set against the network and its loss.
  private static func check(_ network: Network, _ x: Matrix, _ t: Matrix, set: String) throws(NeuralNetError)
  {
    guard x.rows > 0 else {
      throw NeuralNetError("the \(set) set has no samples", key: "data")
    }
    try network.checkInput(x)
    if let i = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw NeuralNetError(
        "the \(set) input has \(x.storage[i]) in row \(i / x.cols + 1)",
        hint: "every feature must be a finite number", key: "data")
    }
    guard t.rows == x.rows else {
      throw NeuralNetError(
        "the \(set) set has \(x.rows) samples but \(t.rows) targets",
        hint: "give one target row per sample", key: "target")
    }
    try network.spec.loss.validate(output: Matrix(rows: t.rows, cols: network.outputSize), target: t)
  }

  /// The record of epoch `epoch`: loss and accuracy on the whole training
  /// set and on the test set (forward passes only, in chunks of
  /// `evaluationChunk` rows), with the given gradient norms.
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public mutating func evaluationRecord(epoch: Int, gradientNorms: [Double]) -> EpochRecord {
    let train = evaluate(trainingInput, target: trainingTarget, labels: trainingLabels)
    var tested: (loss: Double, accuracy: Double?)?
    if let test { tested = evaluate(test.input, target: test.target, labels: test.labels) }
    return EpochRecord(
      epoch: epoch, trainLoss: train.loss, testLoss: tested?.loss, trainAccuracy: train.accuracy,
      testAccuracy: tested?.accuracy, gradientNorms: gradientNorms)
  }
}

/// What `TrainingLoop.trainEpoch` did.
public struct EpochSteps: Sendable, Equatable {
  /// Optimizer steps applied.
  public var steps: Int
  /// Per dense layer, the mean of ‖∂L/∂W_k‖₂ over the applied steps (NaN
  /// when no step was applied).
  public var gradientNorms: [Double]
  /// Elements at a kink over the applied steps.
  public var kinks: Int
  /// The minibatch loss that stopped the epoch, when one was NaN or ±∞
  /// (that step's update was not applied); nil when the epoch completed.
  public var nonFiniteLoss: Double?
  /// True when `shouldStop` ended the epoch before its last step.
  public var stopped: Bool = false

  public init(steps: Int, gradientNorms: [Double], kinks: Int, nonFiniteLoss: Double?, stopped: Bool = false)
  {
    self.steps = steps
    self.gradientNorms = gradientNorms
    self.kinks = kinks
    self.nonFiniteLoss = nonFiniteLoss
    self.stopped = stopped
  }
}

/// Where each layer's parameters and gradients sit, worked out once.
struct TrainingPlan: Sendable {
  /// For layer i: the index of its dense layer among dense layers (W1 is 0), or nil.
  let denseNumber: [Int?]
  /// For layer i: the index of its PReLU among PReLU layers, or nil.
  let preluNumber: [Int?]
  /// The first layer with parameters: no ∂L/∂(input) is needed below it.
  let firstParameterLayer: Int
  /// True when softmax + cross-entropy are fused: the loss takes the
  /// softmax's input and its gradient enters below the last layer.
  let fusesFinalSoftmax: Bool
  /// Optimizer names `W1`, `W2`, … by dense number.
  let weightNames: [String]
  /// Optimizer names `b1`, `b2`, … by dense number.
  let biasNames: [String]
  /// Optimizer names `alpha1`, … by PReLU number.
  let alphaNames: [String]
  /// The output width of each layer (`out` for dense, the input's width for an activation).
  let widths: [Int]

  /// The plan of `network`.
  init(_ network: Network) {
    var dense: [Int?] = []
    var prelu: [Int?] = []
    var denseCount = 0
    var preluCount = 0
    var first: Int?
    var width = network.inputSize
    var widths: [Int] = []
    for (i, layer) in network.layers.enumerated() {
      if case .dense(let d) = layer { width = d.outputs }
      widths.append(width)
      switch layer {
      case .dense:
        dense.append(denseCount)
        prelu.append(nil)
        denseCount += 1
        first = first ?? i
      case .activation(let a):
        dense.append(nil)
        if a.alpha != nil {
          prelu.append(preluCount)
          preluCount += 1
          first = first ?? i
        } else {
          prelu.append(nil)
        }
      }
    }
    denseNumber = dense
    self.widths = widths
    preluNumber = prelu
    firstParameterLayer = first ?? network.layers.count
    fusesFinalSoftmax = network.fusesFinalSoftmax
    weightNames = (0..<denseCount).map { "W\($0 + 1)" }
    biasNames = (0..<denseCount).map { "b\($0 + 1)" }
    alphaNames = (0..<preluCount).map { "alpha\($0 + 1)" }
  }

  /// Dense layers in the network.
  var denseCount: Int { weightNames.count }
  /// PReLU layers in the network.
  var preluCount: Int { alphaNames.count }
}
