import Foundation
import Synchronization
import Testing

@testable import Executor
@testable import Runner

/// The terminal's progress line and summary line, with an injected clock.
@Suite struct ProgressTests {
  /// A clock the test moves, and everything written.
  final class Terminal: Sendable {
    let now = Mutex(100.0)
    let written = Mutex<[String]>([])
    func bar(_ lines: [Int]) -> ProgressBar {
      ProgressBar(
        blockLines: lines, clock: { self.now.withLock { $0 } },
        write: { t in self.written.withLock { $0.append(t) } })
    }
    func at(_ t: Double) { now.withLock { $0 = t } }
    var texts: [String] { written.withLock { $0 } }
  }

  static func event(
    line: Int = 42, epoch: Int, of epochs: Int = 200, loss: Double = 0.693147, rate: Double = 0
  )
    -> ProgressEvent
  {
    ProgressEvent(
      blockLine: line, label: "net", epoch: epoch, epochs: epochs, loss: loss, samplesPerSecond: rate)
  }

  @Test func theLineTellsThePlaceAndTheTimeLeft() {
    let t = Terminal()
    let bar = t.bar([3, 10, 42, 60])
    bar.report(Self.event(epoch: 0))
    t.at(101)
    bar.report(Self.event(epoch: 50, loss: 0.31274, rate: 48211.4))
    let empty = String(repeating: "·", count: 24)
    let quarter = String(repeating: "█", count: 6) + String(repeating: "·", count: 18)
    #expect(
      t.texts == [
        "\r  block 3 of 4, line 42 net [\(empty)] epoch 0/200  loss 0.6931  0 samples/s",
        "\r  block 3 of 4, line 42 net [\(quarter)] epoch 50/200  loss 0.3127  48211 samples/s  ETA 3 s",
      ])
  }

  @Test func redrawsAtMostTenTimesASecondButAlwaysTheLastEpoch() {
    let t = Terminal()
    let bar = t.bar([42])
    bar.report(Self.event(epoch: 0, of: 4))
    t.at(100.05)
    bar.report(Self.event(epoch: 1, of: 4))  // too soon: skipped
    t.at(100.2)
    bar.report(Self.event(epoch: 2, of: 4))
    t.at(100.21)
    bar.report(Self.event(epoch: 3, of: 4))  // too soon: skipped
    t.at(100.22)
    bar.report(Self.event(epoch: 4, of: 4))
    #expect(t.texts.count == 3)
    #expect(t.texts[1].contains("epoch 2/4"))
    #expect(t.texts[1].hasSuffix("ETA 1 s"))  // 0.2 s for 2 epochs, 2 left: 0.2 s, rounded up
    #expect(t.texts[2].contains("epoch 4/4"))
    #expect(t.texts[2].hasSuffix("ETA 0 s"))
  }

  @Test func aShorterLinePadsOverTheLongerOneAndClearBlanksIt() throws {
    let t = Terminal()
    let bar = t.bar([42])
    bar.report(Self.event(epoch: 0, of: 10, loss: 123456, rate: 1_000_000))
    t.at(101)
    bar.report(Self.event(epoch: 10, of: 10, loss: 1, rate: 1))
    let first = try #require(t.texts.first)
    let second = try #require(t.texts.last)
    #expect(second.count == first.count)
    let drawn = second.reversed().drop { $0 == " " }.count  // "\r" and the line, without the padding
    #expect(drawn < second.count)
    #expect(second.prefix(drawn).hasSuffix("ETA 0 s"))
    bar.clear()
    #expect(t.texts.last == "\r" + String(repeating: " ", count: drawn - 1) + "\r")
  }

  @Test func aBlockOutsideTheListHasNoPlace() {
    let t = Terminal()
    t.bar([3]).report(Self.event(line: 7, epoch: 0, of: 1))
    #expect(t.texts.first?.hasPrefix("\r  line 7 net [") == true)
  }

  @Test func durations() {
    #expect(TerminalTime.elapsed(0.414) == "0.41 s")
    #expect(TerminalTime.elapsed(9.999) == "10.0 s")
    #expect(TerminalTime.elapsed(12.34) == "12.3 s")
    #expect(TerminalTime.elapsed(125) == "2 min 05 s")
    #expect(TerminalTime.elapsed(3725) == "1 h 02 min")
    #expect(TerminalTime.remaining(2.1) == "3 s")
    #expect(TerminalTime.remaining(0) == "0 s")
    #expect(TerminalTime.remaining(61) == "1 min 01 s")
    #expect(TerminalTime.remaining(.infinity) == "277777 h 46 min")
  }

  @Test func theSummaryLineEndsWithTheTime() {
    var s = NotebookRunner.NotebookSummary(
      path: "nb.md", title: "t", reportDirectory: "output/nb",
      outcomes: [BlockOutcome(index: 0, kind: "graph", name: nil, line: 3)])
    #expect(NotebookRunner.summaryLine(s) == "nb.md: 1 block ran → output/nb")
    s.seconds = 0.4149
    #expect(NotebookRunner.summaryLine(s) == "nb.md: 1 block ran → output/nb (0.41 s)")
  }

  /// A run through `NotebookRunner` with a clock that advances 0.25 s a reading:
  /// the notebook is timed from its first reading to its last.
  @Test func aRunIsTimedByItsClock() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    try Data("# T\n\n```{graph}\nx = 2\ny = x * x\n```\n".utf8).write(to: notebook)
    var options = RunOptions()
    options.outputDirectory = dir.appendingPathComponent("out").path
    options.formats = [.md]
    options.useCache = false
    let lines = Mutex<[String]>([])
    let ticks = Mutex(0.0)
    var runner = NotebookRunner(options: options, log: { l in lines.withLock { $0.append(l) } })
    runner.clock = {
      ticks.withLock {
        $0 += 0.25
        return $0
      }
    }
    let status = runner.run([notebook.path])
    #expect(status == .ok)
    let out = dir.appendingPathComponent("out/nb").path
    #expect(lines.withLock { $0 } == ["\(notebook.path): 1 block ran → \(out) (0.25 s)"])
  }

  /// Through the CLI the time is the real one, so only its form is checked.
  @Test func theCLISummaryLineEndsWithATime() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("```{graph}\nx = 2\ny = x * x\n```\n".utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--out", "out", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 0)
    let last = try #require(r.stderr.split(separator: "\n").last.map(String.init))
    #expect(last.wholeMatch(of: /nb\.md: 1 block ran → .*\/out\/nb \(\d\.\d\d s\)/) != nil, "\(last)")
  }
}
