import Foundation
import Testing

/// Killing a run part-way leaves the previous report unchanged.
@Suite(.serialized) struct InterruptTests {
  static let quick = """
    # Interrupt me

    ```{data xor}
    source: xor
    n: 64
    ```

    ```{model net}
    layers: [dense 2->8, tanh, dense 8->1, sigmoid]
    loss: bce
    ```

    ```{train long}
    model: net
    data: xor
    batch: 1
    epochs: EPOCHS
    ```
    """

  /// Runs the notebook with many epochs, sends `signal` after a moment, and
  /// checks that the previous (quick) report is byte-for-byte intact.
  func interrupt(with signal: Int32) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    let out = dir.appendingPathComponent("out")
    try Self.quick.replacingOccurrences(of: "EPOCHS", with: "1").write(
      to: notebook, atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", notebook.path, "--out", out.path, "--quiet", "--no-cache"]).status == 0)
    let report = out.appendingPathComponent("nb")
    let before = try snapshot(report)
    #expect(before.count >= 3)

    try Self.quick.replacingOccurrences(of: "EPOCHS", with: "1000000").write(
      to: notebook, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = ["run", notebook.path, "--out", out.path, "--quiet", "--no-cache"]
    p.standardError = FileHandle.nullDevice
    try p.run()
    Thread.sleep(forTimeInterval: 1.0)
    kill(p.processIdentifier, signal)
    p.waitUntilExit()
    #expect(p.terminationStatus != 0)
    #expect(try snapshot(report) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
      $0.hasPrefix(".nb.") && $0 != ".nb.lock"  // the lock file stays (never deleted)
    }
    if signal == SIGKILL {
      // A killed process cannot clean up; the next run removes what it left.
      try Self.quick.replacingOccurrences(of: "EPOCHS", with: "1").write(
        to: notebook, atomically: true, encoding: .utf8)
      #expect(try CLI.run(["run", notebook.path, "--out", out.path, "--quiet"]).status == 0)
      let after = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
        $0.hasPrefix(".nb.") && $0 != ".nb.lock"
      }
      #expect(after.isEmpty, "\(after)")
    } else {
      #expect(leftovers.isEmpty, "\(leftovers)")
    }
  }

  /// Every file below `dir` with its bytes.
  func snapshot(_ dir: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: dir.path)
    while let f = e?.nextObject() as? String {
      var isDir: ObjCBool = false
      let url = dir.appendingPathComponent(f)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
        files[f] = try Data(contentsOf: url)
      }
    }
    return files
  }

  @Test func sigintLeavesThePreviousReportIntactAndNoStagingFolder() throws {
    try interrupt(with: SIGINT)
  }

  @Test func sigkillLeavesThePreviousReportIntact() throws {
    try interrupt(with: SIGKILL)
  }
}
