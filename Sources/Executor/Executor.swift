import Foundation
import NeuralNet
import Notebook
import Tensor

/// Settings for one notebook run.
public struct ExecutionOptions: Sendable {
  /// Folder of the notebook; data paths are relative to it.
  public var notebookDirectory: String
  /// Environment for `${VAR}` expansion in paths.
  public var environment: [String: String]
  /// Reports long-running progress (training epochs); nil for silence.
  public var progress: (@Sendable (ProgressEvent) -> Void)?
  /// Worker threads for `compare` variants (1 = serial).
  public var threads: Int
  /// The most memory one block may allocate.
  public var memory: MemoryBudget = MemoryBudget()
  /// The training arithmetic of `train`/`compare` blocks without a
  /// `precision:` key (`--precision`; the block key wins).
  public var precision: Precision = .float64
  /// Called with each block's outcome as soon as it is known, in notebook order (the runner
  /// starts drawing its figures while the blocks below run); nil: nobody listens.
  public var onOutcome: (@Sendable (BlockOutcome) -> Void)?

  public init(
    notebookDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    progress: (@Sendable (ProgressEvent) -> Void)? = nil, threads: Int = 1
  ) {
    self.notebookDirectory = notebookDirectory
    self.environment = environment
    self.progress = progress
    self.threads = threads
  }
}

/// A progress report from a long block (one per epoch).
public struct ProgressEvent: Sendable {
  public var blockLine: Int
  public var label: String
  public var epoch: Int
  public var epochs: Int
  public var loss: Double
  public var samplesPerSecond: Double
}

/// Runs a notebook's executable blocks top to bottom.
///
/// Each block sees the `data` and `model` blocks named above it. A block that
/// fails is reported in place; blocks naming it are `skipped`; the others run.
public struct NotebookExecutor {
  public let document: NotebookDocument
  public let options: ExecutionOptions
  /// Reuses outcomes of unchanged blocks; nil runs everything.
  public var cache: BlockCache?
  /// Every block decoded once, for ``run()``, ``cachePlan()`` and ``decodeProblems()``.
  let decoded: DecodedBlocks

  public init(document: NotebookDocument, options: ExecutionOptions, cache: BlockCache? = nil) {
    self.document = document
    self.options = options
    self.cache = cache
    self.decoded = DecodedBlocks(document)
  }

  /// Runs every block and returns one outcome per block, in order.
  public func run() -> [BlockOutcome] {
    var workspace = Workspace()
    // Every block is decoded before any runs, so all decoding problems are found up front.
    return zip(document.blocks, decoded.all).map {
      let outcome = runBlock($0, decoded: $1, workspace: &workspace)
      options.onOutcome?(outcome)
      return outcome
    }
  }

  /// Runs one block (or reuses it from the cache) and records what it defines.
  private func runBlock(
    _ block: BlockSource, decoded: Result<ParsedBlock, any Error>, workspace: inout Workspace
  ) -> BlockOutcome {
    var outcome = BlockOutcome(index: block.index, kind: block.kindText, name: block.name, line: block.line)
    let context = BlockContext(block: block, notebookSeed: document.frontMatter.seed, options: options)
    do {
      let parsed = try decoded.get()
      let spec = parsed.spec
      var context = context
      context.deadline = parsed.timeout.map { Date().addingTimeInterval($0) }
      context.timeout = parsed.timeout
      if let failed = spec.references.first(where: { workspace.failed.contains($0.name) }) {
        outcome.status = .skipped
        outcome.error = NotebookError(
          position: failed.position, message: "skipped: '\(failed.name)' failed above",
          hint: "Fix the block named '\(failed.name)' first.")
        if let name = block.name { workspace.failed.insert(name) }
        return outcome
      }
      try workspace.validate(
        spec.references, document: document, currentLine: block.line, solution: block.solution)
      let inputs = spec.inputFiles(context: context)
      outcome.inputs = inputs
      let key = CacheKey.make(
        block: block, references: spec.references.map { workspace.entries[$0.name]?.cacheKey ?? "" },
        seed: document.frontMatter.seed, inputs: inputs, precision: options.precision)
      if let cache, let hit = cache.load(key: key) {
        outcome = hit
        outcome.inputs = inputs
        outcome.index = block.index
        outcome.line = block.line
        outcome.cached = true
        // What a cached block defines is rebuilt only if a block below needs it.
        let snapshot = workspace
        let lazy = LazyDefinition {
          var scratch = BlockOutcome(
            index: block.index, kind: block.kindText, name: block.name, line: block.line)
          return try spec.run(context: context, workspace: snapshot, outcome: &scratch)
        }
        workspace.record(lazy, for: block, cacheKey: key, redefines: spec.redefines)
        return outcome
      }
      let definition = try spec.run(context: context, workspace: workspace, outcome: &outcome)
      outcome.expectations = spec.expectations.map { $0.evaluate(against: outcome.results) }
      outcome.printed = try parsed.printed.evaluate(against: outcome.results)
      workspace.record(
        LazyDefinition(ready: definition), for: block, cacheKey: key, redefines: spec.redefines)
      cache?.store(key: key, outcome: outcome)
    } catch let error as NotebookError {
      fail(&outcome, block.noted(error), block, &workspace)
    } catch let error as NotebookErrors {
      fail(&outcome, block.noted(error.first), block, &workspace)
      outcome.errors = error.errors.map(block.noted)
    } catch {
      fail(
        &outcome, NotebookError(line: block.line, column: block.column, message: "\(error)"), block,
        &workspace)
    }
    return outcome
  }

  private func fail(
    _ outcome: inout BlockOutcome, _ failure: NotebookError, _ block: BlockSource,
    _ workspace: inout Workspace
  ) {
    outcome.status = .error
    outcome.error = failure
    outcome.results = ResultSet()
    if let name = block.name { workspace.failed.insert(name) }
  }
}

/// Per-block facts every runner needs: its source, its seed, the options.
public struct BlockContext: Sendable {
  public let block: BlockSource
  public let notebookSeed: UInt64
  public let options: ExecutionOptions
  /// When the block's `timeout:` runs out (nil: no limit).
  public var deadline: Date?
  /// The block's `timeout:` in seconds.
  public var timeout: Double?

  /// True once the block has run past its `timeout:`.
  public var isPastDeadline: Bool { deadline.map { Date() > $0 } ?? false }

  public init(block: BlockSource, notebookSeed: UInt64, options: ExecutionOptions) {
    self.block = block
    self.notebookSeed = notebookSeed
    self.options = options
  }

  /// The position of the opening fence.
  public var position: SourcePosition { SourcePosition(line: block.line, column: block.column) }

  /// Seed of this block's generator: derived from (notebook seed, block
  /// identity, block `seed:`), where the identity is the kind and name for a
  /// named block and the kind and body text otherwise, the body without its
  /// `expect:` and `printed:` entries (`CheckEntries`), so a student's copy with
  /// blanked or filled-in checks draws the same numbers. Moving or adding other
  /// blocks never changes it; neither does the `student=` attribute.
  public func seed(blockSeed: UInt64?) -> UInt64 {
    let identity: String
    if let name = block.name {
      identity = block.kindText + ":" + name
    } else {
      identity = block.kindText + "#" + CheckEntries(of: block).bodyWithoutChecks
    }
    var parts = [notebookSeed, SeedDerivation.fnv1a(identity)]
    if let s = blockSeed { parts.append(s) }
    return SeedDerivation.derive(parts)
  }

  /// A stable file stem for this block's figures: `KIND-NAME` or `KIND-INDEX`,
  /// sanitised to `[a-z0-9-]`.
  public var figurePrefix: String {
    let base = block.name.map { "\(block.kindText)-\($0)" } ?? "\(block.kindText)-\(block.index + 1)"
    return FileName.sanitize(base)
  }
}

/// File-name sanitising for anything derived from notebook text.
public enum FileName {
  /// Lower-cases and keeps `[a-z0-9_-]`, mapping anything else (dots and
  /// slashes included) to `-`, with runs of `-` collapsed and none at the
  /// ends; never empty, at most 80 characters. `../../x` becomes `x`.
  public static func sanitize(_ s: String) -> String {
    var out = ""
    for ch in s.lowercased().unicodeScalars {
      if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) || ch == "-" || ch == "_" {
        out.unicodeScalars.append(ch)
      } else {
        out.append("-")
      }
    }
    while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "-") }
    while out.hasPrefix("-") { out.removeFirst() }
    while out.hasSuffix("-") { out.removeLast() }
    if out.isEmpty { out = "block" }
    return String(out.prefix(80))
  }
}
