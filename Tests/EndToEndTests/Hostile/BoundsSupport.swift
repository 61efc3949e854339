import Foundation
import Testing

/// A notebook in a fresh folder, run through the CLI, for the hostile-input bounds tests.
struct BoundsFolder {
  let url: URL

  init() throws { url = try CLI.temporaryDirectory() }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }

  /// Writes `bytes` to `name` in the folder.
  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: url.appendingPathComponent(name))
  }

  func write(_ name: String, text: String) throws { try write(name, Array(text.utf8)) }

  func remove(_ name: String) throws {
    try FileManager.default.removeItem(at: url.appendingPathComponent(name))
  }

  /// `gradbook run nb.md --out out --quiet --format md` plus `extra`.
  func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CLI.Output {
    try CLI.run(
      ["run", "nb.md", "--out", "out", "--quiet", "--format", "md"] + extra, in: url, environment: environment
    )
  }

  /// Runs `nb.md` like `run`, without `--quiet`, and returns how many blocks came from the
  /// cache (the terminal summary line says so; the reports never do).
  func runCountingCached(environment: [String: String] = [:]) throws -> (status: Int32, cached: Int) {
    let r = try CLI.run(
      ["run", "nb.md", "--out", "out", "--format", "md"], in: url, environment: environment)
    let count = r.stderr.firstMatch(of: /(\d+) from the cache/).flatMap { Int($0.1) } ?? 0
    return (r.status, count)
  }

  /// The block named `name` in `out/nb/results.json`.
  func block(_ name: String) throws -> [String: Any] {
    try CLI.block(try CLI.results(url.appendingPathComponent("out/nb")), named: name)
  }

  /// The block's error message, or nil.
  func errorMessage(_ name: String) throws -> String? {
    (try block(name)["error"] as? [String: Any])?["message"] as? String
  }

  /// An IDX header: magic then the sizes, big-endian.
  static func idxHeader(_ magic: UInt32, _ sizes: [UInt32]) -> [UInt8] {
    ([magic] + sizes).flatMap { v in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } }
  }
}
