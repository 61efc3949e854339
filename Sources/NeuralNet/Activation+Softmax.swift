import Foundation
import Tensor

/// Row-wise softmax: forward and its vector–Jacobian product side by side.
extension Activation {
  /// y_ij = e^{x_ij − m_i} / Σ_k e^{x_ik − m_i} with m_i = max_k x_ik, so that
  /// no exponent is positive (stable for logits like ±1000).
  static func softmaxRows(_ x: Matrix) -> Matrix {
    var out = Matrix(rows: x.rows, cols: x.cols)
    let cols = x.cols
    guard cols > 0 else { return out }
    out.storage.withUnsafeMutableBufferPointer { y in
      x.storage.withUnsafeBufferPointer { s in
        for r in 0..<x.rows {
          let base = r &* cols
          var m = -Double.infinity
          for c in 0..<cols { m = Swift.max(m, s[base &+ c]) }
          var total = 0.0
          for c in 0..<cols {
            let e = Foundation.exp(s[base &+ c] - m)
            y[base &+ c] = e
            total += e
          }
          let inverse = 1 / total
          for c in 0..<cols { y[base &+ c] *= inverse }
        }
      }
    }
    return out
  }

  /// The full Jacobian–vector product of softmax, row by row:
  /// ∂L/∂x_j = Σ_k (∂y_k/∂x_j)·g_k = y_j·(g_j − Σ_k g_k y_k), since
  /// ∂y_k/∂x_j = y_k(δ_kj − y_j).
  static func softmaxBackward(output y: Matrix, gradOutput g: Matrix) -> Matrix {
    var out = Matrix(rows: y.rows, cols: y.cols)
    let cols = y.cols
    out.storage.withUnsafeMutableBufferPointer { d in
      y.storage.withUnsafeBufferPointer { ys in
        g.storage.withUnsafeBufferPointer { gs in
          for r in 0..<y.rows {
            let base = r &* cols
            var dot = 0.0
            for c in 0..<cols { dot += gs[base &+ c] * ys[base &+ c] }
            for c in 0..<cols { d[base &+ c] = ys[base &+ c] * (gs[base &+ c] - dot) }
          }
        }
      }
    }
    return out
  }
}
