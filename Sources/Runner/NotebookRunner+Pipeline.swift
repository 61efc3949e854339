import Dispatch
import Foundation
import Report
import Synchronization

extension NotebookRunner {
  /// A moment of a run over several notebooks, for ``observe`` (tests): notebook `i` (from 0)
  /// starts running its blocks, has run them, or starts having its report written.
  enum Stage: Equatable, Sendable {
    case executing(Int)
    case executed(Int)
    case writing(Int)
  }

  /// What ``runInOrder(_:)`` ended with.
  struct RunResults {
    /// The summaries of the notebooks whose reports were written, in order.
    var summaries: [NotebookSummary] = []
    var status = ExitStatus.ok
  }

  /// Runs the notebooks at `paths` in order, with the report of one written (its figures
  /// drawn, woven, saved) while the blocks of the next one run: the two stages use different
  /// resources (gnuplot and dot on the cores, the blocks mostly on one), and a run of a folder
  /// keeps both cores busy. One notebook's blocks run at a time, so the memory budget and the
  /// BLAS threads are as in a run of that notebook alone, and at most one report waits to be
  /// written. Every report is the same bytes as when the notebooks run one by one, and the
  /// terminal shows the same lines in the same order (``OrderedTerminal``).
  ///
  /// A usage error (an unreadable notebook) ends the run after the reports of the notebooks
  /// before it are written and told: nil then, the error printed.
  func runInOrder(_ paths: [String]) -> RunResults? {
    let terminal = OrderedTerminal(log: log)
    let figures = FigurePrefetch.makeQueue()
    let writer = DispatchQueue(label: "gradbook.report-writer")
    let results = Mutex<[Int: Result<NotebookSummary, any Error>]>([:])
    // Left when the report handed over last is written (or given up).
    var lastWrite: DispatchGroup?
    let printed = PrintedLines()
    for (i, path) in paths.enumerated() {
      var runner = self
      runner.printedWarnings = printed
      runner.log = { terminal.line($0, notebook: i) }
      observe?(.executing(i))
      let executed: ExecutedNotebook
      do {
        executed = try runner.execute(path, figures: figures, terminal: terminal)
      } catch let error as UsageError {
        lastWrite?.wait()
        runner.log("gradbook: \(error)")
        return nil
      } catch {
        lastWrite?.wait()
        runner.log("gradbook: \(path): \(error)")
        results.withLock { $0[i] = .failure(error) }
        terminal.close(i)
        continue
      }
      observe?(.executed(i))
      // At most one report waiting: the one before is written before this one is handed over.
      lastWrite?.wait()
      let write = DispatchGroup()
      write.enter()
      writer.async { [runner] in
        defer { write.leave() }
        runner.observe?(.writing(i))
        let result = Result { () throws -> NotebookSummary in try runner.finish(executed) }
        switch result {
        case .success(let summary): runner.report(summary)
        case .failure(let error): runner.log("gradbook: \(path): \(error)")
        }
        results.withLock { $0[i] = result }
        terminal.close(i)
      }
      lastWrite = write
    }
    lastWrite?.wait()
    var run = RunResults()
    let all = results.withLock { $0 }
    for i in paths.indices {
      guard let result = all[i] else { continue }
      switch result {
      case .success(let summary):
        run.summaries.append(summary)
        if summary.blocksFailed > 0 || summary.frontMatterError != nil { run.status = .failed }
        if !summary.missingFormats.isEmpty { run.status = .failed }
        if options.failOnExpectations && summary.expectationsFailed > 0 { run.status = .failed }
      case .failure:
        run.status = .failed
      }
    }
    return run
  }
}

/// Lines already printed, for printing a line once however often it comes.
final class PrintedLines: Sendable {
  private let lines = Mutex(Set<String>())

  /// Whether `line` is new (and notes it): true the first time, false after.
  func insert(_ line: String) -> Bool { lines.withLock { $0.insert(line).inserted } }
}
