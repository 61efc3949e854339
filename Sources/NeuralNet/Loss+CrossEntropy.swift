import Foundation
import Tensor

/// Softmax cross-entropy fused on raw logits, per row.
extension LossFunction {
  /// For logits z (N×k) and target weights t (a one-hot row from a class
  /// index, or the given row): with lse = m + ln Σ_j e^{z_j − m}, m = max_j z_j,
  ///   ℓ = Σ_j t_j·(lse − z_j) = −Σ_j t_j ln softmax(z)_j,
  ///   ∂ℓ/∂z_j = softmax(z)_j·Σ_i t_i − t_j   (p − t for a one-hot row).
  /// Never forms ln p, so logits like ±1000 stay finite. `mean` divides by N.
  func crossEntropy(logits z: Matrix, target: Matrix) -> LossEvaluation {
    let k = z.cols
    let factor = scale / divisor(z.rows)
    var gradient = Activation.softmaxRows(z)
    var total = 0.0
    gradient.storage.withUnsafeMutableBufferPointer { p in
      z.storage.withUnsafeBufferPointer { zs in
        target.storage.withUnsafeBufferPointer { ts in
          for r in 0..<z.rows {
            let base = r &* k
            var m = -Double.infinity
            for c in 0..<k { m = Swift.max(m, zs[base &+ c]) }
            var s = 0.0
            for c in 0..<k { s += Foundation.exp(zs[base &+ c] - m) }
            let lse = m + Foundation.log(s)
            if target.cols == 1 {
              let c = Int(ts[r])
              total += lse - zs[base &+ c]
              for j in 0..<k { p[base &+ j] *= factor }
              p[base &+ c] -= factor
            } else {
              var weight = 0.0
              for j in 0..<k {
                let t = ts[base &+ j]
                weight += t
                if t != 0 { total += t * (lse - zs[base &+ j]) }
              }
              for j in 0..<k { p[base &+ j] = factor * (p[base &+ j] * weight - ts[base &+ j]) }
            }
          }
        }
      }
    }
    return LossEvaluation(loss: factor * total, gradient: gradient, kinks: 0)
  }

  /// The target as one weight row per sample (N×k): a class index becomes a one-hot row.
  static func classWeights(_ target: Matrix, classes k: Int) -> Matrix {
    guard target.cols == 1 else { return target }
    var t = Matrix(rows: target.rows, cols: k)
    for r in 0..<target.rows { t.storage[r * k + Int(target.storage[r])] = 1 }
    return t
  }

  /// Cross-entropy when the model already ends in softmax (probabilities p,
  /// from logits z): the loss and ∂L/∂z are those of the fused form on z, and
  /// ∂L/∂p = −(scale/D)·t/p (p floored at the smallest normal double so it
  /// stays finite) is reported as the output gradient.
  /// - Throws: as `evaluate`.
  func evaluateAfterSoftmax(
    probabilities p: Matrix, logits z: Matrix, target: Matrix
  ) throws(NeuralNetError) -> (evaluation: LossEvaluation, logitGradient: Matrix) {
    try validate(output: p, target: target)
    let fused = crossEntropy(logits: z, target: target)
    let factor = scale / divisor(p.rows)
    let t = LossFunction.classWeights(target, classes: p.cols)
    let gradient = t.zipWith(p) { tj, pj in tj == 0 ? 0 : -factor * tj / Swift.max(pj, .leastNormalMagnitude)
    }
    return (LossEvaluation(loss: fused.loss, gradient: gradient, kinks: 0), fused.gradient)
  }
}
