import Tensor

/// The training loop's parameters (or their gradients, or an optimizer's
/// per-parameter state) in the run's precision: W and b by dense number
/// (`W1` is `weights[0]`), PReLU α by PReLU number. α stays a `Double`
/// in every precision (one number per layer).
struct ParameterSet<Scalar: BLASScalar>: Sendable {
  /// W_k, out × in.
  var weights: [Grid<Scalar>]
  /// b_k, 1 × out; nil for a layer without bias.
  var biases: [Grid<Scalar>?]
  /// α_p of each PReLU layer.
  var alphas: [Double]

  /// The current parameters of `network`, rounded to `Scalar`.
  init(parametersOf network: Network) {
    weights = []
    biases = []
    alphas = []
    for layer in network.layers {
      switch layer {
      case .dense(let d):
        weights.append(Grid(d.weights))
        biases.append(d.bias.map { Grid($0) })
      case .activation(let a):
        if let alpha = a.alpha { alphas.append(alpha) }
      }
    }
  }

  /// Zeros with the shapes of `other`.
  init(zerosLike other: ParameterSet) {
    weights = other.weights.map { Grid(rows: $0.rows, cols: $0.cols) }
    biases = other.biases.map { $0.map { Grid(rows: $0.rows, cols: $0.cols) } }
    alphas = [Double](repeating: 0, count: other.alphas.count)
  }

  /// `network` with these parameters widened to `Double` in place of its own
  /// (exact; for float64 the storage is shared, not copied).
  func applied(to network: Network, plan: TrainingPlan) -> Network {
    var net = network
    for i in plan.denseNumber.indices {
      if let k = plan.denseNumber[i] {
        net.modify(.weights(layer: i)) { $0 = weights[k].matrix }
        if let b = biases[k] { net.modify(.bias(layer: i)) { $0 = b.matrix } }
      } else if let p = plan.preluNumber[i] {
        net.modify(.alpha(layer: i)) { $0 = Matrix(scalar: alphas[p]) }
      }
    }
    return net
  }
}
