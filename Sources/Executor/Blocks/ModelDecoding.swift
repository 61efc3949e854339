import NeuralNet
import Notebook
import Tensor

/// A network spec decoded from a `model` body (or an inline `model:`), with
/// the position of each layer so that later errors point at the right line.
struct DecodedModel: Sendable {
  var spec: NetworkSpec
  var layerPositions: [SourcePosition]
  var position: SourcePosition
  /// Positions of the `loss`, `init` and `regularizer` keys, for errors.
  var keyPositions: [String: SourcePosition]

  static let keys = ["layers", "loss", "regularizer", "init", "seed"]

  init(
    spec: NetworkSpec, layerPositions: [SourcePosition], position: SourcePosition,
    keyPositions: [String: SourcePosition]
  ) {
    self.spec = spec
    self.layerPositions = layerPositions
    self.position = position
    self.keyPositions = keyPositions
  }

  /// Decodes `layers`, `loss`, `regularizer` and `init` from a mapping.
  ///
  /// Layers are a list whose items are compact strings (`dense 2->3 nobias`,
  /// `relu`, `leaky-relu(0.1)`) or one-key mappings (`dense: {in, out, bias,
  /// weights, init}`, `leaky-relu: {slope: 0.1}`); the whole list may also be
  /// a flow list of compact strings.
  init(_ node: SpecNode) throws {
    position = node.position
    let layersNode = try node.require("layers")
    var layers: [LayerSpec] = []
    var positions: [SourcePosition] = []
    for item in try layersNode.sequence() {
      positions.append(item.position)
      layers.append(try DecodedModel.layer(item))
    }
    if layers.isEmpty {
      throw NotebookError(position: layersNode.position, message: "a model needs at least one layer")
    }
    layerPositions = positions
    var keyPositions: [String: SourcePosition] = [:]
    let lossNode = try node.require("loss")
    keyPositions["loss"] = lossNode.position
    let loss = try DecodedModel.loss(lossNode)
    var regularizer: Regularizer?
    if let r = node["regularizer"], !r.isNull {
      keyPositions["regularizer"] = r.position
      regularizer = try DecodedModel.regularizer(r)
    }
    var initializer = Initializer.xavier
    if let i = node["init"], !i.isNull {
      keyPositions["init"] = i.position
      let text = try i.string()
      initializer = try positioned(i.position) { () throws(NeuralNetError) in try Initializer.parse(text) }
    }
    self.keyPositions = keyPositions
    spec = NetworkSpec(layers: layers, loss: loss, regularizer: regularizer, initializer: initializer)
  }

  /// One layer item.
  static func layer(_ item: SpecNode) throws -> LayerSpec {
    if item.isScalar {
      let text = try item.string()
      return try positioned(item.position) { () throws(NeuralNetError) in try LayerSpec.parseCompact(text) }
    }
    guard item.isMapping, let entry = item.entries().first, item.entries().count == 1 else {
      throw NotebookError(
        position: item.position,
        message: "a layer is a name like 'relu' or a one-key mapping like 'dense: {in: 2, out: 3}'")
    }
    let options = entry.value
    if entry.key.lowercased() == "dense" {
      try options.rejectUnknownKeys(allowed: ["in", "out", "bias", "weights", "init"])
      var dense = DenseSpec(
        inputs: nil, outputs: 0, bias: true, weights: nil, biasValues: nil, initializer: nil)
      dense.inputs = try options.optional("in") { n throws(NotebookError) in try n.int() }
      if let w = options["weights"], !w.isNull {
        let rows = try w.matrix()
        guard let m = Matrix(rowsOf: rows), m.count > 0 else {
          throw NotebookError(
            position: w.position, message: "weights must be a non-empty out × in matrix with equal rows")
        }
        dense.weights = m
      }
      if let out = options["out"] {
        dense.outputs = try out.int()
      } else if let w = dense.weights {
        dense.outputs = w.rows
      } else {
        throw NotebookError(position: options.position, message: "dense layer needs 'out' (or 'weights')")
      }
      if dense.inputs == nil, let w = dense.weights { dense.inputs = w.cols }
      if let b = options["bias"], !b.isNull {
        if b.isSequence || (b.isScalar && (try? b.double()) != nil && (try? b.bool()) == nil) {
          dense.biasValues = try b.doubles()
          dense.bias = true
          if dense.biasValues?.allSatisfy(\.isFinite) == false {
            throw NotebookError(
              position: b.position, message: "bias values must be finite numbers (found NaN or infinity)")
          }
        } else {
          dense.bias = try b.bool()
        }
      }
      if let i = options["init"], !i.isNull {
        let text = try i.string()
        dense.initializer = try positioned(i.position) { () throws(NeuralNetError) in
          try Initializer.parse(text)
        }
      }
      return .dense(dense)
    }
    // An activation with options: `leaky-relu: {slope: 0.1}` or `elu: 0.5`.
    var arguments: [String: String] = [:]
    if options.isMapping {
      for e in options.entries() { arguments[e.key] = try e.value.string() }
    } else if !options.isNull {
      let value = try options.string()
      return try positioned(entry.keyPosition) { () throws(NeuralNetError) in
        _ = try Activation.parse(name: entry.key, options: [:])
        return .activation(try Activation.parse("\(entry.key)(\(value))"))
      }
    }
    let named = arguments
    return try positioned(entry.keyPosition) { () throws(NeuralNetError) in
      .activation(try Activation.parse(name: entry.key, options: named))
    }
  }

  /// `loss: bce` or `loss: {mse: {scale: 0.5, reduction: sum}}`.
  static func loss(_ node: SpecNode) throws -> LossFunction {
    if node.isScalar {
      let name = try node.string()
      return try positioned(node.position) { () throws(NeuralNetError) in
        try LossFunction.parse(name: name, options: [:])
      }
    }
    guard node.isMapping, node.entries().count == 1, let entry = node.entries().first else {
      throw NotebookError(
        position: node.position, message: "loss is a name like 'bce' or a mapping like '{mse: {scale: 0.5}}'")
    }
    var options: [String: String] = [:]
    if entry.value.isMapping {
      for e in entry.value.entries() { options[e.key] = try e.value.string() }
    }
    return try positioned(entry.keyPosition) { () throws(NeuralNetError) in
      try LossFunction.parse(name: entry.key, options: options)
    }
  }

  /// `regularizer: {l2: 0.01}` or `{l1: 0.001}`; the strength λ is a finite
  /// number ≥ 0 (0 turns the penalty off).
  static func regularizer(_ node: SpecNode) throws -> Regularizer {
    guard node.isMapping, node.entries().count == 1, let entry = node.entries().first else {
      throw NotebookError(position: node.position, message: "regularizer is a mapping like '{l2: 0.01}'")
    }
    guard Regularizer.names.contains(entry.key) else {
      throw NotebookError(
        position: entry.keyPosition, message: "unknown regularizer '\(entry.key)'",
        hint: NameSuggestion.hint(for: entry.key, among: Regularizer.names))
    }
    let lambda = try entry.value.double()
    guard lambda >= 0, lambda.isFinite else {
      throw entry.value.error(
        "the \(entry.key) strength must be a finite number ≥ 0, got \(entry.value.describedValue)",
        hint: "Write e.g. {\(entry.key): 0.01}; a negative strength would reward large weights.")
    }
    return entry.key == "l2" ? .l2(lambda) : .l1(lambda)
  }

  /// Layer widths from the input through every dense layer (activations keep
  /// the width); unknown sizes count as 0.
  func widths(inputSize: Int?) -> [Int] {
    var widths = [inputSize ?? 0]
    for layer in spec.layers {
      if case .dense(let d) = layer { widths.append(max(d.outputs, 0)) }
    }
    if widths.count > 1, widths[0] == 0, case .dense(let d)? = spec.layers.first { widths[0] = d.inputs ?? 0 }
    return widths
  }

  /// The input width, then the output width of every layer (an activation
  /// keeps its input's width); unknown sizes count as 0.
  func layerWidths(inputSize: Int?) -> [Int] {
    var result = [widths(inputSize: inputSize).first ?? 0]
    for layer in spec.layers {
      switch layer {
      case .dense(let d): result.append(max(d.outputs, 0))
      case .activation: result.append(result.last ?? 0)
      }
    }
    return result
  }

  /// Bytes this network needs for `rows` samples (``MemoryBudget/network(widths:layerWidths:rows:)``).
  func memoryEstimate(inputSize: Int?, rows: Int) -> Double {
    MemoryBudget.network(
      widths: widths(inputSize: inputSize), layerWidths: layerWidths(inputSize: inputSize), rows: rows)
  }

  /// Builds the network with `seed`, mapping layer errors to their lines.
  /// The parameters and the activations of `rows` samples must fit `budget`.
  func build(inputSize: Int?, seed: UInt64, budget: MemoryBudget = MemoryBudget(), rows: Int = 1) throws
    -> Network
  {
    try budget.check(memoryEstimate(inputSize: inputSize, rows: rows), for: "this network", at: position)
    var rng = RandomSource(seed: seed)
    do {
      return try Network(spec: spec, inputSize: inputSize, rng: &rng)
    } catch {
      throw notebookError(error)
    }
  }

  /// A layer-library error placed at the layer or key it concerns.
  func notebookError(_ error: NeuralNetError) -> NotebookError {
    var at = position
    if let i = error.layerIndex, i >= 0, i < layerPositions.count {
      at = layerPositions[i]
    } else if let key = error.key, let p = keyPositions[key] {
      at = p
    }
    return NotebookError(position: at, message: error.message, hint: error.hint)
  }
}

/// Runs `body`, turning a layer-library error into one at `position`.
func positioned<T>(_ position: SourcePosition, _ body: () throws(NeuralNetError) -> T) throws(NotebookError)
  -> T
{
  do {
    return try body()
  } catch {
    throw NotebookError(position: position, message: error.message, hint: error.hint)
  }
}

extension NetworkSpec {
  /// The input size the layers declare: the first dense layer's `in`, else
  /// the column count of its explicit `weights`; nil when it gives neither
  /// (the data decides at first use). Activations before it keep the width;
  /// a later dense layer's `in` says nothing about the input.
  var declaredInputSize: Int? {
    for layer in layers {
      switch layer {
      case .dense(let d): return d.inputs ?? d.weights?.cols
      case .activation: continue
      }
    }
    return nil
  }
}

extension ModelDefinition {
  /// The model's input size as far as it is known before any data: the built
  /// network's, else the one its first dense layer declares.
  var knownInputSize: Int? { network?.inputSize ?? spec.declaredInputSize }

  /// The network for data with `inputSize` features: the one built by the
  /// model block, or built now with the model's seed. A size that differs
  /// from the model's is an error naming both, and what gives the features
  /// (`source`, e.g. `data 'd'`; default `the input`) and the model.
  func network(
    inputSize: Int?, at position: SourcePosition, budget: MemoryBudget = MemoryBudget(), rows: Int = 1,
    source: String = "the input"
  )
    throws -> Network
  {
    let decoded = DecodedModel(
      spec: spec, layerPositions: layerPositions, position: self.position, keyPositions: [:])
    try budget.check(
      decoded.memoryEstimate(inputSize: inputSize ?? network?.inputSize, rows: rows),
      for: "this network with \(rows) sample(s)", at: position)
    if let n = network {
      if let inputSize, inputSize != n.inputSize {
        throw NotebookError(
          position: position,
          message:
            "\(source) has \(inputSize) feature\(inputSize == 1 ? "" : "s") but "
            + "\(name.map { "model '\($0)'" } ?? "the model") expects \(n.inputSize)",
          hint: "Check the data or the first dense layer's 'in'.")
      }
      return n
    }
    return try decoded.build(inputSize: inputSize, seed: seed, budget: budget, rows: rows)
  }
}

/// `model:` in a step, train or gradcheck body: a name or an inline model.
enum ModelSource: Sendable {
  case named(Reference)
  case inline(DecodedModel)

  init(_ node: SpecNode) throws {
    if node.isMapping {
      self = .inline(try DecodedModel(node))
    } else {
      self = .named(Reference(name: try node.string(), kind: .model, position: node.position))
    }
  }

  var reference: Reference? {
    if case .named(let r) = self { return r }
    return nil
  }

  /// The model definition, for an inline model built with the block's seed.
  func definition(workspace: Workspace, context: BlockContext) throws -> ModelDefinition {
    switch self {
    case .named(let r): return try workspace.model(r)
    case .inline(let d):
      return ModelDefinition(
        spec: d.spec, network: nil, seed: context.seed(blockSeed: nil), layerPositions: d.layerPositions,
        position: d.position)
    }
  }
}
