import Executor
import Foundation
import Report

/// The runner half of `gradbook preview` (no HTTP): runs one notebook, and again each time the
/// notebook or a file its blocks read changes.
///
/// Runs go through ``NotebookRunner/runNotebook(_:)`` with the block cache on, so a re-run
/// only executes the blocks whose text, references or input files changed. They happen one at
/// a time on the thread that calls ``watch(onRun:)``, never on the server's event loop. A run
/// that fails to read the notebook (deleted, not UTF-8) writes nothing: the last report stays
/// and the notebook stays watched, so a notebook created again is run again.
public final class PreviewLoop: @unchecked Sendable {
  public let options: PreviewOptions
  /// Where messages go (standard error by default).
  public let log: @Sendable (String) -> Void
  private let runner: NotebookRunner

  /// What one run did.
  public struct Run: Sendable {
    /// The run's summary, nil when the notebook could not be read or the report not written.
    public var summary: NotebookRunner.NotebookSummary?
    /// Why nothing was written, in words (the notebook unreadable, the folder unwritable).
    public var problem: String?
    /// Wall-clock seconds from the start of the run to the report written.
    public var seconds: Double
    /// When the report folder was renamed into place (nil when nothing was written).
    public var writtenAt: Date?
    /// Whether the problem is the command line's or the notebook's (unreadable, not UTF-8,
    /// an undeclared `--set`): `gradbook run` would exit 2 for it.
    public var usage: Bool = false
  }

  public init(
    options: PreviewOptions,
    log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  ) {
    self.options = options
    self.log = log
    var run = options.run
    run.useCache = true
    run.parameterOverrides = options.parameterOverrides
    self.runner = NotebookRunner(options: run, log: log)
  }

  /// The report folder the notebook writes: `<out>/<stem>/` (as ``NotebookRunner`` names it).
  public var reportDirectory: URL {
    let stem = FileName.sanitize(
      URL(fileURLWithPath: options.notebook).deletingPathExtension().lastPathComponent)
    return URL(fileURLWithPath: options.run.outputDirectory, isDirectory: true)
      .appendingPathComponent(stem, isDirectory: true)
  }

  /// The HTML page's file name inside ``reportDirectory`` (`<stem>.html`).
  public var pageName: String { reportDirectory.lastPathComponent + ".html" }

  /// Runs the notebook once and prints what `gradbook run` prints for it.
  public func runOnce() -> Run {
    let start = Date()
    do {
      // The same folder rules as `gradbook run`: only a folder gradbook wrote is replaced, and
      // a run of `gradbook run` into the same folder is waited for (its lock).
      let plan = try OutputPlan(
        notebooks: [options.notebook], writesIndex: false, out: options.run.outputDirectory)
      try plan.check()
      let locks = try plan.lock(wait: true, quiet: true, log: log)
      defer { for l in locks { l.release() } }
      let summary = try runner.runNotebook(options.notebook)
      let written = Date()
      runner.report(summary)
      return Run(
        summary: summary, problem: nil, seconds: written.timeIntervalSince(start), writtenAt: written)
    } catch {
      let problem = "\(error)"
      log("gradbook preview: \(options.notebook): \(problem); the page keeps the last report")
      return Run(
        summary: nil, problem: problem, seconds: Date().timeIntervalSince(start), writtenAt: nil,
        usage: error is UsageError)
    }
  }

  /// The files a run depends on: the notebook, and every file its blocks read as the executor
  /// reports them (a block reused from the cache reports them too). Sorted, without repeats.
  public static func watchList(notebook: String, outcomes: [BlockOutcome]) -> [String] {
    Array(Set([notebook] + outcomes.flatMap(\.inputs).map(\.path))).sorted()
  }

  /// After the `first` run (made by the caller), forever waits for a change and runs again;
  /// `onRun` is called after every later run (a report written or not). Never returns (the
  /// process ends on Ctrl-C). Throws only when inotify cannot be started.
  public func watch(after first: Run, onRun: @escaping @Sendable (Run) -> Void) throws -> Never {
    let watcher = try FileWatcher()
    var watched: [String] = []
    var run = first
    while true {
      // A run that wrote nothing keeps the previous list (the notebook is always on it).
      let list = PreviewLoop.watchList(notebook: options.notebook, outcomes: run.summary?.outcomes ?? [])
      if watched.isEmpty || (run.summary != nil && list != watched) {
        watched = list
        watcher.watch(list)
      }
      let changed = watcher.waitForChange()
      if !options.run.quiet {
        log("gradbook preview: changed: \(changed.joined(separator: ", ")); running again")
      }
      run = runOnce()
      onRun(run)
    }
  }
}
