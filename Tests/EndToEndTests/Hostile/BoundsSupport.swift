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
