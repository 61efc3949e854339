/// An activation layer's function φ, applied to a batch (N×k, one sample per row).
///
/// Every case but `softmax` acts element by element; `softmax` normalises each
/// row. Conventions at kinks (inputs exactly 0), as PyTorch unless the contract
/// says otherwise:
///
/// | case | φ(x) | φ'(x) | at x = 0 |
/// |---|---|---|---|
/// | `sigmoid` | 1/(1+e^{−x}) | σ(1−σ) | smooth |
/// | `tanh` | tanh x | 1 − tanh² x | smooth |
/// | `relu` | max(0, x) | 1 if x > 0 else 0 | φ'(0) = 0, a kink |
/// | `leakyReLU(slope:)` | x if x ≥ 0 else slope·x | 1 if x > 0 else slope | φ'(0) = slope, a kink |
/// | `prelu(alpha:)` | x if x ≥ 0 else α·x | 1 if x > 0 else α; ∂φ/∂α = min(x, 0) | φ'(0) = α, a kink |
/// | `elu(alpha:)` | x if x > 0 else α(eˣ − 1) | 1 if x > 0 else α·eˣ | φ'(0) = α; a kink only when α ≠ 1 |
/// | `gelu` | x·Φ(x) | Φ(x) + x·φ_N(x) | smooth |
/// | `softplus` | ln(1 + eˣ), x if x > 20 | σ(x), 1 if x > 20 | smooth (PyTorch β = 1, threshold 20) |
/// | `identity` | x | 1 | smooth |
/// | `softmax` | e^{x_j}/Σ_k e^{x_k} per row | y ⊙ (g − ⟨g, y⟩) | smooth |
public enum Activation: Hashable, Sendable {
  /// Logistic sigmoid σ(x) = 1/(1 + e^{−x}).
  case sigmoid
  /// Hyperbolic tangent.
  case tanh
  /// max(0, x); derivative 0 at x = 0 (PyTorch).
  case relu
  /// x for x ≥ 0, slope·x below; derivative at 0 is the slope (the contract).
  case leakyReLU(slope: Double)
  /// Like leaky ReLU with a learned slope α (one scalar per layer); `alpha` is
  /// the starting value in a spec and the current value in a network.
  case prelu(alpha: Double)
  /// x for x > 0, α(eˣ − 1) below.
  case elu(alpha: Double)
  /// Exact GELU x·Φ(x), Φ the standard normal CDF.
  case gelu
  /// ln(1 + eˣ) with PyTorch's β = 1 and threshold 20.
  case softplus
  /// φ(x) = x.
  case identity
  /// Row-wise softmax.
  case softmax

  /// PyTorch's default leaky-ReLU slope, 0.01.
  public static let defaultLeakySlope = 0.01
  /// PyTorch's default PReLU starting alpha, 0.25.
  public static let defaultPReLUAlpha = 0.25
  /// The default ELU alpha, 1.
  public static let defaultELUAlpha = 1.0

  /// The base names `parse` accepts, in the contract's order.
  public static let names = [
    "sigmoid", "tanh", "relu", "leaky-relu", "prelu", "elu", "gelu", "softplus", "identity", "softmax",
  ]

  /// The name without parameters, e.g. `leaky-relu`.
  public var baseName: String {
    switch self {
    case .sigmoid: return "sigmoid"
    case .tanh: return "tanh"
    case .relu: return "relu"
    case .leakyReLU: return "leaky-relu"
    case .prelu: return "prelu"
    case .elu: return "elu"
    case .gelu: return "gelu"
    case .softplus: return "softplus"
    case .identity: return "identity"
    case .softmax: return "softmax"
    }
  }

  /// The canonical name, parameters spelt out: `relu`, `leaky-relu(slope=0.01)`,
  /// `prelu(alpha=0.25)`, `elu(alpha=1)`. `parse(name)` gives back `self`.
  public var name: String {
    switch self {
    case .leakyReLU(let slope): return "leaky-relu(slope=\(formatNumber(slope)))"
    case .prelu(let alpha): return "prelu(alpha=\(formatNumber(alpha)))"
    case .elu(let alpha): return "elu(alpha=\(formatNumber(alpha)))"
    default: return baseName
    }
  }

  /// True for every case but `softmax`.
  public var isElementwise: Bool { self != .softmax }

  /// True when the function has a kink at 0 (relu, leaky-relu, prelu, and elu with α ≠ 1).
  public var hasKink: Bool {
    switch self {
    case .relu, .leakyReLU, .prelu: return true
    case .elu(let alpha): return alpha != 1
    default: return false
    }
  }

  /// The parameters of the case (slope or alpha), for validation.
  var parameterValues: [Double] {
    switch self {
    case .leakyReLU(let s): return [s]
    case .prelu(let a), .elu(let a): return [a]
    default: return []
    }
  }
}
