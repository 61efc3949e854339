import Tensor

/// A chain of layers with a loss layer at the end (lecture 001's "MLP as a
/// sequence of computational blocks"). A value type: a copy is fully
/// independent (training a copy never changes the original).
///
/// Parameters are named `W1, b1, W2, b2, …` by dense layer in order of
/// appearance (a layer without bias has no `b`), and `alpha1, alpha2, …` by
/// PReLU layer; `parameterNames` lists them in layer order.
public struct Network: Sendable {
  /// The spec the network was built from (starting values, not current ones).
  public var spec: NetworkSpec
  /// Features per sample.
  public var inputSize: Int
  /// Outputs per sample.
  public var outputSize: Int
  /// The built layers with their current parameters.
  public var layers: [Layer]

  /// Builds the layers of `spec` for data with `inputSize` features (nil:
  /// inferred from the first dense layer's `in` or explicit weights) and draws
  /// the weights of every dense layer without explicit `weights`, in layer
  /// order, from `rng` with the layer's init (else the model's). Biases start
  /// at 0 unless given; explicit weights and biases override init.
  ///
  /// Dense layers are numbered among dense layers, as their parameters are
  /// (`W2` belongs to dense layer 2); a message adds the item of the layer
  /// list when it differs: "dense layer 2 (item 3 of layers)".
  ///
  /// - Throws: no layers; a zero-sized dense layer (`out`/`in` < 1, checked
  ///   before anything else, at that layer); a dense `in` that differs from the
  ///   width reaching it (the message names both sizes and both layers, e.g.
  ///   "dense layer 2 (item 3 of layers) expects in = 2, but dense layer 1
  ///   gives 3 outputs" or "dense layer 1 expects in = 2, but the data has 3
  ///   features"); explicit weights that are not out × in; a bias with the
  ///   wrong number of values, or given with `bias: false`; non-finite explicit
  ///   values; an input size that cannot be inferred; `bce` after a layer that
  ///   is not sigmoid or softmax; `cross-entropy` with fewer than 2 outputs.
  ///   Errors about one layer carry its 0-based `layerIndex` and the `key`.
  public init(spec: NetworkSpec, inputSize: Int?, rng: inout RandomSource) throws(NeuralNetError) {
    guard !spec.layers.isEmpty else {
      throw NeuralNetError(
        "the model has no layers", hint: "List at least one layer, e.g. layers: [dense 2->1, sigmoid].",
        key: "layers")
    }
    try Network.checkDenseSizes(spec.layers)
    if let n = inputSize, n < 1 {
      throw NeuralNetError("the data has \(n) features; a model needs at least one input")
    }
    var width = inputSize
    var widthSource: String? = inputSize.map { "the data has \($0) features" }
    var resolvedInput = inputSize
    var built: [Layer] = []
    var denseNumber = 0
    for (i, layerSpec) in spec.layers.enumerated() {
      switch layerSpec {
      case .activation(let activation):
        guard activation.parameterValues.allSatisfy(\.isFinite) else {
          throw NeuralNetError(
            "\(activation.name) (item \(i + 1) of layers) needs a finite parameter", layerIndex: i)
        }
        built.append(.activation(ActivationLayer(activation: activation)))
      case .dense(let d):
        denseNumber += 1
        let layer = try Network.buildDense(
          d, index: i, number: denseNumber, width: width, widthSource: widthSource,
          defaultInit: spec.initializer,
          rng: &rng)
        if resolvedInput == nil { resolvedInput = layer.inputs }
        built.append(.dense(layer))
        width = layer.outputs
        widthSource =
          "dense layer \(denseNumber) gives \(layer.outputs) output\(layer.outputs == 1 ? "" : "s")"
      }
    }
    guard let input = resolvedInput, let output = width else {
      throw NeuralNetError(
        "cannot tell how many features the model takes", hint: "Give the data, or a dense layer with in.",
        key: "layers")
    }
    self.spec = spec
    self.inputSize = input
    self.outputSize = output
    self.layers = built
    try checkLossFits()
  }

  /// `dense layer K`, with `(item I of layers)` when K is not the item number I.
  static func denseLabel(number: Int, index: Int) -> String {
    number == index + 1 ? "dense layer \(number)" : "dense layer \(number) (item \(index + 1) of layers)"
  }

  /// Every dense layer has `out` ≥ 1 and, when given, `in` ≥ 1.
  private static func checkDenseSizes(_ layers: [LayerSpec]) throws(NeuralNetError) {
    var number = 0
    for (i, layer) in layers.enumerated() {
      guard case .dense(let d) = layer else { continue }
      number += 1
      let label = denseLabel(number: number, index: i)
      guard d.outputs >= 1 else {
        throw NeuralNetError(
          "\(label) has out = \(d.outputs); a layer needs at least one unit", layerIndex: i, key: "out")
      }
      if let n = d.inputs, n < 1 {
        throw NeuralNetError(
          "\(label) has in = \(n); a layer needs at least one input", layerIndex: i, key: "in")
      }
    }
  }

  /// Resolves, checks and initialises one dense layer (index `index`, 0-based, among all
  /// layers; `number`, 1-based, among dense layers).
  private static func buildDense(
    _ d: DenseSpec, index i: Int, number: Int, width: Int?, widthSource: String?, defaultInit: Initializer,
    rng: inout RandomSource
  ) throws(NeuralNetError) -> DenseLayer {
    let label = denseLabel(number: number, index: i)
    var inputs = d.inputs
    if let w = d.weights {
      guard w.rows == d.outputs, inputs == nil || w.cols == inputs else {
        let expected = "\(d.outputs)×\(inputs.map(String.init) ?? "in")"
        throw NeuralNetError(
          "\(label): weights are \(w.shapeDescription) but out × in is \(expected)",
          hint: "Give weights as \(d.outputs) rows (one per output) of in values.", layerIndex: i,
          key: "weights")
      }
      guard w.isFinite else {
        throw NeuralNetError("\(label): weights must be finite numbers", layerIndex: i, key: "weights")
      }
      inputs = inputs ?? w.cols
    }
    if let n = inputs, n < 1 {
      throw NeuralNetError(
        "\(label) has in = \(n); a layer needs at least one input", layerIndex: i, key: "in")
    }
    if let n = inputs, let w = width, n != w {
      throw NeuralNetError(
        "\(label) expects in = \(n), but \(widthSource ?? "the layer before gives \(w) outputs")",
        hint: "Set in: \(w) on dense layer \(number), or drop in to infer it.", layerIndex: i, key: "in")
    }
    guard let fanIn = inputs ?? width else {
      throw NeuralNetError(
        "cannot tell how many inputs \(label) has", hint: "Write in: N (e.g. dense 2->\(d.outputs)).",
        layerIndex: i, key: "in")
    }
    var bias: Matrix?
    if let values = d.biasValues {
      guard d.bias else {
        throw NeuralNetError(
          "\(label) has bias values but bias is off", layerIndex: i, key: "bias")
      }
      guard values.count == d.outputs else {
        throw NeuralNetError(
          "\(label): bias has \(values.count) values but out = \(d.outputs)",
          hint: "Give one bias per output.", layerIndex: i, key: "bias")
      }
      guard values.allSatisfy(\.isFinite) else {
        throw NeuralNetError("\(label): bias values must be finite numbers", layerIndex: i, key: "bias")
      }
      bias = Matrix(row: values)
    } else if d.bias {
      bias = Matrix(rows: 1, cols: d.outputs)
    }
    if let w = d.weights {
      return DenseLayer(weights: w, bias: bias, initializer: nil)
    }
    let initializer = d.initializer ?? defaultInit
    return DenseLayer(
      weights: initializer.weights(out: d.outputs, in: fanIn, rng: &rng), bias: bias, initializer: initializer
    )
  }

  /// Checks that the output layer suits the loss.
  private func checkLossFits() throws(NeuralNetError) {
    let last = layers.count - 1
    switch spec.loss.kind {
    case .bce:
      if case .activation(let a) = layers[last], a.activation == .sigmoid || a.activation == .softmax {
        return
      }
      throw NeuralNetError(
        "bce takes probabilities, but the model ends with \(layers[last].description)",
        hint: "End the model with sigmoid, or use loss: bce-logits on the raw output.", key: "loss")
    case .crossEntropy:
      guard outputSize >= 2 else {
        throw NeuralNetError(
          "cross-entropy needs one output per class (at least 2), but the model has \(outputSize) output",
          hint: "End with dense ->K for K classes, or use bce-logits with one output.", key: "loss")
      }
    default: return
    }
  }
}
