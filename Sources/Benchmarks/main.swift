// gradbook-bench: the training epoch against its GEMM floor, and compare scaling.
//
// `make bench` (no options): for float64 and float32 on 1 and 2 OpenBLAS
// threads, (a) the GEMM floor of one epoch of the homework-3 workload
// (`GemmFloor`: the eight products per step at batch 64, nothing else) and
// (b) the epoch itself (`TrainingLoop.trainEpoch` after a 10-step warm-up),
// interleaved floor, epoch, floor, epoch, … `--repeats` times (default 3),
// medians reported; ratio = floor ÷ epoch (1.0: the epoch is all GEMM).
// Then a `compare` of 4 variants × 2 seeds on 1 and 2 worker threads.
//
// `--epoch-only` (for scripts/bench-peers): prints one line per epoch,
// `gradbook <precision> <threads> <seconds>`, for `--precision`,
// `--threads N` and `--epochs N`. Other options: `--threads 1,2`,
// `--skip-compare`, and `--compare-only` (the compare scaling alone).

import Foundation
import NeuralNet
import Tensor

#if canImport(COpenBLAS)
  import COpenBLAS
#endif

/// Prints `line` and flushes, so a long run shows its rows as they come.
func say(_ line: String) {
  print(line)
  fflush(nil)
}

/// The value after `flag` on the command line, if any.
func option(_ flag: String) -> String? {
  let arguments = CommandLine.arguments
  guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}

/// Median floor and epoch seconds, measured alternately `repeats` times.
func floorAndEpoch<Scalar: BLASScalar>(_ type: Scalar.Type, repeats: Int) throws -> (
  floor: Double, epoch: Double
) {
  var floor = GemmFloor<Scalar>()
  _ = floor.epochSeconds()
  var floors: [Double] = []
  var epochs: [Double] = []
  for _ in 0..<repeats {
    floors.append(floor.epochSeconds())
    epochs.append(contentsOf: try Workload.epochSeconds(type, epochs: 1))
  }
  return (median(floors), median(epochs))
}

func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

func epochOnly(threadCounts: [Int]) throws {
  let precision = Precision(rawValue: option("--precision") ?? "float64") ?? .float64
  let epochs = max(1, option("--epochs").flatMap { Int($0) } ?? 1)
  for threads in threadCounts {
    BLAS.setThreads(threads)
    let times =
      precision == .float64
      ? try Workload.epochSeconds(Double.self, epochs: epochs)
      : try Workload.epochSeconds(Float.self, epochs: epochs)
    for t in times { say("gradbook \(precision.rawValue) \(threads) \(t)") }
  }
}

func run() throws {
  let threadCounts = (option("--threads") ?? "1,2").split(separator: ",").compactMap { Int($0) }
  if CommandLine.arguments.contains("--epoch-only") { return try epochOnly(threadCounts: threadCounts) }
  if CommandLine.arguments.contains("--compare-only") { return compareScaling() }
  let repeats = max(1, option("--repeats").flatMap { Int($0) } ?? 3)
  say("gradbook-bench")
  #if canImport(COpenBLAS)
    if let name = openblas_get_corename() { say("OpenBLAS core: \(String(cString: name))") }
  #endif
  say(
    "training: 784-1000-1000-1 relu/relu/sigmoid, bce, batch 64, sgd lr 0.01, \(Workload.samples) synthetic samples"
  )
  say("  epoch: training steps only (forward, backward, update), after a 10-step warm-up")
  say("  floor: the same epoch's 8 GEMMs per step (3 forward, 3 weight-gradient, 2 input-gradient) alone")
  say("  medians of \(repeats), floor and epoch measured alternately")
  say("")
  let columns = [
    ("precision", 9), ("threads", 7), ("floor s", 8), ("epoch s", 8), ("samples/s", 10), ("ratio", 6),
  ]
  say(columns.map { pad($0.0, $0.1) }.joined(separator: "  "))
  for threads in threadCounts {
    BLAS.setThreads(threads)
    for precision in Precision.allCases {
      let r =
        precision == .float64
        ? try floorAndEpoch(Double.self, repeats: repeats) : try floorAndEpoch(Float.self, repeats: repeats)
      let cells = [
        precision.rawValue, String(threads), fixed(r.floor, 3), fixed(r.epoch, 3),
        fixed(Double(Workload.samples) / r.epoch, 0), fixed(r.floor / r.epoch, 2),
      ]
      say(zip(cells, columns).map { pad($0, $1.1) }.joined(separator: "  "))
    }
  }
  say("")
  say("ratio = GEMM floor ÷ epoch time (1.00: nothing but the products; target ≥ 0.75 for float64, 1 thread)")
  guard !CommandLine.arguments.contains("--skip-compare") else { return }
  say("")
  compareScaling()
}

/// The compare block's time on 1 and 2 workers: one unmeasured run on each (thread start-up,
/// first-touch page faults), then 5 pairs (1 worker, 2 workers) measured alternately so drift
/// hits both alike. Reports the median time of each and the median of the 5 paired ratios
/// (one slow or fast pair moves neither).
func compareScaling() {
  let pairs = 5
  say(
    "compare: 4 learning rates × 2 seeds, spiral 3000 points, 2-128-128-3, 10 epochs "
      + "(1 warm-up each, then medians of \(pairs) alternating pairs)")
  _ = CompareScaling.time(threads: 1)
  _ = CompareScaling.time(threads: 2)
  var one: [Double] = []
  var two: [Double] = []
  for _ in 0..<pairs {
    one.append(CompareScaling.time(threads: 1))
    two.append(CompareScaling.time(threads: 2))
  }
  let ratios = zip(one, two).map { $0 / $1 }
  say("  pairs (s): " + zip(one, two).map { "\(fixed($0, 2))/\(fixed($1, 2))" }.joined(separator: "  "))
  say(
    "  1 thread: \(fixed(median(one), 2)) s   2 threads: \(fixed(median(two), 2)) s   "
      + "speed-up: \(fixed(median(ratios), 2))× (median of pairs; target ≥ 1.8×)"
  )
}

do {
  try run()
} catch {
  say("gradbook-bench: \(error)")
  exit(1)
}
