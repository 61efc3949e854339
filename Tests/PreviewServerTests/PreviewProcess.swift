import Foundation
import Testing

/// `gradbook preview` as a user starts it: the built `gradbook` (which forwards to
/// `gradbook-preview` beside it) on `--port 0`, its URL read from standard output.
final class PreviewProcess {
  /// The package root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `gradbook` binary built next to the test bundle.
  static var binary: URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("gradbook")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return root.appendingPathComponent(".build/debug/gradbook")
  }

  struct Failure: Error, CustomStringConvertible { var description: String }

  let process = Process()
  let stderrFile: URL
  let port: Int

  /// Starts `gradbook preview notebook --out out --port 0 extra…` in `directory` and waits
  /// (at most `timeout` seconds) for its `URL:` line.
  init(notebook: String, out: String, in directory: URL, extra: [String] = [], timeout: Double = 60) throws {
    stderrFile = directory.appendingPathComponent("preview-stderr.txt")
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    process.executableURL = Self.binary
    process.arguments = ["preview", notebook, "--out", out, "--port", "0"] + extra
    process.currentDirectoryURL = directory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let reader = out.fileHandleForReading
    var text = ""
    let deadline = Date().addingTimeInterval(timeout)
    var found: Int?
    while found == nil, Date() < deadline, process.isRunning || !text.isEmpty {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
      if let r = text.range(of: "URL: http://127.0.0.1:"), let end = text[r.upperBound...].firstIndex(of: "/")
      {
        found = Int(text[r.upperBound..<end])
      }
    }
    guard let found else {
      process.terminate()
      let printed = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
      throw Failure(description: "no URL printed: \(text) \(printed)")
    }
    port = found
  }

  /// What the preview printed on standard error so far.
  var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

  /// Sends SIGINT (Ctrl-C) and returns the exit status.
  func interrupt() -> Int32 {
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    return process.terminationStatus
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-preview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A one-block notebook whose loss depends on `weight` (the first weight of its layer).
  static func notebook(weight: String) -> String {
    """
    # Preview test

    Some prose, long enough to scroll.

    ```{step s1}
    model:
      layers:
        - dense: {in: 2, out: 1, weights: [[\(weight), 0.25]], bias: [0.1]}
        - sigmoid
      loss: bce
    input: [1, 2]
    target: 1
    ```

    """
  }

  /// `loss` of block `s1` in the report's results.json.
  static func loss(_ report: URL) throws -> Double {
    let data = try Data(contentsOf: report.appendingPathComponent("results.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    let results = try #require(blocks.first?["results"] as? [String: Any])
    return try #require(results["loss"] as? Double)
  }

  /// Writes `text` to `url` in place (as most editors do: truncate and write).
  static func save(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
  }
}
