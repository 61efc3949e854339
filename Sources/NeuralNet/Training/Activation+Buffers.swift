import Foundation

/// Activations on raw buffers, for the training loop's preallocated
/// workspace: the same per-element functions and the same order of
/// operations as `Activation.forward(_:)`/`backward(input:output:gradOutput:)`
/// on `Matrix` (so both give bit-identical numbers), without allocating.
extension Activation {
  /// y = φ(x) over a rows × cols batch (row-wise for softmax); returns the
  /// number of inputs exactly at a kink (as `forward(_:)`). `x` and `y` may
  /// be the same buffer.
  func forward(
    _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, rows: Int, cols: Int
  ) -> Int {
    let count = rows &* cols
    switch self {
    case .sigmoid: return mapBuffer(x, y, count, kinkAtZero: false) { Activation.sigmoidValue($0) }
    case .tanh: return mapBuffer(x, y, count, kinkAtZero: false) { Activation.tanhValue($0) }
    case .relu: return mapBuffer(x, y, count, kinkAtZero: true) { Activation.reluValue($0) }
    case .leakyReLU(let slope), .prelu(let slope):
      return mapBuffer(x, y, count, kinkAtZero: true) { Activation.leakyValue($0, slope: slope) }
    case .elu(let alpha):
      return mapBuffer(x, y, count, kinkAtZero: alpha != 1) { Activation.eluValue($0, alpha: alpha) }
    case .gelu: return mapBuffer(x, y, count, kinkAtZero: false) { Activation.geluValue($0) }
    case .softplus: return mapBuffer(x, y, count, kinkAtZero: false) { Activation.softplusValue($0) }
    case .identity:
      if UnsafePointer(y) != x { y.update(from: x, count: count) }
      return 0
    case .softmax:
      Activation.softmaxRows(x, into: y, rows: rows, cols: cols)
      return 0
    }
  }

  /// d = ∂L/∂x from g = ∂L/∂y, the input x and output y of a rows × cols
  /// batch: g ⊙ φ'(·) element-wise, y ⊙ (g − ⟨g, y⟩) per row for softmax.
  /// `d` may be the same buffer as `g`.
  func backward(
    input x: UnsafePointer<Double>, output y: UnsafePointer<Double>, gradOutput g: UnsafePointer<Double>,
    into d: UnsafeMutablePointer<Double>, rows: Int, cols: Int
  ) {
    let count = rows &* cols
    switch self {
    case .sigmoid: scaleBuffer(g, y, d, count) { Activation.sigmoidDerivative(output: $0) }
    case .tanh: scaleBuffer(g, y, d, count) { Activation.tanhDerivative(output: $0) }
    case .relu: scaleBuffer(g, x, d, count) { Activation.reluDerivative($0) }
    case .leakyReLU(let slope), .prelu(let slope):
      scaleBuffer(g, x, d, count) { Activation.leakyDerivative($0, slope: slope) }
    case .elu(let alpha): scaleBuffer(g, x, d, count) { Activation.eluDerivative($0, alpha: alpha) }
    case .gelu: scaleBuffer(g, x, d, count) { Activation.geluDerivative($0) }
    case .softplus: scaleBuffer(g, x, d, count) { Activation.softplusDerivative($0) }
    case .identity:
      if UnsafePointer(d) != g { d.update(from: g, count: count) }
    case .softmax:
      var r = 0
      while r < rows {
        let base = r &* cols
        var dot = 0.0
        for c in 0..<cols { dot += g[base &+ c] * y[base &+ c] }
        for c in 0..<cols { d[base &+ c] = y[base &+ c] * (g[base &+ c] - dot) }
        r &+= 1
      }
    }
  }

  /// ∂L/∂α = Σ g·min(x, 0) over `count` elements, summed in order (as
  /// `alphaGradient(input:gradOutput:)`); 0 unless PReLU.
  func alphaGradient(input x: UnsafePointer<Double>, gradOutput g: UnsafePointer<Double>, count: Int)
    -> Double
  {
    guard case .prelu = self else { return 0 }
    var total = 0.0
    var i = 0
    while i < count {
      total += g[i] * Activation.preluAlphaDerivative(x[i])
      i &+= 1
    }
    return total
  }

  /// Row-wise softmax with the row maximum subtracted, written exactly as
  /// `softmaxRows(_:)`. `x` and `y` may be the same buffer: each row's
  /// maximum is read before the row is overwritten.
  static func softmaxRows(
    _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, rows: Int, cols: Int
  ) {
    guard cols > 0 else { return }
    var r = 0
    while r < rows {
      let base = r &* cols
      var m = -Double.infinity
      for c in 0..<cols { m = Swift.max(m, x[base &+ c]) }
      var total = 0.0
      for c in 0..<cols {
        let e = Foundation.exp(x[base &+ c] - m)
        y[base &+ c] = e
        total += e
      }
      let inverse = 1 / total
      for c in 0..<cols { y[base &+ c] *= inverse }
      r &+= 1
    }
  }
}

/// y[i] = f(x[i]) for i < count; counts x[i] == 0 when `kinkAtZero`.
@inline(__always)
private func mapBuffer(
  _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int, kinkAtZero: Bool,
  _ f: (Double) -> Double
) -> Int {
  var kinks = 0
  var i = 0
  while i < count {
    let v = x[i]
    if kinkAtZero && v == 0 { kinks &+= 1 }
    y[i] = f(v)
    i &+= 1
  }
  return kinks
}

/// d[i] = g[i]·φ'(a[i]) for i < count (a is the layer's input or output, as φ' needs).
@inline(__always)
private func scaleBuffer(
  _ g: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>, _ count: Int,
  _ derivative: (Double) -> Double
) {
  var i = 0
  while i < count {
    d[i] = g[i] * derivative(a[i])
    i &+= 1
  }
}
