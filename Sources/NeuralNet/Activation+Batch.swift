import Tensor

/// Activations applied to a whole batch (N×k), forward and backward, with the
/// element loops written once over raw buffers.
extension Activation {
  /// φ applied to a batch: element-wise, or row-wise for `softmax`. `kinks`
  /// counts inputs exactly at a kink (0 for relu, leaky-relu, prelu; 0 for elu
  /// when α ≠ 1).
  public func forward(_ x: Matrix) -> (output: Matrix, kinks: Int) {
    switch self {
    case .sigmoid: return mapElements(x, kinkAtZero: false) { Activation.sigmoidValue($0) }
    case .tanh: return mapElements(x, kinkAtZero: false) { Activation.tanhValue($0) }
    case .relu: return mapElements(x, kinkAtZero: true) { Activation.reluValue($0) }
    case .leakyReLU(let slope), .prelu(let slope):
      return mapElements(x, kinkAtZero: true) { Activation.leakyValue($0, slope: slope) }
    case .elu(let alpha):
      return mapElements(x, kinkAtZero: alpha != 1) { Activation.eluValue($0, alpha: alpha) }
    case .gelu: return mapElements(x, kinkAtZero: false) { Activation.geluValue($0) }
    case .softplus: return mapElements(x, kinkAtZero: false) { Activation.softplusValue($0) }
    case .identity: return (x, 0)
    case .softmax: return (Activation.softmaxRows(x), 0)
    }
  }

  /// ∂L/∂x from ∂L/∂y (`gradOutput`), the layer's input `x` and output `y`
  /// (criteria A): g ⊙ φ'(x) element-wise, the Jacobian–vector product for
  /// softmax. Kink conventions as in the type's table.
  public func backward(input x: Matrix, output y: Matrix, gradOutput g: Matrix) -> Matrix {
    switch self {
    case .sigmoid: return scaleElements(g, by: y) { Activation.sigmoidDerivative(output: $0) }
    case .tanh: return scaleElements(g, by: y) { Activation.tanhDerivative(output: $0) }
    case .relu: return scaleElements(g, by: x) { Activation.reluDerivative($0) }
    case .leakyReLU(let slope), .prelu(let slope):
      return scaleElements(g, by: x) { Activation.leakyDerivative($0, slope: slope) }
    case .elu(let alpha): return scaleElements(g, by: x) { Activation.eluDerivative($0, alpha: alpha) }
    case .gelu: return scaleElements(g, by: x) { Activation.geluDerivative($0) }
    case .softplus: return scaleElements(g, by: x) { Activation.softplusDerivative($0) }
    case .identity: return g
    case .softmax: return Activation.softmaxBackward(output: y, gradOutput: g)
    }
  }

  /// For `prelu` (criteria B): ∂L/∂α = Σ g·min(x, 0) over the whole batch.
  /// 0 for every other case.
  public func alphaGradient(input x: Matrix, gradOutput g: Matrix) -> Double {
    guard case .prelu = self else { return 0 }
    var total = 0.0
    x.storage.withUnsafeBufferPointer { xs in
      g.storage.withUnsafeBufferPointer { gs in
        var i = 0
        while i < xs.count {
          total += gs[i] * Activation.preluAlphaDerivative(xs[i])
          i &+= 1
        }
      }
    }
    return total
  }

  /// φ(x) for one number. `softmax` treats `x` as a one-element row (value 1).
  public func value(at x: Double) -> Double {
    forward(Matrix(scalar: x)).output.storage[0]
  }

  /// φ'(x) for one number, with the kink conventions of the type's table.
  /// `softmax` treats `x` as a one-element row (derivative 0).
  public func derivative(at x: Double) -> Double {
    let input = Matrix(scalar: x)
    return backward(input: input, output: forward(input).output, gradOutput: Matrix(scalar: 1)).storage[0]
  }
}

/// f applied element-wise, and how many inputs are exactly 0 when `kinkAtZero`.
@inline(__always)
private func mapElements(
  _ x: Matrix, kinkAtZero: Bool, _ f: (Double) -> Double
) -> (output: Matrix, kinks: Int) {
  var out = [Double](repeating: 0, count: x.count)
  var kinks = 0
  out.withUnsafeMutableBufferPointer { o in
    x.storage.withUnsafeBufferPointer { s in
      var i = 0
      while i < s.count {
        let v = s[i]
        if kinkAtZero && v == 0 { kinks &+= 1 }
        o[i] = f(v)
        i &+= 1
      }
    }
  }
  return (Matrix(rows: x.rows, cols: x.cols, storage: out), kinks)
}

/// `g ⊙ d(a)` element-wise (a is the layer input or output, as `d` needs).
@inline(__always)
private func scaleElements(_ g: Matrix, by a: Matrix, _ d: (Double) -> Double) -> Matrix {
  var out = [Double](repeating: 0, count: g.count)
  out.withUnsafeMutableBufferPointer { o in
    g.storage.withUnsafeBufferPointer { gs in
      a.storage.withUnsafeBufferPointer { xs in
        var i = 0
        while i < gs.count {
          o[i] = gs[i] * d(xs[i])
          i &+= 1
        }
      }
    }
  }
  return Matrix(rows: g.rows, cols: g.cols, storage: out)
}
