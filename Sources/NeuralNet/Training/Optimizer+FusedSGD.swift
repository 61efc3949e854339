import Dispatch
import Tensor

/// Plain SGD fused with the gradient norms the trainer records: one pass
/// over each W reads ∂W once for the update and ‖∂W‖², and clears it for the
/// next step's gemm to accumulate into.
extension Optimizer {
  /// For `kind == .sgd`: θ ← θ − lr·g for every parameter of `network`, in
  /// place, with the same per-element arithmetic as `step(_:gradients:)`
  /// (θ + (−lr)·g), counting the step; returns Σ g² of each weight gradient
  /// (by dense number) and leaves every weight gradient buffer at 0. Gradients are given by dense number (`weights`,
  /// `biases`) and PReLU number (`alphas`), named by `plan`.
  mutating func fusedSGDStep(
    _ network: inout Network, plan: TrainingPlan, weights: inout [Matrix], biases: [Matrix?], alphas: [Double]
  ) -> [Double] {
    steps += 1
    let alpha = -learningRate
    let parallel = BLAS.threads > 1
    var squaredNorms = [Double](repeating: 0, count: plan.denseCount)
    // Layers are addressed through `plan` only: holding a copy of a layer
    // here would make its storage shared and turn the in-place update into a copy.
    for i in plan.denseNumber.indices {
      if let k = plan.denseNumber[i] {
        var norm = 0.0
        network.modify(.weights(layer: i)) { w in
          w.withMutableBase { ws in
            let count = weights[k].count
            weights[k].withMutableBase { gs in
              norm = updateAndSquareInChunks(ws, gs, count: count, alpha: alpha, parallel: parallel)
            }
          }
        }
        squaredNorms[k] = norm
        if let b = biases[k] {
          network.modify(.bias(layer: i)) { p in
            p.withMutableBase { ps in
              b.withBase { gs in _ = updateAndSquare(ps, gs, count: b.count, alpha: alpha) }
            }
          }
        }
      } else if let p = plan.preluNumber[i] {
        let g = alphas[p]
        network.modify(.alpha(layer: i)) { a in a.storage[0] += alpha * g }
      }
    }
    return squaredNorms
  }
}

/// Elements per chunk of the fused update of a large W.
private let updateChunk = 1 << 15

/// `updateAndSquare` (clearing g) over fixed chunks of `updateChunk`
/// elements, their Σ g² added in chunk order: the same numbers whether the
/// chunks run one after the other or, when `parallel` (more than one BLAS
/// thread), spread over the cores; the memory-bound pass is otherwise the
/// serial part of a step whose products BLAS runs on several threads.
private func updateAndSquareInChunks(
  _ w: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>, count n: Int, alpha: Double,
  parallel: Bool
) -> Double {
  let chunks = (n + updateChunk - 1) / updateChunk
  var partial = [Double](repeating: 0, count: chunks)
  partial.withUnsafeMutableBufferPointer { sums in
    guard let base = sums.baseAddress else { return }
    let job = ChunkedUpdate(w: w, g: g, sums: base, count: n, alpha: alpha)
    if parallel && chunks > 1 {
      DispatchQueue.concurrentPerform(iterations: chunks) { job.run(chunk: $0) }
    } else {
      for c in 0..<chunks { job.run(chunk: c) }
    }
  }
  return partial.reduce(0, +)
}

/// One fused update split in chunks: chunk c touches only its own elements
/// of w and g and its own partial sum, so chunks may run on different threads.
private struct ChunkedUpdate: @unchecked Sendable {
  let w: UnsafeMutablePointer<Double>
  let g: UnsafeMutablePointer<Double>
  let sums: UnsafeMutablePointer<Double>
  let count: Int
  let alpha: Double

  /// Updates chunk `c`, clears its gradient and stores its Σ g².
  func run(chunk c: Int) {
    let start = c &* updateChunk
    sums[c] = updateAndSquare(
      w + start, g + start, count: Swift.min(updateChunk, count &- start), alpha: alpha, clearing: true)
  }
}

/// w[i] ← w[i] + α·g[i] for i < count (α = −lr), returning Σ g[i]² (eight
/// running sums in a fixed order, then the remainder in order); with
/// `clearing`, g[i] ← 0 once read.
@inline(__always)
private func updateAndSquare(
  _ w: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, count n: Int, alpha: Double,
  clearing: Bool = false
) -> Double {
  let rawG = UnsafeRawPointer(g)
  let clear = UnsafeMutableRawPointer(mutating: g)
  let rawW = UnsafeMutableRawPointer(w)
  var a = SIMD4<Double>()
  var b = SIMD4<Double>()
  var i = 0
  while i &+ 8 <= n {
    let offset = i &* 8
    let u = rawG.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
    let v = rawG.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
    let p = rawW.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
    let q = rawW.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
    rawW.storeBytes(of: p + alpha * u, toByteOffset: offset, as: SIMD4<Double>.self)
    rawW.storeBytes(of: q + alpha * v, toByteOffset: offset &+ 32, as: SIMD4<Double>.self)
    if clearing {
      clear.storeBytes(of: SIMD4<Double>(), toByteOffset: offset, as: SIMD4<Double>.self)
      clear.storeBytes(of: SIMD4<Double>(), toByteOffset: offset &+ 32, as: SIMD4<Double>.self)
    }
    a += u * u
    b += v * v
    i &+= 8
  }
  var total = (a + b).sum()
  while i < n {
    let gi = g[i]
    w[i] += alpha * gi
    total += gi * gi
    if clearing { clear.storeBytes(of: 0, toByteOffset: i &* 8, as: Double.self) }
    i &+= 1
  }
  return total
}
