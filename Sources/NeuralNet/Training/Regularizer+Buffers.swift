import Tensor

/// The regularizer on the training loop's weight buffers, in the run's
/// precision, with the same formulas and summation order as
/// `value(_:)`/`addGradient(of:to:)`/`kinks(in:)` on `Matrix` (bit-identical
/// in float64). R is summed in `Double` from the widened weights.
extension Regularizer {
  /// R(W): (λ/2)·Σ w² or λ·Σ |w|, summed in element order in float64.
  func value<Scalar: BLASScalar>(_ weights: Grid<Scalar>) -> Double {
    switch self {
    case .l2(let lambda):
      return 0.5 * lambda * weights.storage.reduce(0.0) { $0 + Double($1) * Double($1) }
    case .l1(let lambda):
      return lambda * weights.storage.reduce(0.0) { $0 + abs(Double($1)) }
    }
  }

  /// `gradient += ∂R/∂W` in place: λ·w (l2), or λ·sign(w) with sign(0) = 0
  /// (l1); λ rounded to `Scalar`.
  func addGradient<Scalar: BLASScalar>(of weights: Grid<Scalar>, to gradient: inout Grid<Scalar>) {
    let count = weights.count
    weights.withBase { w in
      gradient.withMutableBase { g in
        var i = 0
        switch self {
        case .l2(let lambda):
          let l = Scalar(lambda)
          while i < count {
            g[i] += l * w[i]
            i &+= 1
          }
        case .l1(let lambda):
          let l = Scalar(lambda)
          while i < count {
            let v = w[i]
            g[i] += v > 0 ? l : (v < 0 ? -l : 0)
            i &+= 1
          }
        }
      }
    }
  }

  /// Weights exactly 0, where |w| has its kink (l1 only; 0 for l2).
  func kinks<Scalar: BLASScalar>(in weights: Grid<Scalar>) -> Int {
    guard case .l1 = self else { return 0 }
    return weights.storage.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
  }
}
