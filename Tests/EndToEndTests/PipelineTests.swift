import Foundation
import Synchronization
import Testing

@testable import Executor
@testable import Runner

/// A run over several notebooks writes one notebook's report while the next one's blocks run,
/// and still prints its lines in notebook order.
@Suite struct PipelineTests {
  /// Three notebooks in a folder: a graph (its picture drawn while writing), one whose fence
  /// draws a warning, and a plain one.
  static func folder() throws -> URL {
    let dir = try CLI.temporaryDirectory()
    let notebooks = dir.appendingPathComponent("nb", isDirectory: true)
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    try Data("# A\n\n```{graph}\nx = 2\ny = x * x\n```\n".utf8)
      .write(to: notebooks.appendingPathComponent("a.md"))
    try Data("# B\n\n```{r}\nx <- 1\n```\n\n```{graph}\nx = 3\ny = x + x\n```\n".utf8)
      .write(to: notebooks.appendingPathComponent("b.md"))
    try Data("# C\n\n```{graph}\nx = 1\ny = exp(x)\n```\n".utf8)
      .write(to: notebooks.appendingPathComponent("c.md"))
    return dir
  }

  /// The lines a runner printed.
  final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
  }

  static func runner(_ dir: URL, lines: Lines) -> NotebookRunner {
    var options = RunOptions()
    options.outputDirectory = dir.appendingPathComponent("out").path
    options.formats = [.md, .html]
    return NotebookRunner(options: options, log: { lines.append($0) })
  }

  /// The writing of notebook 0 does not start its work until notebook 1's blocks have started
  /// running: a runner that wrote before running the next notebook would wait here in vain.
  @Test func theNextNotebookRunsWhileAReportIsWritten() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = Lines()
    let nextStarted = DispatchSemaphore(value: 0)
    let overlapped = Mutex(false)
    var runner = Self.runner(dir, lines: lines)
    runner.observe = { (stage: NotebookRunner.Stage) in
      switch stage {
      case .executing(1): nextStarted.signal()
      case .writing(0): overlapped.withLock { $0 = nextStarted.wait(timeout: .now() + 60) == .success }
      default: break
      }
    }
    let status = runner.run([dir.appendingPathComponent("nb").path])
    #expect(status == .ok)
    #expect(overlapped.withLock { $0 })
    for stem in ["a", "b", "c"] {
      let report = dir.appendingPathComponent("out/\(stem)/\(stem).md")
      #expect(FileManager.default.fileExists(atPath: report.path))
    }
  }

  /// Notebook b's warning is printed while the blocks of b run, before a's report is written
  /// (the writer waits for it): it still comes after a's summary line and before b's.
  @Test func linesComeOutInNotebookOrder() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = Lines()
    let nextDone = DispatchSemaphore(value: 0)
    var runner = Self.runner(dir, lines: lines)
    runner.observe = { (stage: NotebookRunner.Stage) in
      switch stage {
      case .executed(1): nextDone.signal()
      case .writing(0): _ = nextDone.wait(timeout: .now() + 60)
      default: break
      }
    }
    let status = runner.run([dir.appendingPathComponent("nb").path])
    #expect(status == .ok)
    let printed = lines.all
    let nb = dir.appendingPathComponent("nb").path
    #expect(printed.count == 4)
    guard printed.count == 4 else { return }
    #expect(printed[0].hasPrefix("\(nb)/a.md: 1 block ran → "))
    #expect(printed[1].hasPrefix("\(nb)/b.md:3:4: warning: "))
    #expect(printed[2].hasPrefix("\(nb)/b.md: 1 block ran → "))
    #expect(printed[3].hasPrefix("\(nb)/c.md: 1 block ran → "))
  }

  /// A notebook that cannot be read ends the run (exit 2) after the report before it is
  /// written and told; the one after it does not run.
  @Test func anUnreadableNotebookEndsTheRunAfterTheReportsBeforeIt() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.appendingPathComponent("nb/b.md")
    try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: b)
    let lines = Lines()
    let status = Self.runner(dir, lines: lines).run([dir.appendingPathComponent("nb").path])
    #expect(status == .usage)
    let printed = lines.all
    #expect(printed.count == 2)
    guard printed.count == 2 else { return }
    #expect(printed[0].hasPrefix("\(dir.appendingPathComponent("nb").path)/a.md: 1 block ran → "))
    #expect(printed[1] == "gradbook: notebook '\(b.path)' is not UTF-8 text")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/a/a.md").path))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/c").path))
  }

  /// Lines of a later notebook wait for the notebooks before it to end; a line blanks the
  /// progress bar first, in the same write order.
  @Test func theTerminalHoldsLaterLinesAndBlanksTheBar() {
    let out = Mutex<[String]>([])
    let terminal = OrderedTerminal(
      log: { l in out.withLock { $0.append("line:" + l) } },
      raw: { t in out.withLock { $0.append("raw:" + t) } })
    terminal.line("a1", notebook: 0)
    terminal.line("b1", notebook: 1)
    terminal.line("c1", notebook: 2)
    #expect(out.withLock { $0 } == ["line:a1"])
    terminal.close(1)  // b ends before a: nothing moves until a ends
    #expect(out.withLock { $0 } == ["line:a1"])
    let bar = ProgressBar(blockLines: [3], write: { terminal.barWrite($0) })
    terminal.show(bar)
    bar.report(ProgressEvent(blockLine: 3, label: "t", epoch: 0, epochs: 2, loss: 1, samplesPerSecond: 10))
    terminal.close(0)
    let written = out.withLock { $0 }
    #expect(written.count == 5)
    guard written.count == 5 else { return }
    #expect(written[1].hasPrefix("raw:\r  block 1 of 1, line 3 t ["))
    #expect(written[2] == "raw:\r" + String(repeating: " ", count: written[1].count - 5) + "\r")
    #expect(Array(written[3...]) == ["line:b1", "line:c1"])
  }
}
