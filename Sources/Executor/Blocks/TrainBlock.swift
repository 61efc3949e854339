import Datasets
import Foundation
import NeuralNet
import Notebook
import Tensor

/// A `train` block's decoded spec. `compare` derives its variants from it by
/// replacing one or two keys (``applying(_:_:)``).
public struct TrainSpec: Sendable {
  var model: ModelSource
  var data: Reference
  var optimizer: OptimizerKind
  var learningRate: Double
  var batch: BatchSize
  var epochs: Int
  /// Overrides of the model's loss, init, layers and bias.
  var loss: LossFunction?
  var initializer: Initializer?
  var layers: [LayerSpec]?
  var bias: Bool?
  /// `precision:`; nil follows the run's `--precision` (default float64).
  var precision: Precision?
  var plot: [String]
  var show: Set<String>
  /// `y-scale` and `y-range` of the learning curves.
  var axis = PlotAxis()
  var blockSeed: UInt64?
  var position: SourcePosition
  var keyPositions: [String: SourcePosition]

  static let keys = [
    "model", "data", "optimizer", "learning-rate", "batch", "epochs", "loss", "init", "layers", "bias",
    "precision", "plot",
    "show", "seed", "expect", "y-scale", "y-range",
  ]
  static let plots = ["loss", "accuracy"]
  static let sections = ["summary", "boundary", "confusion", "gradient-norms"]
  /// The keys `compare` may vary.
  static let varyKeys = [
    "loss", "init", "optimizer", "learning-rate", "batch", "layers", "bias", "epochs", "precision",
  ]

  init(_ body: SpecNode) throws {
    try body.rejectUnknownKeys(allowed: TrainSpec.keys) { ResultPathKeys.isResultPath($0, of: .train) }
    position = body.position
    keyPositions = [:]
    model = try ModelSource(try body.require("model"))
    let d = try body.require("data")
    data = Reference(name: try d.string(), kind: .data, position: d.position)
    optimizer = .sgd
    learningRate = 0.1
    batch = .full
    epochs = 100
    plot = ["loss"]
    show = ["summary"]
    for key in [
      "optimizer", "learning-rate", "batch", "epochs", "loss", "init", "layers", "bias", "precision",
    ] {
      if let node = body[key], !node.isNull { try set(key, node) }
    }
    if let p = body["plot"] {
      plot = try TrainSpec.names(p, allowed: TrainSpec.plots, what: "plot")
    }
    if let s = body["show"] {
      keyPositions["show"] = s.position
      show = Set(try TrainSpec.names(s, allowed: TrainSpec.sections, what: "show"))
    }
    axis = try PlotAxis(body)
    blockSeed = try body.optional("seed") { n throws(NotebookError) in try n.uint64() }
  }

  private static func names(_ node: SpecNode, allowed: [String], what: String) throws -> [String] {
    let items = try node.list()
    return try items.map { item throws -> String in
      let name = try item.string()
      guard allowed.contains(name) else {
        throw NotebookError(
          position: item.position, message: "unknown \(what) '\(name)'",
          hint: NameSuggestion.hint(for: name, among: allowed))
      }
      return name
    }
  }

  /// Sets one of the varying keys from a node (used by the body and by compare).
  mutating func set(_ key: String, _ node: SpecNode) throws {
    keyPositions[key] = node.position
    switch key {
    case "optimizer":
      let text = try node.string()
      optimizer = try positioned(node.position) { () throws(NeuralNetError) in try OptimizerKind.parse(text) }
    case "learning-rate":
      learningRate = try node.double()
      guard learningRate > 0, learningRate.isFinite else {
        throw NotebookError(position: node.position, message: "learning-rate must be a positive number")
      }
    case "batch":
      if let text = node.scalarText, text == "full" {
        batch = .full
      } else {
        let n = try node.int()
        guard n >= 1 else {
          throw NotebookError(position: node.position, message: "batch must be 'full' or at least 1")
        }
        batch = .size(n)
      }
    case "epochs":
      epochs = try node.int()
      guard epochs >= 1 else {
        throw NotebookError(position: node.position, message: "epochs must be at least 1")
      }
    case "loss": loss = try DecodedModel.loss(node)
    case "init":
      let text = try node.string()
      initializer = try positioned(node.position) { () throws(NeuralNetError) in try Initializer.parse(text) }
    case "layers":
      layers = try node.sequence().map { try DecodedModel.layer($0) }
    case "bias": bias = try node.bool()
    case "precision":
      let text = try node.string()
      guard let value = Precision(rawValue: text) else {
        throw NotebookError(
          position: node.position, message: "unknown precision '\(text)'",
          hint: NameSuggestion.hint(for: text, among: Precision.allCases.map(\.rawValue)))
      }
      precision = value
    default:
      throw NotebookError(
        position: node.position, message: "'\(key)' cannot be varied",
        hint: "Vary one of: " + TrainSpec.varyKeys.joined(separator: ", ") + ".")
    }
  }

  /// This spec with `key` replaced by `node`'s value.
  func applying(_ key: String, _ node: SpecNode) throws -> TrainSpec {
    var copy = self
    try copy.set(key, node)
    return copy
  }

  var references: [Reference] { [model.reference, data].compactMap { $0 } }

  /// The network spec after the overrides.
  func networkSpec(_ base: NetworkSpec) -> NetworkSpec {
    var spec = base
    if let loss { spec.loss = loss }
    if let layers { spec.layers = layers }
    if let initializer {
      spec.initializer = initializer
      // A varied init applies to every dense layer without explicit weights.
      spec.layers = spec.layers.map { layer in
        guard case .dense(var d) = layer else { return layer }
        d.initializer = nil
        return .dense(d)
      }
    }
    if let bias {
      spec.layers = spec.layers.map { layer in
        guard case .dense(var d) = layer else { return layer }
        d.bias = bias
        if !bias { d.biasValues = nil }
        return .dense(d)
      }
    }
    return spec
  }

  /// The rows whose activations a run holds at once: the whole training
  /// split for `batch: full`, else the batch, but at least 1,024 (or all)
  /// for the evaluation passes.
  func memoryRows(trainCount: Int) -> Int {
    switch batch {
    case .full: return trainCount
    case .size(let n): return max(min(n, trainCount), min(trainCount, 1024))
    }
  }

  /// Bytes one run of this spec needs for its network (see ``memoryRows(trainCount:)``).
  func memoryEstimate(_ prepared: Prepared) -> Double {
    let decoded = DecodedModel(
      spec: networkSpec(prepared.definition.spec), layerPositions: prepared.definition.layerPositions,
      position: prepared.definition.position, keyPositions: [:])
    return decoded.memoryEstimate(
      inputSize: prepared.split.train.featureCount, rows: memoryRows(trainCount: prepared.split.train.count))
  }

  /// True when the overrides change how the network is built.
  var rebuildsNetwork: Bool { initializer != nil || layers != nil || bias != nil }

  /// What a run needs from the workspace, resolved up front so runs can go
  /// to worker threads.
  struct Prepared: Sendable {
    var split: DataSplit
    var definition: ModelDefinition
  }

  func prepare(workspace: Workspace, context: BlockContext) throws -> Prepared {
    Prepared(
      split: try workspace.data(data),
      definition: try model.definition(workspace: workspace, context: context))
  }

  /// Trains a copy of the model. `runSeed` nil uses the model's own
  /// initialization and the block seed for shuffling (a `train` block);
  /// otherwise both come from `runSeed` (one seed of a `compare`).
  func execute(
    _ prepared: Prepared, context: BlockContext, runSeed: UInt64?, progress: ((EpochRecord) -> Void)? = nil
  ) throws -> TrainingRun {
    let split = prepared.split
    let definition = prepared.definition
    let spec = networkSpec(definition.spec)
    let features = split.train.featureCount
    let rows = memoryRows(trainCount: split.train.count)
    let budget = context.options.memory
    try budget.check(
      MemoryBudget.curves(epochs: epochs), for: "the learning curves of \(epochs) epochs",
      at: keyPositions["epochs"] ?? position)
    var network: Network
    if runSeed == nil && !rebuildsNetwork {
      network = try definition.network(
        inputSize: features, at: data.position, budget: budget, rows: rows, source: "data '\(data.name)'")
      if let loss {
        network = try rebuilt(network, spec: spec, loss: loss, definition: definition, features: features)
      }
    } else {
      let decoded = DecodedModel(
        spec: spec, layerPositions: definition.layerPositions, position: definition.position,
        keyPositions: keyPositions)
      network = try decoded.build(
        inputSize: features, seed: runSeed ?? definition.seed, budget: budget, rows: rows)
    }
    var rng = RandomSource(
      seed: runSeed.map { SeedDerivation.derive([$0, 1]) } ?? context.seed(blockSeed: blockSeed))
    let precision = self.precision ?? context.options.precision
    if precision == .float32 {
      // The float32 copy of the data, beside the float64 one.
      let samples = split.train.count + (split.test?.count ?? 0)
      try budget.check(
        Double(samples) * Double(features) * 4, for: "the float32 copy of data '\(data.name)'",
        at: keyPositions["precision"] ?? data.position)
    }
    let config = TrainingConfig(
      optimizer: optimizer, learningRate: learningRate, batch: batch, epochs: epochs, precision: precision)
    do {
      return try Trainer.train(
        network, x: split.train.features, t: split.train.targets, testX: split.test?.features,
        testT: split.test?.targets, config: config, rng: &rng, progress: progress,
        shouldStop: context.deadline.map { deadline in { Date() > deadline } })
    } catch {
      if error.key == "timeout", let seconds = context.timeout {
        throw NotebookError(
          position: context.position,
          message: "stopped after the block's timeout of \(NumberText.short(seconds)) s: \(error.message)",
          hint: "Raise timeout:, or train for fewer epochs or on fewer samples.")
      }
      throw NotebookError(
        position: keyPositions["loss"] ?? data.position, message: error.message, hint: error.hint)
    }
  }

  /// The model's network with only the loss replaced (weights unchanged).
  private func rebuilt(
    _ network: Network, spec: NetworkSpec, loss: LossFunction, definition: ModelDefinition, features: Int
  ) throws -> Network {
    let decoded = DecodedModel(
      spec: spec, layerPositions: definition.layerPositions, position: definition.position,
      keyPositions: keyPositions)
    var fresh = try decoded.build(inputSize: features, seed: definition.seed)
    for name in network.parameterNames {
      if let p = network.parameter(name) { try? fresh.setParameter(name, p) }
    }
    return fresh
  }
}

/// `train` — learning with SGD, momentum or Adam; curves per epoch.
///
/// Results: `train.loss`, `test.loss`, `train.accuracy`, `test.accuracy`
/// (final epoch), `epochs-run`, `diverged`, `best.test.loss`, `best-epoch`,
/// `curve.train.loss`, `curve.test.loss`, `curve.train.accuracy`,
/// `curve.test.accuracy`, `curve.grad-norm.W1`, …, `symmetry.W1`, …, `kinks`,
/// and the trained parameters `final.W1`, `final.b1`, … (full precision, in
/// results only: the report does not show them).
struct TrainBlockSpec: BlockSpec {
  let spec: TrainSpec
  let expectations: [Expectation]
  var references: [Reference] { spec.references }

  init(_ body: SpecNode, block: BlockSource) throws {
    spec = try TrainSpec(body)
    expectations = try body.expectations()
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let label = context.block.name ?? "train"
    let started = Date()
    let progress = context.options.progress
    let prepared = try spec.prepare(workspace: workspace, context: context)
    let split = prepared.split
    if spec.show.contains("confusion"), let k = (split.test ?? split.train).classCount {
      // Counts, labels and the heatmap's gnuplot text: about 40 bytes a cell.
      try context.options.memory.check(
        40 * Double(k) * Double(k), for: "the \(k)×\(k) confusion matrix",
        at: spec.keyPositions["show"] ?? spec.position)
    }
    let run = try spec.execute(prepared, context: context, runSeed: nil) { record in
      guard let progress else { return }
      let seconds = max(Date().timeIntervalSince(started), 1e-9)
      progress(
        ProgressEvent(
          blockLine: context.block.line, label: label, epoch: record.epoch, epochs: spec.epochs,
          loss: record.trainLoss, samplesPerSecond: Double(split.train.count * record.epoch) / seconds))
    }
    TrainReport.results(run, into: &outcome.results)
    // The trained parameters at full precision, shaped as in `step`.
    for name in run.network.parameterNames {
      if let p = run.network.parameter(name) {
        outcome.results.set("final.\(name)", p, shape: StepStages.shape(ofParameter: name))
      }
    }
    TrainReport.content(run, spec: spec, split: split, prefix: context.figurePrefix, into: &outcome.content)
    return .train(spec)
  }
}
