import Tensor

/// An activation layer: Y = φ(X) on a batch. For `prelu` the layer's current
/// α lives in `activation` (`.prelu(alpha:)`) and is learned.
public struct ActivationLayer: Hashable, Sendable {
  /// The function, with its current parameter.
  public var activation: Activation

  /// A layer applying `activation`.
  public init(activation: Activation) {
    self.activation = activation
  }

  /// The learned α of a PReLU layer; nil for other activations. Setting it
  /// on a non-PReLU layer does nothing.
  public var alpha: Double? {
    get {
      if case .prelu(let a) = activation { return a }
      return nil
    }
    set {
      if case .prelu = activation, let newValue { activation = .prelu(alpha: newValue) }
    }
  }

  /// Y = φ(X) and the number of inputs exactly at a kink.
  public func forward(_ x: Matrix) -> (output: Matrix, kinks: Int) {
    activation.forward(x)
  }

  /// The input and parameter gradients of an activation layer.
  public struct Gradients: Sendable {
    /// ∂L/∂X.
    public var input: Matrix
    /// ∂L/∂α for PReLU, nil otherwise.
    public var alpha: Double?
  }

  /// ∂L/∂X from G = ∂L/∂Y (criteria A), and ∂L/∂α = Σ G·min(X, 0) for PReLU
  /// (criteria B).
  public func backward(input x: Matrix, output y: Matrix, gradOutput g: Matrix) -> Gradients {
    let dx = activation.backward(input: x, output: y, gradOutput: g)
    let dAlpha: Double? = alpha == nil ? nil : activation.alphaGradient(input: x, gradOutput: g)
    return Gradients(input: dx, alpha: dAlpha)
  }
}
