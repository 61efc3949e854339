import Foundation
import Testing

/// Runs into one `--out` are serialised by locks beside the report folders: the
/// second waits (or, with `--no-wait`, fails at once naming the lock), and no run
/// ever removes another live run's staging folder.
@Suite(.serialized) struct ConcurrentRunTests {
  @Test func twoRunsIntoOneOutAlwaysLeaveOneCompleteReport() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let runs = ["Run A": 3, "Run B": 5]
    try Hostile.write(Hostile.notebook(title: "Run A", epochs: 3), to: dir.appendingPathComponent("a/nb.md"))
    try Hostile.write(Hostile.notebook(title: "Run B", epochs: 5), to: dir.appendingPathComponent("b/nb.md"))
    let out = dir.appendingPathComponent("out")
    for round in 0..<10 {
      // Both are folder runs, so both also write out/index.html.
      let a = try Hostile.start(["run", "a", "--out", "out", "--no-cache", "--quiet"], in: dir)
      let b = try Hostile.start(["run", "b", "--out", "out", "--no-cache", "--quiet"], in: dir)
      a.waitUntilExit()
      b.waitUntilExit()
      #expect(a.terminationStatus == 0, "round \(round)")
      #expect(b.terminationStatus == 0, "round \(round)")
      let title = try Hostile.expectCompleteReport(out.appendingPathComponent("nb"), runs: runs)
      // The index comes from the same run as the report (each run holds both locks throughout).
      let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
      #expect(index.hasSuffix("</html>\n"), "round \(round)")
      #expect(index.contains(">\(title)</a>"), "round \(round): index of another run than the report")
      #expect(Hostile.leftovers(out).isEmpty, "round \(round): \(Hostile.leftovers(out))")
    }
  }

  @Test func aSecondRunWaitsOrWithNoWaitFailsAndNeverTouchesALiveStagingFolder() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    try Hostile.write(
      Hostile.notebook(title: "Long", epochs: 1_000_000), to: dir.appendingPathComponent("nb.md"))
    try Hostile.write(
      Hostile.notebook(title: "Other", epochs: 2), to: dir.appendingPathComponent("other/nb.md"))
    try Hostile.write(Hostile.notebook(title: "C", epochs: 2), to: dir.appendingPathComponent("c.md"))

    let long = try Hostile.start(["run", "nb.md", "--out", "out", "--no-cache", "--quiet"], in: dir)
    defer { if long.isRunning { kill(long.processIdentifier, SIGKILL) } }
    let lock = out.appendingPathComponent(".nb.lock")
    #expect(Hostile.waitUntil(seconds: 30) { Hostile.lockIsHeld(lock) }, "the first run takes its lock")
    // What the live run's staging folder looks like while it writes.
    let staging = out.appendingPathComponent(".nb.staging-\(long.processIdentifier)")
    try Hostile.write(Hostile.marker, to: staging.appendingPathComponent(".gradbook"))
    try Hostile.write("half written", to: staging.appendingPathComponent("nb.html"))

    let refused = try CLI.run(["run", "other/nb.md", "--out", "out", "--no-wait"], in: dir)
    #expect(refused.status == 2)
    #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "another gradbook run (process \(long.processIdentifier)) is writing 'out/nb' (lock 'out/.nb.lock')"),
      "\(refused.stderr)")
    #expect(FileManager.default.fileExists(atPath: staging.appendingPathComponent("nb.html").path))

    // Another notebook into the same --out does not wait and leaves the staging folder alone.
    let beside = try CLI.run(["run", "c.md", "--out", "out", "--no-wait", "--quiet"], in: dir)
    #expect(beside.status == 0, "\(beside.stderr)")
    #expect(FileManager.default.fileExists(atPath: staging.appendingPathComponent("nb.html").path))

    // Without --no-wait the run waits, says for whom, and runs once the lock is free.
    let log = dir.appendingPathComponent("waiting.log")
    let waiting = try Hostile.start(["run", "other/nb.md", "--out", "out"], in: dir, stderr: log)
    defer { if waiting.isRunning { kill(waiting.processIdentifier, SIGKILL) } }
    let message =
      "gradbook: waiting for another gradbook run (process \(long.processIdentifier)) writing 'out/nb' (lock 'out/.nb.lock')"
    #expect(
      Hostile.waitUntil(seconds: 30) {
        (try? String(contentsOf: log, encoding: .utf8))?.contains(message) == true
      }, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(waiting.isRunning)
    #expect(FileManager.default.fileExists(atPath: staging.appendingPathComponent("nb.html").path))

    kill(long.processIdentifier, SIGTERM)
    long.waitUntilExit()
    waiting.waitUntilExit()
    #expect(waiting.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    try Hostile.expectCompleteReport(out.appendingPathComponent("nb"), runs: ["Other": 2])
    // The first run is over now: its leftover went with the next run that held the lock.
    #expect(Hostile.leftovers(out).isEmpty, "\(Hostile.leftovers(out))")
  }
  @Test func anIndexPageSavedWhileTheNotebooksRunIsKept() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    // Trains until its 2-second timeout: time to save a page of one's own as out/index.html.
    let slow = Hostile.notebook(title: "Slow", epochs: 1_000_000).replacingOccurrences(
      of: "plot: loss\n", with: "plot: loss\ntimeout: 2\n")
    try Hostile.write(slow, to: dir.appendingPathComponent("notes/nb.md"))
    let log = dir.appendingPathComponent("run.log")
    let p = try Hostile.start(["run", "notes", "--out", "out", "--no-cache"], in: dir, stderr: log)
    defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
    #expect(
      Hostile.waitUntil(seconds: 30) { Hostile.lockIsHeld(out.appendingPathComponent(".index.html.lock")) })
    // The run checks the output folder once more right after taking its locks (a page saved
    // before that is refused up front, exit 2): save it once the training has begun.
    Thread.sleep(forTimeInterval: 0.5)
    try Hostile.write("<p>mine</p>\n", to: out.appendingPathComponent("index.html"))
    p.waitUntilExit()
    let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(p.terminationStatus == 1, "\(printed)")
    #expect(printed.contains("cannot write the index"), "\(printed)")
    #expect(printed.contains("index.html' is a file gradbook did not write"), "\(printed)")
    #expect(
      FileManager.default.contents(atPath: out.appendingPathComponent("index.html").path)
        == Data("<p>mine</p>\n".utf8))
    // The report itself was written (the timeout is a block error).
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("nb/.gradbook").path))
  }
}
