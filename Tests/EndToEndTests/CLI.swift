import Foundation
import Testing

/// Runs the built `gradbook` executable, as a user would.
enum CLI {
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

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `gradbook arguments…` in `directory` (default: the package root).
  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
    -> Output
  {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.currentDirectoryURL = directory ?? root
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Output(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// `results.json` of a report folder, parsed.
  static func results(_ dir: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: dir.appendingPathComponent("results.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The block named `name` in a parsed results.json.
  static func block(_ json: [String: Any], named name: String) throws -> [String: Any] {
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    return try #require(blocks.first { ($0["name"] as? String) == name })
  }

  /// A numeric result of a block: a scalar, or the one element of a one-element value
  /// (`[x]` or `[[x]]`: such values keep their shape in results.json).
  static func number(_ block: [String: Any], _ path: String) throws -> Double {
    let results = try #require(block["results"] as? [String: Any])
    let value = results[path]
    let one =
      (value as? Double) ?? ((value as? [Double]).flatMap { $0.count == 1 ? $0[0] : nil })
      ?? ((value as? [[Double]]).flatMap { $0.count == 1 && $0[0].count == 1 ? $0[0][0] : nil })
    return try #require(one, "no number at \(path)")
  }

  /// The elements of a numeric result in row-major order (a scalar, a list or rows).
  static func elements(_ block: [String: Any], _ path: String) throws -> [Double] {
    let results = try #require(block["results"] as? [String: Any])
    let value = results[path]
    let all =
      (value as? Double).map { [$0] } ?? (value as? [Double]) ?? (value as? [[Double]])?.flatMap { $0 }
    return try #require(all, "no numbers at \(path)")
  }

  /// A matrix result (array of rows) of a block.
  static func matrix(_ block: [String: Any], _ path: String) throws -> [[Double]] {
    let results = try #require(block["results"] as? [String: Any])
    return try #require(results[path] as? [[Double]], "no matrix at \(path)")
  }
}
