import Foundation
import NeuralNet
import Notebook
import Tensor

/// `compare` — one `train` spec with one key (or a grid of two) varied, each
/// variant run `seeds` times (contract section 8).
///
/// Runs go to `threads` workers. Every run has its own seed, derived from
/// (block seed, variant, seed index), and OpenBLAS is pinned to one thread
/// during the block, so a parallel run is bit-identical to a serial one.
///
/// Results per variant `key=value` (grid: `k1=v1,k2=v2`): `.train.loss`,
/// `.test.loss`, `.train.accuracy`, `.test.accuracy` (means over seeds), the
/// same with `.std`, `.best-epoch` (mean), `.kinks` (mean), `.diverged`
/// (count), `.symmetry.W1`, … (mean), and `.curve.<plot>` (mean curve).
struct CompareBlockSpec: BlockSpec {
  enum Base: Sendable {
    case named(Reference)
    case inline(TrainSpec)
  }
  struct Variant: Sendable {
    var name: String
    var assignments: [(key: String, node: SpecNode)]
  }

  let base: Base
  let variants: [Variant]
  let seeds: Int
  let plot: String
  /// `y-scale` and `y-range` of the overlay plot.
  let axis: PlotAxis
  let blockSeed: UInt64?
  let expectations: [Expectation]
  let position: SourcePosition
  /// Where `seeds:` is written, when it is.
  let seedsPosition: SourcePosition?

  static let keys = ["train", "vary", "seeds", "plot", "seed", "expect", "y-scale", "y-range"]
  static let curves = ["train.loss", "test.loss", "train.accuracy", "test.accuracy"]

  init(_ body: SpecNode, block: BlockSource) throws {
    try body.rejectUnknownKeys(allowed: CompareBlockSpec.keys) {
      ResultPathKeys.isResultPath($0, of: .compare)
    }
    position = body.position
    seedsPosition = body["seeds"]?.position
    let t = try body.require("train")
    base =
      t.isMapping
      ? .inline(try TrainSpec(t))
      : .named(Reference(name: try t.string(), kind: .train, position: t.position))
    let vary = try body.require("vary")
    let axes = vary.entries()
    guard (1...2).contains(axes.count) else {
      throw NotebookError(
        position: vary.position, message: "vary one key, or two for a grid (got \(axes.count))")
    }
    var lists: [[(key: String, node: SpecNode, text: String)]] = []
    for axis in axes {
      guard TrainSpec.varyKeys.contains(axis.key) else {
        throw NotebookError(
          position: axis.keyPosition, message: "'\(axis.key)' cannot be varied",
          hint: NameSuggestion.hint(for: axis.key, among: TrainSpec.varyKeys))
      }
      let values = try axis.value.sequence()
      guard !values.isEmpty else {
        throw NotebookError(
          position: axis.value.position, message: "vary '\(axis.key)' needs a list of values")
      }
      lists.append(values.map { (axis.key, $0, $0.compactText) })
    }
    var variants: [Variant] = []
    if lists.count == 1 {
      variants = lists[0].map { Variant(name: "\($0.key)=\($0.text)", assignments: [($0.key, $0.node)]) }
    } else {
      for a in lists[0] {
        for b in lists[1] {
          variants.append(
            Variant(
              name: "\(a.key)=\(a.text),\(b.key)=\(b.text)", assignments: [(a.key, a.node), (b.key, b.node)]))
        }
      }
    }
    self.variants = variants
    seeds =
      try body.optional("seeds") { n throws(NotebookError) in
        let count = try n.int()
        guard count >= 1 else {
          throw n.error("seeds must be at least 1, got \(n.describedValue)", hint: "Write e.g. seeds: 3.")
        }
        return count
      } ?? 1
    let p = try body.optional("plot") { n throws(NotebookError) in try n.string() } ?? "test.loss"
    guard CompareBlockSpec.curves.contains(p) else {
      throw NotebookError(
        position: body["plot"]?.position ?? body.position, message: "unknown curve '\(p)'",
        hint: NameSuggestion.hint(for: p, among: CompareBlockSpec.curves))
    }
    plot = p
    axis = try PlotAxis(body)
    blockSeed = try body.optional("seed") { n throws(NotebookError) in try n.uint64() }
    expectations = try body.expectations()
  }

  var references: [Reference] {
    switch base {
    case .named(let r): return [r]
    case .inline(let spec): return spec.references
    }
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let baseSpec: TrainSpec
    switch base {
    case .named(let r): baseSpec = try workspace.train(r)
    case .inline(let s): baseSpec = s
    }
    let specs = try variants.map { v -> TrainSpec in
      var s = baseSpec
      for (key, node) in v.assignments { s = try s.applying(key, node) }
      return s
    }
    // Every run's curves and result are kept until the block ends.
    let runCount = Double(variants.count) * Double(seeds)
    try context.options.memory.check(
      runCount * (MemoryBudget.curves(epochs: specs.map(\.epochs).max() ?? 1) + 1024),
      for: "\(variants.count) variants × \(seeds) seeds", at: seedsPosition ?? position)
    let prepared = try baseSpec.prepare(workspace: workspace, context: context)
    // Runs go to worker threads: the networks of that many runs are alive at once.
    let concurrent = max(1, min(context.options.threads, variants.count * seeds))
    if let perRun = specs.map({ $0.memoryEstimate(prepared) }).max(), concurrent > 1 {
      try context.options.memory.check(
        Double(concurrent) * perRun, for: "\(concurrent) runs at once (one per thread)",
        at: seedsPosition ?? position)
    }
    let blockSeed = context.seed(blockSeed: self.blockSeed)
    let jobs = specs.indices.flatMap { v in (0..<seeds).map { (v, $0) } }
    let runs = try ParallelRuns.map(jobs, threads: context.options.threads) { job -> TrainingRun in
      let runSeed = SeedDerivation.derive([
        blockSeed, SeedDerivation.fnv1a(variants[job.0].name), UInt64(job.1),
      ])
      return try specs[job.0].execute(prepared, context: context, runSeed: runSeed)
    }
    var byVariant: [[TrainingRun]] = Array(repeating: [], count: variants.count)
    for (job, run) in zip(jobs, runs) { byVariant[job.0].append(run) }
    CompareReport.fill(
      variants: variants.map(\.name), runs: byVariant, plot: plot, axis: axis, seeds: seeds,
      prefix: context.figurePrefix,
      outcome: &outcome)
    return .none
  }
}

/// Runs jobs on worker threads, results in job order.
enum ParallelRuns {
  /// Maps `jobs` through `body` on `threads` workers (1 = in order on this
  /// thread). OpenBLAS runs single-threaded meanwhile, so results do not
  /// depend on the thread count. The first error (in job order) is thrown.
  static func map<Job: Sendable, Result: Sendable>(
    _ jobs: [Job], threads: Int, _ body: @escaping @Sendable (Job) throws -> Result
  ) throws -> [Result] {
    let saved = BLAS.threads
    BLAS.setThreads(1)
    defer { BLAS.setThreads(saved) }
    let results = ConcurrentMap.map(count: jobs.count, workers: threads) { i in
      Swift.Result { try body(jobs[i]) }
    }
    return try results.map { try $0.get() }
  }
}
