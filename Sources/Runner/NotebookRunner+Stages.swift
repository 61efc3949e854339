import Executor
import Foundation
import Notebook
import Report

/// The two stages of one notebook's run: ``NotebookRunner/execute(_:figures:terminal:)`` runs
/// its blocks (its figures start drawing meanwhile), ``NotebookRunner/finish(_:)`` waits for the
/// figures and writes the report. A run over several notebooks overlaps the second stage of one
/// with the first of the next (``NotebookRunner/run(_:)``).
extension NotebookRunner {
  /// A notebook whose blocks have run, or whose report folder is left as it is: what
  /// ``finish(_:)`` needs. Handed from the thread that ran the blocks to the one that writes
  /// the report, and used by one of them at a time (its executor, in `reuse`, is not
  /// `Sendable`).
  struct ExecutedNotebook: @unchecked Sendable {
    var path: String
    var document: NotebookDocument
    var started: Double
    var target: URL
    var outRoot: URL
    var formats: Set<String>
    var outcomes: [BlockOutcome]
    /// The report folder is the one these outcomes wrote (``ReportReuse``): not written again.
    var unchanged: Bool
    var reuse: ReportReuse?
    var cache: BlockCache?
    var prefetch: FigurePrefetch?
    var announced: [String]
  }

  /// Reads, checks and runs the blocks of the notebook at `path`, printing its announcements
  /// (``announcements(_:_:decodeProblems:)``) first. With the block cache on, a block's figures
  /// are drawn into the figure cache as soon as it has run, on `figures` (a queue of their own
  /// when nil). The progress bar, on a terminal, is drawn through `terminal`.
  func execute(_ path: String, figures: OperationQueue? = nil, terminal: OrderedTerminal)
    throws -> ExecutedNotebook
  {
    let started = clock()
    if let problem = MemoryBudget.notebookProblem(path: path, limit: options.memoryLimit) {
      throw UsageError(problem)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("cannot read notebook '\(path)'")
    }
    // Decoded without dropping a byte-order mark, so the Markdown report
    // keeps every byte of the notebook.
    guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
      throw UsageError("notebook '\(path)' is not UTF-8 text")
    }
    let document = try NotebookRunner.parameterized(NotebookDocument.parse(text), options, path)
    let notebookURL = URL(fileURLWithPath: path)
    let stem = OutputPlan.stem(of: path)
    let outRoot = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
    let target = outRoot.appendingPathComponent(
      options.variant == .student ? stem + "-student" : stem, isDirectory: true)

    var execOptions = ExecutionOptions(
      notebookDirectory: notebookURL.deletingLastPathComponent().path, environment: options.environment,
      threads: options.threads)
    execOptions.memory = MemoryBudget(limit: options.memoryLimit)
    execOptions.precision = options.precision
    let bar = ProgressBar(blockLines: document.blocks.map(\.line), write: { terminal.barWrite($0) })
    if !options.quiet, isatty(STDERR_FILENO) != 0 {
      execOptions.progress = { bar.report($0) }
      terminal.show(bar)
    }
    let cache =
      options.useCache
      ? BlockCache(directory: outRoot.appendingPathComponent(".cache/\(stem)", isDirectory: true)) : nil
    // A block's figures are drawn into the figure cache while the blocks below run (a cached
    // block's are there already; the handout shows fewer figures: it draws its own).
    let prefetch =
      options.useCache && options.variant == .solution
      ? FigurePrefetch(
        cache: outRoot.appendingPathComponent(".cache/figures", isDirectory: true), queue: figures) : nil
    if let prefetch { execOptions.onOutcome = { if !$0.cached { prefetch.draw($0) } } }
    let executor = NotebookExecutor(document: document, options: execOptions, cache: cache)
    let announced = announcements(path, document, decodeProblems: executor.decodeProblems())
    for line in announced { log(line) }
    let formats =
      options.formats.map { Set($0.map(\.rawValue)) } ?? Set(document.frontMatter.formats ?? ["html", "md"])
    // Every block from the cache and the folder as the same inputs wrote it: left as it is.
    let reuse = reportReuse(
      cache: cache, executor: executor, text: text, path: path, target: target, formats: formats)
    let unchanged = reuse?.unchangedOutcomes()
    let outcomes = unchanged ?? executor.run()
    terminal.show(nil)
    bar.clear()
    return ExecutedNotebook(
      path: path, document: document, started: started, target: target, outRoot: outRoot,
      formats: formats, outcomes: outcomes, unchanged: unchanged != nil, reuse: reuse, cache: cache,
      prefetch: prefetch, announced: announced)
  }

  /// Waits for the figures of `notebook` and writes its report (unless the folder is left as
  /// it is), prunes its block cache and returns its summary.
  /// Throws ``ReportWriteError`` when the report folder cannot be written.
  func finish(_ notebook: ExecutedNotebook) throws -> NotebookSummary {
    let n = notebook
    n.prefetch?.wait()
    var missing: [String] = []
    do {
      if !n.unchanged {
        let (written, warned) = try writeVariantNotingWarnings(
          n.document, n.outcomes, n.path, n.target, n.formats, n.outRoot)
        if n.formats.contains("pdf") && !written.contains("\(n.target.lastPathComponent).pdf") {
          missing.append("pdf")
        }
        if !warned { n.reuse?.record(n.outcomes) }
      }
    } catch {
      throw ReportWriteError(
        message:
          "cannot write the report to \(n.target.path): \(ReportWriteError.reason(error, writing: n.target))")
    }
    n.cache?.pruneUntouched()
    var summary = NotebookSummary(
      path: n.path, title: n.document.title ?? OutputPlan.stem(of: n.path),
      reportDirectory: n.target.path, outcomes: n.outcomes, frontMatterError: n.document.frontMatter.error,
      warnings: NotebookRunner.warnings(of: n.document))
    summary.missingFormats = missing
    summary.announced = Set(n.announced)
    summary.seconds = clock() - n.started
    return summary
  }
}
