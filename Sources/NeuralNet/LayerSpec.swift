import Tensor

/// One entry of a model's `layers:` list, as written (before sizes are
/// resolved and weights drawn).
public enum LayerSpec: Hashable, Sendable {
  /// A fully connected layer z = x·Wᵀ + b.
  case dense(DenseSpec)
  /// An activation layer.
  case activation(Activation)

  /// The compact form: `dense 2->3`, `dense ->3`, `dense 2->3 nobias`,
  /// `dense 2->3 init=he`, or the activation's canonical name.
  public var compactDescription: String {
    switch self {
    case .dense(let d):
      var text = "dense \(d.inputs.map(String.init) ?? "")->\(d.outputs)"
      if !d.bias { text += " nobias" }
      if let initializer = d.initializer { text += " init=\(initializer.name)" }
      return text
    case .activation(let a): return a.name
    }
  }
}

/// A dense layer as written: `in`, `out`, `bias: true|false|[values]`,
/// `weights: [[...]]` (out × in), `init`.
public struct DenseSpec: Hashable, Sendable {
  /// `in`; nil to infer it from the previous layer, the data or `weights`.
  public var inputs: Int?
  /// `out`.
  public var outputs: Int
  /// Whether the layer has a bias b (default true).
  public var bias: Bool
  /// Explicit starting weights, out × in; they override `init`.
  public var weights: Matrix?
  /// Explicit starting bias, `out` values; otherwise biases start at 0.
  public var biasValues: [Double]?
  /// This layer's init; nil for the model-wide default.
  public var initializer: Initializer?

  /// A dense layer spec; only `outputs` is required.
  public init(
    inputs: Int? = nil, outputs: Int, bias: Bool = true, weights: Matrix? = nil, biasValues: [Double]? = nil,
    initializer: Initializer? = nil
  ) {
    self.inputs = inputs
    self.outputs = outputs
    self.bias = bias
    self.weights = weights
    self.biasValues = biasValues
    self.initializer = initializer
  }
}

/// A whole model as written: layers, loss, optional regularizer, and the
/// model-wide init (default xavier).
public struct NetworkSpec: Hashable, Sendable {
  /// The layers in order.
  public var layers: [LayerSpec]
  /// The loss layer.
  public var loss: LossFunction
  /// An optional penalty on dense weights.
  public var regularizer: Regularizer?
  /// The init for dense layers that do not name their own (default `xavier`).
  public var initializer: Initializer

  /// A model spec.
  public init(
    layers: [LayerSpec], loss: LossFunction, regularizer: Regularizer? = nil,
    initializer: Initializer = .xavier
  ) {
    self.layers = layers
    self.loss = loss
    self.regularizer = regularizer
    self.initializer = initializer
  }
}
