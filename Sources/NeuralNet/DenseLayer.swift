import Tensor

/// A fully connected layer on a batch X (N×in, one sample per row):
/// Z = X·Wᵀ + 1·bᵀ, W out × in, b 1 × out. Every product goes through BLAS.
public struct DenseLayer: Hashable, Sendable {
  /// W, out × in.
  public var weights: Matrix
  /// b as a 1 × out row; nil for a layer without bias.
  public var bias: Matrix?
  /// The init the weights were drawn with; nil when they were given explicitly.
  public var initializer: Initializer?

  /// A layer from its parameters. `bias`, when present, is 1 × out.
  public init(weights: Matrix, bias: Matrix?, initializer: Initializer? = nil) {
    self.weights = weights
    self.bias = bias
    self.initializer = initializer
  }

  /// `in`, the number of inputs.
  public var inputs: Int { weights.cols }
  /// `out`, the number of outputs.
  public var outputs: Int { weights.rows }
  /// out·in, plus out with a bias.
  public var parameterCount: Int { weights.count + (bias?.count ?? 0) }

  /// Z = X·Wᵀ + b: the bias rows are laid down first, then one gemm adds
  /// X·Wᵀ on top (β = 1).
  public func forward(_ x: Matrix) -> Matrix {
    let n = x.rows
    let out = outputs
    var z = Matrix(rows: n, cols: out)
    if let bias {
      z.storage.withUnsafeMutableBufferPointer { zs in
        bias.storage.withUnsafeBufferPointer { b in
          for r in 0..<n {
            let base = r &* out
            for c in 0..<out { zs[base &+ c] = b[c] }
          }
        }
      }
    }
    Matrix.gemm(1, x, weights, transposeB: true, bias == nil ? 0 : 1, into: &z)
    return z
  }

  /// The parameter and input gradients of a dense layer.
  public struct Gradients: Sendable {
    /// ∂L/∂X = G·W (N × in); empty (0×0) when not requested.
    public var input: Matrix
    /// ∂L/∂W = Gᵀ·X (out × in).
    public var weights: Matrix
    /// ∂L/∂b = Σ_rows G (1 × out); nil without bias.
    public var bias: Matrix?
  }

  /// Backward from G = ∂L/∂Z (criteria A and B): ∂L/∂W = Gᵀ·X,
  /// ∂L/∂b = column sums of G, ∂L/∂X = G·W (skipped when `needsInputGradient`
  /// is false, e.g. for the first layer during training).
  public func backward(input x: Matrix, gradOutput g: Matrix, needsInputGradient: Bool = true) -> Gradients {
    var dW = Matrix(rows: outputs, cols: inputs)
    Matrix.gemm(1, g, transposeA: true, x, 0, into: &dW)
    let db = bias == nil ? nil : Matrix(row: g.columnSums())
    let dx = needsInputGradient ? g.matmul(weights) : Matrix(rows: 0, cols: 0)
    return Gradients(input: dx, weights: dW, bias: db)
  }
}
