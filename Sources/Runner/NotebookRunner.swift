import Executor
import Foundation
import Notebook
import Report
import Tensor

/// The report folder could not be written (exit 1).
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var description: String { message }

  /// Why `target` could not be written, in words: a file standing where a folder is
  /// needed (`'…/blocked' is a file, not a folder (choose another --out)`), else the
  /// POSIX reason under Foundation's error (`permission denied`, `no space left on
  /// device`), else Foundation's own description.
  static func reason(_ error: Error, writing target: URL) -> String {
    if let refused = error as? ReportFolderError { return refused.description }
    let fileManager = FileManager.default
    var url = target.standardizedFileURL
    while true {
      var isFolder: ObjCBool = false
      if fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) {
        if !isFolder.boolValue { return "'\(url.path)' is a file, not a folder (choose another --out)" }
        break
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { break }
      url = parent
    }
    if let code = posixCode(error) {
      return String(cString: strerror(code)).lowercased() + (code == EACCES ? " (choose another --out)" : "")
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileWriteNoPermission: return "permission denied (choose another --out)"
      case .fileWriteOutOfSpace: return "no space left on device"
      case .fileWriteVolumeReadOnly: return "read-only file system (choose another --out)"
      default: break
      }
    }
    return (error as NSError).localizedDescription
  }

  /// The POSIX error code of `error` or of an error underneath it.
  static func posixCode(_ error: Error) -> Int32? {
    var current: NSError? = error as NSError
    while let e = current {
      if e.domain == NSPOSIXErrorDomain { return Int32(e.code) }
      current = e.userInfo[NSUnderlyingErrorKey] as? NSError
    }
    return nil
  }
}

/// Runs notebooks end to end: read, execute, draw figures, weave, write.
public struct NotebookRunner: Sendable {
  public var options: RunOptions
  /// Where messages go (standard error by default).
  public var log: @Sendable (String) -> Void
  /// Seconds on a monotonic clock, for the time in the summary line (tests inject one).
  public var clock: @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
  /// Told each ``Stage`` of a run over several notebooks (tests watch the overlap).
  var observe: (@Sendable (Stage) -> Void)?
  /// In a run over several notebooks, the report-writing warnings printed so far: a warning
  /// about the machine (`gnuplot not found on PATH …`) is printed for the first notebook it
  /// concerns, not repeated for each (nil: every warning is printed).
  var printedWarnings: PrintedLines?

  public init(
    options: RunOptions,
    log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  ) {
    self.options = options
    self.log = log
  }

  /// What one notebook's run produced.
  public struct NotebookSummary: Sendable {
    public var path: String
    public var title: String
    public var reportDirectory: String
    public var outcomes: [BlockOutcome]
    /// The problem in the front matter, if any (the blocks still ran, with its defaults).
    public var frontMatterError: NotebookError?
    /// Formats asked for but not written (`pdf` without Chromium); the run fails (exit 1).
    public var missingFormats: [String] = []
    /// Positioned warnings printed before the errors (`NotebookRunner.warnings(of:)`).
    public var warnings: [NotebookError] = []
    /// Seconds from reading the notebook to writing its report (`nil`: not timed).
    public var seconds: Double?
    /// Lines already printed before the blocks ran (``NotebookRunner/announcements(_:_:)``).
    public var announced: Set<String> = []
    /// Blocks that failed or were skipped.
    /// The outcomes counted (`OutcomeCounts`).
    public var counts: OutcomeCounts { OutcomeCounts(outcomes) }
    /// Blocks that failed or were skipped.
    public var blocksFailed: Int { counts.notRun }
    /// Checks that did not pass, unanswered ones included.
    public var expectationsFailed: Int { counts.checksNotPassed }
  }

  /// Expands folders to the `.md` files they hold (sorted), keeps files.
  public static func notebookPaths(_ arguments: [String]) throws -> (files: [String], folders: [String]) {
    var files: [String] = []
    var folders: [String] = []
    for a in arguments {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: a, isDirectory: &isDir) else {
        throw UsageError("cannot read notebook '\(a)': no such file or folder")
      }
      if isDir.boolValue {
        folders.append(a)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: a)) ?? []
        let md = names.filter { $0.hasSuffix(".md") }.sorted()
        if md.isEmpty { throw UsageError("no .md notebooks in folder '\(a)'") }
        files += md.map { (a as NSString).appendingPathComponent($0) }
      } else {
        files.append(a)
      }
    }
    return (files, folders)
  }

  /// Runs every notebook and returns the process exit status.
  public func run(_ arguments: [String]) -> ExitStatus {
    StagingCleanup.install()
    let plan: OutputPlan
    let locks: [ReportFolderLock]
    do {
      let (paths, folders) = try NotebookRunner.notebookPaths(arguments)
      plan = try OutputPlan(
        notebooks: paths, writesIndex: !folders.isEmpty, out: options.outputDirectory,
        suffix: options.variant == .student ? "-student" : "")
      try plan.check()
      locks = try plan.lock(wait: options.waitForLocks, quiet: options.quiet, log: log)
      // Again under the locks: another run may have written meanwhile.
      try plan.check()
    } catch {
      log("gradbook: \(error)")
      return .usage
    }
    defer { for l in locks { l.release() } }
    guard let results = runInOrder(plan.entries.map(\.notebook)) else { return .usage }
    var status = results.status
    let summaries = results.summaries
    if plan.writesIndex {
      do {
        try writeIndex(summaries)
      } catch {
        let index = URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("index.html")
        log(
          "gradbook: cannot write the index \(index.path): \(ReportWriteError.reason(error, writing: index))")
        status = .failed
      }
    }
    return status
  }

  /// The lines printed before a notebook's blocks run: its warnings, the front matter's
  /// problem and every block's decoding problems (issue 17: a typo in the last block is on
  /// the screen before the first one trains). ``report(_:)`` does not print them again.
  /// `decodeProblems`: the executor's (``NotebookExecutor/decodeProblems()``, decoded once
  /// for the run too); nil decodes the document here.
  func announcements(
    _ path: String, _ document: NotebookDocument, decodeProblems: [[NotebookError]]? = nil
  ) -> [String] {
    var lines: [String] = []
    if !options.quiet {
      lines += NotebookRunner.warnings(of: document).map { NotebookRunner.warningLine(path, $0) }
    }
    if let e = document.frontMatter.error { lines.append(NotebookRunner.errorLine(path, e)) }
    for e in (decodeProblems ?? NotebookExecutor.decodeProblems(document)).joined() {
      lines.append(NotebookRunner.errorLine(path, e))
    }
    return lines
  }

  /// `PATH:LINE:COLUMN: error: message (hint)`, for a block's problem or the front matter's.
  static func errorLine(_ path: String, _ e: NotebookError) -> String {
    "\(path):\(e.position.line):\(e.position.column): error: " + ErrorText.terminal(e.message, hint: e.hint)
  }

  func report(_ s: NotebookSummary) {
    let log = { (line: String) in if !s.announced.contains(line) { self.log(line) } }
    if !options.quiet { for w in s.warnings { log(NotebookRunner.warningLine(s.path, w)) } }
    if let e = s.frontMatterError { log(NotebookRunner.errorLine(s.path, e)) }
    for o in s.outcomes {
      for e in o.problems where o.status == .error {
        log(NotebookRunner.errorLine(s.path, e))
      }
      if let e = o.error, o.status == .skipped {
        // A note, not an error: the failure it follows is printed above.
        log("\(s.path):\(e.position.line):\(e.position.column): \(e.message)")
      }
      if options.failOnExpectations {
        for x in o.expectations where !x.passed {
          log("\(s.path):\(x.line):\(x.column): expectation failed: \(x.path): \(x.failureDescription)")
        }
      }
    }
    if !options.quiet { log(NotebookRunner.summaryLine(s)) }
  }

  /// `nb.md: 3 blocks, 1 failed, 1 skipped, 2 from the cache, 2/3 checks passed, 1 printed value
  /// differs → DIR (0.41 s)` (`1 block ran` when all ran; the time as `TerminalTime.elapsed`,
  /// left out when not timed). Cache use is told here only, never in a report.
  static func summaryLine(_ s: NotebookSummary) -> String {
    let c = s.counts
    var line = "\(s.path): \(c.blocks) block\(c.blocks == 1 ? "" : "s")"
    if c.notRun == 0 {
      line += " ran"
    } else {
      if c.failed > 0 { line += ", \(c.failed) failed" }
      if c.skipped > 0 { line += ", \(c.skipped) skipped" }
    }
    if s.frontMatterError != nil { line += ", front matter error" }
    if c.fromCache > 0 { line += ", \(c.fromCache) from the cache" }
    if c.checks > 0 { line += ", \(c.checks - c.checksNotPassed)/\(c.checks) checks passed" }
    let differing = c.printedDiffering
    if differing > 0 { line += ", \(differing) printed value\(differing == 1 ? " differs" : "s differ")" }
    return line + " → \(s.reportDirectory)" + (s.seconds.map { " (\(TerminalTime.elapsed($0)))" } ?? "")
  }

  /// Runs one notebook into `<out>/<stem>/`: ``execute(_:figures:terminal:)``, then
  /// ``finish(_:)``; its lines go straight to `log`, nothing else printing meanwhile.
  public func runNotebook(_ path: String) throws -> NotebookSummary {
    try finish(execute(path, terminal: OrderedTerminal(log: log)))
  }

  private func writeIndex(_ summaries: [NotebookSummary]) throws {
    let html = IndexPage.render(
      summaries.map {
        IndexPage.Entry(
          title: $0.title, notebook: $0.path,
          link: URL(fileURLWithPath: $0.reportDirectory).lastPathComponent + "/"
            + URL(fileURLWithPath: $0.reportDirectory).lastPathComponent + ".html",
          blocks: $0.counts.blocks, failedBlocks: $0.counts.notRun,
          checks: $0.counts.checks, failedChecks: $0.counts.checksNotPassed)
      })
    let url = URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("index.html")
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Checked before the run too; a page saved there while the notebooks ran is kept as well.
    guard IndexPage.mayReplace(url) else { throw ReportFolderError(folder: url, ownership: .notAFolder) }
    try AtomicWrite.write(Data(html.utf8), to: url)
  }
}
