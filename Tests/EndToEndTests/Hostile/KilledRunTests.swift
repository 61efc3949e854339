import Foundation
import Testing

/// A run killed with SIGKILL at any instant (the replace step included) leaves a
/// complete report, old or new, and the next run succeeds and clears what it left.
@Suite(.serialized) struct KilledRunTests {
  /// SplitMix64: the kill points are drawn from a fixed seed, so every run of the
  /// test kills at the same fractions of the run's duration.
  struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
  }

  @Test func sigkillAtSeededRandomPointsAlwaysLeavesACompleteReport() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    let out = dir.appendingPathComponent("out")
    let arguments = ["run", "nb.md", "--out", "out", "--no-cache", "--quiet"]
    var runs = ["Kept": 4]
    try Hostile.write(Hostile.notebook(title: "Kept", epochs: 4), to: notebook)
    let started = Date()
    #expect(try CLI.run(arguments, in: dir).status == 0)
    let duration = Date().timeIntervalSince(started)
    var current = try Hostile.expectCompleteReport(out.appendingPathComponent("nb"), runs: runs)

    var random = SplitMix64(state: 11)
    for point in 0..<10 {
      let title = "Kill \(point)"
      runs = [current: runs[current] ?? -1, title: 5 + point]
      try Hostile.write(Hostile.notebook(title: title, epochs: 5 + point), to: notebook)
      let delay = random.unit() * duration * 1.2
      let p = try Hostile.start(arguments, in: dir)
      Thread.sleep(forTimeInterval: delay)
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      current = try Hostile.expectCompleteReport(out.appendingPathComponent("nb"), runs: runs)
    }
    try Hostile.write(Hostile.notebook(title: "After", epochs: 3), to: notebook)
    let after = try CLI.run(arguments, in: dir)
    #expect(after.status == 0, "\(after.stderr)")
    try Hostile.expectCompleteReport(out.appendingPathComponent("nb"), runs: ["After": 3])
    let left = Hostile.leftovers(out)
    #expect(
      left.isEmpty, "\(left.map { ($0, Hostile.snapshot(out.appendingPathComponent($0)).keys.sorted()) })")
  }

  /// The state a kill between the two renames of the replace step leaves where the
  /// file system cannot swap two folders in one step: no report folder, the old
  /// report set aside. The next run puts it back before it runs anything.
  @Test func aReportSetAsideByAKilledRunIsRestoredFirst() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    let out = dir.appendingPathComponent("out")
    let report = out.appendingPathComponent("nb")
    try Hostile.write(Hostile.notebook(title: "Old", epochs: 2), to: notebook)
    #expect(try CLI.run(["run", "nb.md", "--out", "out", "--quiet"], in: dir).status == 0)
    let before = Hostile.snapshot(report)
    try FileManager.default.moveItem(at: report, to: out.appendingPathComponent(".nb.old-4000001"))
    let staging = out.appendingPathComponent(".nb.staging-4000002")
    try Hostile.write(Hostile.marker, to: staging.appendingPathComponent(".gradbook"))
    try Hostile.write("<!DOCTYPE html>\n<title>New", to: staging.appendingPathComponent("nb.html"))
    // A run killed while writing the marker leaves it empty or partial, and nothing else.
    try Hostile.write("", to: out.appendingPathComponent(".nb.staging-4000003/.gradbook"))
    try Hostile.write("This folder", to: out.appendingPathComponent(".nb.staging-4000004/.gradbook"))
    // A folder of the user's that happens to have a leftover's name is never removed.
    try Hostile.write("mine\n", to: out.appendingPathComponent(".nb.old-5/notes.txt"))

    try Hostile.write(Hostile.notebook(title: "New", epochs: 1_000_000), to: notebook)
    let p = try Hostile.start(["run", "nb.md", "--out", "out", "--no-cache", "--quiet"], in: dir)
    defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
    #expect(Hostile.waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: report.path) })
    #expect(
      Hostile.waitUntil(seconds: 30) { Hostile.leftovers(out) == [".nb.old-5"] }, "\(Hostile.leftovers(out))")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(Hostile.snapshot(report) == before)
    #expect(Hostile.leftovers(out) == [".nb.old-5"])

    try Hostile.write(Hostile.notebook(title: "New", epochs: 2), to: notebook)
    #expect(try CLI.run(["run", "nb.md", "--out", "out", "--quiet"], in: dir).status == 0)
    try Hostile.expectCompleteReport(report, runs: ["New": 2])
    #expect(
      FileManager.default.contents(atPath: out.appendingPathComponent(".nb.old-5/notes.txt").path)
        == Data("mine\n".utf8))
  }
}
