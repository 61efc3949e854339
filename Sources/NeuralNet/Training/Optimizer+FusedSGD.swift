import Dispatch
import Tensor

/// Elements per chunk of the fused update of a large W.
private let updateChunk = 1 << 15

/// `fusedSGD` (clearing g) over fixed chunks of `updateChunk` elements,
/// their Σ g² added in chunk order: the same numbers whether the chunks run
/// one after the other or, when `parallel` (more than one BLAS thread),
/// spread over the cores; the memory-bound pass is otherwise the serial
/// part of a step whose products BLAS runs on several threads.
func fusedSGDInChunks<Scalar: BLASScalar>(
  _ w: UnsafeMutablePointer<Scalar>, _ g: UnsafeMutablePointer<Scalar>, count n: Int, alpha: Scalar,
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
private struct ChunkedUpdate<Scalar: BLASScalar>: @unchecked Sendable {
  let w: UnsafeMutablePointer<Scalar>
  let g: UnsafeMutablePointer<Scalar>
  let sums: UnsafeMutablePointer<Double>
  let count: Int
  let alpha: Scalar

  /// Updates chunk `c`, clears its gradient and stores its Σ g².
  func run(chunk c: Int) {
    let start = c &* updateChunk
    sums[c] = fusedSGD(
      w + start, g + start, count: Swift.min(updateChunk, count &- start), alpha: alpha, clearing: true)
  }
}

/// w[i] ← w[i] + α·g[i] for i < count (α = −lr rounded to `Scalar`),
/// returning Σ g[i]² widened to `Double` (eight running sums, lanes 0–3 and
/// 4–7 added pairwise at the end, then the remainder in order, as
/// `sumOfSquares`); with `clearing`, g[i] ← 0 once read.
@inline(__always)
func fusedSGD<Scalar: BLASScalar>(
  _ w: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, count n: Int, alpha: Scalar, clearing: Bool
) -> Double {
  let stride = MemoryLayout<Scalar>.stride
  let rawG = UnsafeRawPointer(g)
  let clear = UnsafeMutableRawPointer(mutating: g)
  let rawW = UnsafeMutableRawPointer(w)
  var lanes = SIMD8<Double>()
  var i = 0
  while i &+ 8 <= n {
    let offset = i &* stride
    let u = rawG.loadUnaligned(fromByteOffset: offset, as: SIMD8<Scalar>.self)
    let p = rawW.loadUnaligned(fromByteOffset: offset, as: SIMD8<Scalar>.self)
    rawW.storeBytes(of: p + alpha * u, toByteOffset: offset, as: SIMD8<Scalar>.self)
    if clearing { clear.storeBytes(of: SIMD8<Scalar>(), toByteOffset: offset, as: SIMD8<Scalar>.self) }
    let wide = Scalar.widened(u)
    lanes += wide * wide
    i &+= 8
  }
  var total = (lanes.lowHalf + lanes.highHalf).sum()
  while i < n {
    let gi = g[i]
    w[i] += alpha * gi
    total += Double(gi) * Double(gi)
    if clearing { clear.storeBytes(of: 0, toByteOffset: i &* stride, as: Scalar.self) }
    i &+= 1
  }
  return total
}
