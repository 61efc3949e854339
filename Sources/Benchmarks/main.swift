// gradbook-bench: training-step throughput against measured dgemm throughput.
//
// For 1 and 2 OpenBLAS threads: (a) dgemm GFLOP/s on 2048×2048 products
// (one warm-up product, then the best of five; the median is shown too),
// (b) one epoch of the 784-1000-1000-1 network (relu, relu, sigmoid, bce;
// batch 64; SGD lr 0.01) on 12,000 seeded synthetic samples, timing the
// training steps only (`TrainingLoop.trainEpoch`: forward, backward, update;
// no evaluation), after a warm-up of 10 steps. Achieved GFLOP/s counts
// 9,142,000 FLOP per sample: 2·(784·1000 + 1000·1000 + 1000) forward, the
// same for the weight gradients, and 2·(1000·1000 + 1000) for the input
// gradients of layers 2 and 3.
//
// Options (for profiling): `--threads 1,2` (the thread counts to run) and
// `--epochs N` (time N epochs and report the fastest; default 1).

import Foundation
import NeuralNet
import Tensor

#if canImport(COpenBLAS)
  import COpenBLAS
#endif

let samples = 12_000
let flopPerSample = 9_142_000.0
let gemmSize = 2048
let gemmRepetitions = 5

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
  let start = ContinuousClock.now
  body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// Best and median GFLOP/s of C = A·B on n×n matrices, after one warm-up product.
func dgemmThroughput(_ n: Int, repetitions: Int) -> (best: Double, median: Double) {
  var rng = RandomSource(seed: 7)
  var a = Matrix(rows: n, cols: n)
  var b = Matrix(rows: n, cols: n)
  for i in 0..<a.count {
    a.storage[i] = rng.uniform(-1, 1)
    b.storage[i] = rng.uniform(-1, 1)
  }
  var c = Matrix(rows: n, cols: n)
  Matrix.gemm(1, a, b, 0, into: &c)
  let flop = 2 * Double(n) * Double(n) * Double(n)
  var rates: [Double] = []
  for _ in 0..<repetitions {
    let t = seconds { Matrix.gemm(1, a, b, 0, into: &c) }
    rates.append(flop / t / 1e9)
  }
  rates.sort()
  return (rates[rates.count - 1], rates[rates.count / 2])
}

/// The benchmark network: dense 784->1000, relu, dense ->1000, relu, dense ->1, sigmoid, bce.
func benchmarkNetwork() throws -> Network {
  var rng = RandomSource(seed: 1)
  let spec = NetworkSpec(
    layers: [
      .dense(DenseSpec(inputs: 784, outputs: 1000)), .activation(.relu),
      .dense(DenseSpec(outputs: 1000)), .activation(.relu),
      .dense(DenseSpec(outputs: 1)), .activation(.sigmoid),
    ], loss: LossFunction(kind: .bce), initializer: .he)
  return try Network(spec: spec, inputSize: 784, rng: &rng)
}

/// Seeded inputs uniform in [0, 1) and random 0/1 targets.
func syntheticData(_ n: Int) -> (x: Matrix, t: Matrix) {
  var rng = RandomSource(seed: 2)
  var x = Matrix(rows: n, cols: 784)
  for i in 0..<x.count { x.storage[i] = rng.uniform() }
  var t = Matrix(rows: n, cols: 1)
  for i in 0..<n { t.storage[i] = rng.index(below: 2) == 0 ? 0 : 1 }
  return (x, t)
}

/// One line of the table.
struct Row {
  var threads: Int
  var gemmBest: Double
  var gemmMedian: Double
  var epochSeconds: Double
}

/// The value after `flag` on the command line, if any.
func option(_ flag: String) -> String? {
  let arguments = CommandLine.arguments
  guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}

func run() throws {
  let threadCounts = (option("--threads") ?? "1,2").split(separator: ",").compactMap { Int($0) }
  let epochs = max(1, option("--epochs").flatMap { Int($0) } ?? 1)
  let network = try benchmarkNetwork()
  let (x, t) = syntheticData(samples)
  let config = TrainingConfig(optimizer: .sgd, learningRate: 0.01, batch: .size(64), epochs: 1)
  printHeader(epochs: epochs)
  for threads in threadCounts {
    BLAS.setThreads(threads)
    let gemm = dgemmThroughput(gemmSize, repetitions: gemmRepetitions)
    // Warm-up: 10 steps on the first 640 samples.
    var warmRng = RandomSource(seed: 3)
    var warm = try TrainingLoop<Double>(
      network: network, x: x.rows(in: 0..<640), t: t.rows(in: 0..<640), testX: nil, testT: nil, config: config
    )
    _ = warm.trainEpoch(rng: &warmRng)
    var rng = RandomSource(seed: 4)
    var loop = try TrainingLoop<Double>(network: network, x: x, t: t, testX: nil, testT: nil, config: config)
    var best = Double.infinity
    for _ in 0..<epochs {
      var steps: EpochSteps?
      let elapsed = seconds { steps = loop.trainEpoch(rng: &rng) }
      if let loss = steps?.nonFiniteLoss { print("warning: the benchmark run diverged (loss \(loss))") }
      best = min(best, elapsed)
    }
    printRow(Row(threads: threads, gemmBest: gemm.best, gemmMedian: gemm.median, epochSeconds: best))
  }
  print("")
  print("ratio = training GFLOP/s ÷ best dgemm GFLOP/s (targets: ≥ 0.70 with 1 thread, ≥ 0.60 with 2)")
}

func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

let columns = [
  ("threads", 7), ("dgemm GFLOP/s", 13), ("(median)", 9), ("s/epoch", 8), ("samples/s", 10),
  ("train GFLOP/s", 13), ("ratio", 6),
]

func printHeader(epochs: Int) {
  print("gradbook-bench")
  #if canImport(COpenBLAS)
    if let name = openblas_get_corename() { print("OpenBLAS core: \(String(cString: name))") }
  #endif
  print(
    "dgemm: \(gemmSize)×\(gemmSize)×\(gemmSize), best of \(gemmRepetitions) after one warm-up (median in brackets)"
  )
  print(
    "training: 784-1000-1000-1 relu/relu/sigmoid, bce, batch 64, sgd lr 0.01, \(samples) synthetic samples")
  print(
    "  timed: training steps only (forward, backward, update; no evaluation), after a 10-step warm-up; "
      + (epochs == 1 ? "1 epoch" : "fastest of \(epochs) epochs"))
  print("  FLOP per sample: \(Int(flopPerSample))")
  print("")
  print(columns.map { pad($0.0, $0.1) }.joined(separator: "  "))
}

func printRow(_ r: Row) {
  let rate = Double(samples) / r.epochSeconds
  let gflops = rate * flopPerSample / 1e9
  let cells = [
    String(r.threads), fixed(r.gemmBest, 1), "(" + fixed(r.gemmMedian, 1) + ")", fixed(r.epochSeconds, 3),
    fixed(rate, 0), fixed(gflops, 1), fixed(gflops / r.gemmBest, 2),
  ]
  print(zip(cells, columns).map { pad($0, $1.1) }.joined(separator: "  "))
}

do {
  try run()
} catch {
  print("gradbook-bench: \(error)")
  exit(1)
}
