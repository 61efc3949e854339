import Foundation
import Tensor

/// The optimizer on the training loop's buffers, in the run's precision:
/// the formulas of `Optimizer.step(_:gradients:)` element for element (so
/// float64 gives its numbers bit for bit), with the constants (lr, β, ε, the
/// Adam step size) computed in `Double` and rounded to `Scalar` once per step.
///
/// Every step reads each ∂W once for ‖∂W‖² and the update, and leaves ∂W at
/// zero, so the next ∂W gemm can accumulate into it (β = 1). Plain SGD runs
/// fused (update, Σ g² and clearing in one pass, see `fusedSGDInChunks`).
struct BufferOptimizer<Scalar: BLASScalar>: Sendable {
  /// The update rule.
  let kind: OptimizerKind
  /// The learning rate lr.
  let learningRate: Double
  /// Steps taken so far.
  private(set) var steps = 0
  /// Momentum's v or Adam's m (zeros before the first step); nil for SGD.
  private var first: ParameterSet<Scalar>?
  /// Adam's v (zeros before the first step); empty grids for momentum.
  private var second: ParameterSet<Scalar>?

  init(kind: OptimizerKind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  /// One step: every parameter in `parameters` updated in place from
  /// `gradients`; returns Σ g² of each weight gradient (by dense number,
  /// summed in float64) and leaves every weight gradient at 0 (bias and α
  /// gradients are kept). A weight W_k with `fused[k]` (plain SGD only) was
  /// updated by the loop already (`TrainingLoop.fusedDenseStep`): it is
  /// skipped and its Σ g² returned as 0; its bias is updated here.
  mutating func step(
    _ parameters: inout ParameterSet<Scalar>, gradients: inout ParameterSet<Scalar>, fused: [Bool]
  ) -> [Double] {
    steps += 1
    var norms = [Double](repeating: 0, count: parameters.weights.count)
    if case .sgd = kind {
      let alpha = Scalar(-learningRate)
      let parallel = BLAS.threads > 1
      for k in parameters.weights.indices {
        let count = parameters.weights[k].count
        if !fused[k] {
          parameters.weights[k].withMutableBase { w in
            gradients.weights[k].withMutableBase { g in
              norms[k] = fusedSGDInChunks(w, g, count: count, alpha: alpha, parallel: parallel)
            }
          }
        }
        if let b = gradients.biases[k] {
          parameters.biases[k]?.withMutableBase { p in
            b.withBase { g in _ = fusedSGD(p, g, count: b.count, alpha: alpha, clearing: false) }
          }
        }
      }
      for p in parameters.alphas.indices { parameters.alphas[p] += -learningRate * gradients.alphas[p] }
      return norms
    }
    // Take the state out so that updating it in place copies nothing.
    var m = first ?? ParameterSet(zerosLike: parameters)
    var v = second ?? ParameterSet(zerosLike: parameters, empty: kind.usesSecondMoment == false)
    first = nil
    second = nil
    let rule = ElementUpdate<Scalar>(kind: kind, learningRate: learningRate, step: steps)
    for k in parameters.weights.indices {
      let count = parameters.weights[k].count
      gradients.weights[k].withBase { g in norms[k] = sumOfSquares(g, count: count) }
      rule.apply(&parameters.weights[k], gradients.weights[k], &m.weights[k], &v.weights[k])
      gradients.weights[k].withMutableBase { g in g.update(repeating: 0, count: count) }
      if let g = gradients.biases[k], var p = parameters.biases[k], var mb = m.biases[k], var vb = v.biases[k]
      {
        (parameters.biases[k], m.biases[k], v.biases[k]) = (nil, nil, nil)
        rule.apply(&p, g, &mb, &vb)
        (parameters.biases[k], m.biases[k], v.biases[k]) = (p, mb, vb)
      }
    }
    let scalarRule = ElementUpdate<Double>(kind: kind, learningRate: learningRate, step: steps)
    for p in parameters.alphas.indices {
      var alpha = Grid<Double>(Matrix(scalar: parameters.alphas[p]))
      var ma = Grid<Double>(Matrix(scalar: m.alphas[p]))
      var va = Grid<Double>(Matrix(scalar: v.alphas[p]))
      scalarRule.apply(&alpha, Grid<Double>(Matrix(scalar: gradients.alphas[p])), &ma, &va)
      parameters.alphas[p] = alpha.storage[0]
      m.alphas[p] = ma.storage[0]
      v.alphas[p] = va.storage[0]
    }
    first = m
    second = v
    return norms
  }
}

extension OptimizerKind {
  /// True for Adam (the only rule with a second moment).
  var usesSecondMoment: Bool {
    switch self {
    case .adam: return true
    case .sgd, .momentum: return false
    }
  }
}

extension ParameterSet {
  /// Zeros with the shapes of `other`, or 0 × 0 grids when `empty` (state a
  /// rule does not use).
  init(zerosLike other: ParameterSet, empty: Bool) {
    self.init(zerosLike: other)
    if empty {
      weights = weights.map { _ in Grid(rows: 0, cols: 0) }
      biases = biases.map { $0.map { _ in Grid(rows: 0, cols: 0) } }
    }
  }
}

/// The per-element update of one parameter for momentum and Adam at step t
/// (PyTorch semantics, as `Optimizer.step`):
/// - momentum(β): m ← g at t = 1, else m ← β·m + g; θ ← θ + (−lr)·m.
/// - Adam(β₁, β₂, ε): m ← β₁·m + (1−β₁)·g; v ← β₂·v + (1−β₂)·g·g;
///   θ ← θ − s·m / (√v / c + ε), s = lr/(1−β₁ᵗ), c = √(1−β₂ᵗ).
/// - SGD: θ ← θ + (−lr)·g.
struct ElementUpdate<T: BLASScalar> {
  let kind: OptimizerKind
  let learningRate: Double
  let step: Int

  /// Updates `p` from `g`, with the first moment `m` and second moment `v`
  /// (`v` unused, and may be empty, except for Adam).
  func apply(_ p: inout Grid<T>, _ g: Grid<T>, _ m: inout Grid<T>, _ v: inout Grid<T>) {
    let n = p.count
    p.storage.withUnsafeMutableBufferPointer { ps in
      g.storage.withUnsafeBufferPointer { gs in
        m.storage.withUnsafeMutableBufferPointer { ms in
          v.storage.withUnsafeMutableBufferPointer { vs in
            switch kind {
            case .sgd:
              let a = T(-learningRate)
              for i in 0..<n { ps[i] += a * gs[i] }
            case .momentum(let beta):
              let (b, a) = (T(beta), T(-learningRate))
              for i in 0..<n {
                ms[i] = step == 1 ? gs[i] : b * ms[i] + gs[i]
                ps[i] += a * ms[i]
              }
            case .adam(let beta1, let beta2, let epsilon):
              let t = Double(step)
              let stepSize = T(learningRate / (1 - pow(beta1, t)))
              let correction2 = T((1 - pow(beta2, t)).squareRoot())
              let (b1, c1, b2, c2, eps) = (T(beta1), T(1 - beta1), T(beta2), T(1 - beta2), T(epsilon))
              for i in 0..<n {
                let gi = gs[i]
                ms[i] = b1 * ms[i] + c1 * gi
                vs[i] = b2 * vs[i] + c2 * gi * gi
                ps[i] -= stepSize * ms[i] / (vs[i].squareRoot() / correction2 + eps)
              }
            }
          }
        }
      }
    }
  }
}
