import Tensor

/// One block of the chain (lecture 001): a dense layer or an activation,
/// each knowing its local derivatives.
public enum Layer: Hashable, Sendable {
  /// A fully connected layer.
  case dense(DenseLayer)
  /// An activation layer.
  case activation(ActivationLayer)

  /// The layer's output for a batch, and how many inputs sat at a kink.
  public func forward(_ x: Matrix) -> (output: Matrix, kinks: Int) {
    switch self {
    case .dense(let d): return (d.forward(x), 0)
    case .activation(let a): return a.forward(x)
    }
  }

  /// Learnable numbers in the layer: out·in (+ out) for dense, 1 for PReLU, else 0.
  public var parameterCount: Int {
    switch self {
    case .dense(let d): return d.parameterCount
    case .activation(let a): return a.alpha == nil ? 0 : 1
    }
  }

  /// `dense 2->3`, `dense 2->3 nobias`, or the activation's name.
  public var description: String {
    switch self {
    case .dense(let d): return "dense \(d.inputs)->\(d.outputs)" + (d.bias == nil ? " nobias" : "")
    case .activation(let a): return a.activation.name
    }
  }
}
