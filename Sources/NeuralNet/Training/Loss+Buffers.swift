import Foundation
import Tensor

/// Loss layers on raw buffers for the training loop: the loss and ∂L/∂output
/// written into a preallocated gradient buffer, with the same per-element
/// functions and summation order as `evaluate(output:target:)` (bit-identical
/// numbers) but without the target checks (the trainer checks the whole
/// target once, up front) and without allocating. Generic over the run's
/// precision: elements are widened to `Double`, ℓ and its derivative are
/// evaluated and summed in float64, and ∂L/∂y is rounded to `Scalar` when
/// stored (exact for float64).
extension LossFunction {
  /// L = scale · reduce(ℓ) over a rows × cols output `y` and its target `t`
  /// (rows × targetCols: equal to cols, or 1 for cross-entropy class
  /// indices); fills `gradient` (rows × cols) with ∂L/∂y and returns L and
  /// the elements at a kink. For `cross-entropy` `y` holds the logits.
  /// - Precondition: the target was checked by `validate(output:target:)`.
  func evaluate<Scalar: BLASScalar>(
    output y: UnsafePointer<Scalar>, rows: Int, cols: Int, target t: UnsafePointer<Scalar>, targetCols: Int,
    gradient g: UnsafeMutablePointer<Scalar>
  ) -> (loss: Double, kinks: Int) {
    let count = rows &* cols
    switch kind {
    case .mse, .sse: return elementwise(y, t, g, count, LossFunction.squaredError)
    case .bce: return elementwise(y, t, g, count, LossFunction.binaryCrossEntropy)
    case .bceLogits: return elementwise(y, t, g, count, LossFunction.binaryCrossEntropyWithLogits)
    case .hinge: return elementwise(y, t, g, count, LossFunction.hinge)
    case .squaredHinge: return elementwise(y, t, g, count, LossFunction.squaredHinge)
    case .crossEntropy:
      return (
        crossEntropy(logits: y, rows: rows, cols: cols, target: t, targetCols: targetCols, gradient: g), 0
      )
    }
  }

  /// Σ ℓ in element order, ∂L/∂y = (scale/D)·∂ℓ/∂y (as the Matrix version).
  @inline(__always)
  private func elementwise<Scalar: BLASScalar>(
    _ y: UnsafePointer<Scalar>, _ t: UnsafePointer<Scalar>, _ g: UnsafeMutablePointer<Scalar>, _ count: Int,
    _ f: (Double, Double) -> PointLoss
  ) -> (loss: Double, kinks: Int) {
    let factor = scale / divisor(count)
    var total = 0.0
    var kinks = 0
    var i = 0
    while i < count {
      let p = f(Double(y[i]), Double(t[i]))
      total += p.value
      g[i] = Scalar(factor * p.derivative)
      if p.atKink { kinks &+= 1 }
      i &+= 1
    }
    return (factor * total, kinks)
  }

  /// Softmax cross-entropy fused on logits z, written exactly as
  /// `crossEntropy(logits:target:)`: ℓ = lse − z_c (class index) or
  /// Σ_j t_j·(lse − z_j) (weight rows); ∂ℓ/∂z_j = softmax(z)_j·Σ_i t_i − t_j.
  func crossEntropy<Scalar: BLASScalar>(
    logits z: UnsafePointer<Scalar>, rows: Int, cols k: Int, target ts: UnsafePointer<Scalar>,
    targetCols: Int, gradient p: UnsafeMutablePointer<Scalar>
  ) -> Double {
    let factor = scale / divisor(rows)
    Activation.softmaxRows(z, into: p, rows: rows, cols: k)
    var total = 0.0
    for r in 0..<rows {
      let base = r &* k
      var m = -Double.infinity
      for c in 0..<k { m = Swift.max(m, Double(z[base &+ c])) }
      var s = 0.0
      for c in 0..<k { s += Foundation.exp(Double(z[base &+ c]) - m) }
      let lse = m + Foundation.log(s)
      if targetCols == 1 {
        let c = Int(ts[r])
        total += lse - Double(z[base &+ c])
        for j in 0..<k { p[base &+ j] = Scalar(Double(p[base &+ j]) * factor) }
        p[base &+ c] = Scalar(Double(p[base &+ c]) - factor)
      } else {
        var weight = 0.0
        for j in 0..<k {
          let t = Double(ts[base &+ j])
          weight += t
          if t != 0 { total += t * (lse - Double(z[base &+ j])) }
        }
        for j in 0..<k {
          p[base &+ j] = Scalar(factor * (Double(p[base &+ j]) * weight - Double(ts[base &+ j])))
        }
      }
    }
    return factor * total
  }
}
