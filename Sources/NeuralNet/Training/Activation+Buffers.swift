import Foundation
import Tensor

/// Activations on raw buffers, for the training loop's preallocated
/// workspace: the same per-element functions and the same order of
/// operations as `Activation.forward(_:)`/`backward(input:output:gradOutput:)`
/// on `Matrix` (so float64 gives bit-identical numbers), without allocating.
///
/// Generic over the run's precision: each element is widened to `Double`,
/// the function is evaluated in float64, and the result is rounded to
/// `Scalar` when stored (exact for float64; a correctly rounded φ(x) for
/// float32). Sums (softmax's denominator, ∂L/∂α) run in `Double`.
extension Activation {
  /// y = φ(x) over a rows × cols batch (row-wise for softmax); returns the
  /// number of inputs exactly at a kink (as `forward(_:)`). `x` and `y` may
  /// be the same buffer.
  func forward<Scalar: BLASScalar>(
    _ x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, rows: Int, cols: Int
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
  func backward<Scalar: BLASScalar>(
    input x: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>, gradOutput g: UnsafePointer<Scalar>,
    into d: UnsafeMutablePointer<Scalar>, rows: Int, cols: Int
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
        for c in 0..<cols { dot += Double(g[base &+ c]) * Double(y[base &+ c]) }
        for c in 0..<cols { d[base &+ c] = Scalar(Double(y[base &+ c]) * (Double(g[base &+ c]) - dot)) }
        r &+= 1
      }
    }
  }

  /// ∂L/∂α = Σ g·min(x, 0) over `count` elements, summed in order (as
  /// `alphaGradient(input:gradOutput:)`); 0 unless PReLU.
  func alphaGradient<Scalar: BLASScalar>(
    input x: UnsafePointer<Scalar>, gradOutput g: UnsafePointer<Scalar>, count: Int
  ) -> Double {
    guard case .prelu = self else { return 0 }
    var total = 0.0
    var i = 0
    while i < count {
      total += Double(g[i]) * Activation.preluAlphaDerivative(Double(x[i]))
      i &+= 1
    }
    return total
  }

  /// Row-wise softmax with the row maximum subtracted, written exactly as
  /// `softmaxRows(_:)`. `x` and `y` may be the same buffer: each row's
  /// maximum is read before the row is overwritten.
  static func softmaxRows<Scalar: BLASScalar>(
    _ x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, rows: Int, cols: Int
  ) {
    guard cols > 0 else { return }
    var r = 0
    while r < rows {
      let base = r &* cols
      var m = -Double.infinity
      for c in 0..<cols { m = Swift.max(m, Double(x[base &+ c])) }
      var total = 0.0
      for c in 0..<cols {
        let e = Foundation.exp(Double(x[base &+ c]) - m)
        y[base &+ c] = Scalar(e)
        total += e
      }
      let inverse = 1 / total
      for c in 0..<cols { y[base &+ c] = Scalar(Double(y[base &+ c]) * inverse) }
      r &+= 1
    }
  }
}

/// y[i] = f(x[i]) for i < count (f in float64); counts x[i] == 0 when `kinkAtZero`.
@inline(__always)
private func mapBuffer<Scalar: BLASScalar>(
  _ x: UnsafePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>, _ count: Int, kinkAtZero: Bool,
  _ f: (Double) -> Double
) -> Int {
  var kinks = 0
  var i = 0
  while i < count {
    let v = Double(x[i])
    if kinkAtZero && v == 0 { kinks &+= 1 }
    y[i] = Scalar(f(v))
    i &+= 1
  }
  return kinks
}

/// d[i] = g[i]·φ'(a[i]) for i < count, in float64 (a is the layer's input
/// or output, as φ' needs).
@inline(__always)
private func scaleBuffer<Scalar: BLASScalar>(
  _ g: UnsafePointer<Scalar>, _ a: UnsafePointer<Scalar>, _ d: UnsafeMutablePointer<Scalar>, _ count: Int,
  _ derivative: (Double) -> Double
) {
  var i = 0
  while i < count {
    d[i] = Scalar(Double(g[i]) * derivative(Double(a[i])))
    i &+= 1
  }
}
