import Foundation
import Testing

/// `compare` runs in parallel with the same results as a serial run; the
/// block cache reuses unchanged blocks and re-runs edited ones and the blocks
/// that name them.
@Suite(.serialized) struct CompareAndCacheTests {
  static let fixture = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/compare-small.md")

  @Test func parallelCompareEqualsSerialCompare() throws {
    let serial = try CLI.temporaryDirectory()
    let parallel = try CLI.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: serial)
      try? FileManager.default.removeItem(at: parallel)
    }
    let a = try CLI.run([
      "run", Self.fixture.path, "--out", serial.path, "--quiet", "--no-cache", "--threads", "1",
    ])
    let b = try CLI.run([
      "run", Self.fixture.path, "--out", parallel.path, "--quiet", "--no-cache", "--threads", "4",
    ])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(b.status == 0, "\(b.stderr)")
    let x = try Data(contentsOf: serial.appendingPathComponent("compare-small/results.json"))
    let y = try Data(contentsOf: parallel.appendingPathComponent("compare-small/results.json"))
    #expect(x == y)
    // 4 variants × 5 seeds really ran: every variant has its mean and spread.
    let compare = try CLI.block(
      try CLI.results(serial.appendingPathComponent("compare-small")), named: "inits")
    for v in ["init=zeros", "init=normal(0.01)", "init=xavier", "init=he"] {
      _ = try CLI.number(compare, "\(v).test.loss")
      _ = try CLI.number(compare, "\(v).test.loss.std")
    }
    // Zeros never breaks the symmetry of the hidden units.
    #expect(try CLI.number(compare, "init=zeros.symmetry.W1") == 0)
    #expect(try CLI.number(compare, "init=xavier.symmetry.W1") > 0)
  }

  @Test func unchangedBlocksComeFromTheCacheAndEditsRerunTheirDependents() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    let source = try String(contentsOf: Self.fixture, encoding: .utf8)
    try source.write(to: notebook, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")

    /// Runs the notebook and returns how many blocks came from the cache, read from the
    /// summary line on the terminal (`… 5 blocks ran, 3 from the cache, …`): the reports never say.
    func run(_ extra: [String] = []) throws -> Int {
      let r = try CLI.run(["run", notebook.path, "--out", out.path] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      guard let range = r.stderr.range(of: #"(\d+) from the cache"#, options: .regularExpression) else {
        return 0
      }
      return Int(r.stderr[range].prefix { $0.isNumber }) ?? -1
    }

    #expect(try run() == 0)
    let firstResults = try Data(contentsOf: out.appendingPathComponent("nb/results.json"))

    #expect(try run() == 5)
    // Same bytes from the cache.
    let second = try Data(contentsOf: out.appendingPathComponent("nb/results.json"))
    #expect(second == firstResults)

    // Edit the data block: it and every block that (transitively) names it re-run.
    try source.replacingOccurrences(of: "noise: 0.2", with: "noise: 0.25").write(
      to: notebook, atomically: true, encoding: .utf8)
    // (net and g, which do not name it, come from the cache)
    #expect(try run() == 2)

    // --no-cache runs everything.
    #expect(try run(["--no-cache"]) == 0)

    // A damaged cache entry is ignored and rebuilt, never trusted.
    let cacheDir = out.appendingPathComponent(".cache/nb")
    for f in try FileManager.default.contentsOfDirectory(atPath: cacheDir.path) {
      try Data("{ not json".utf8).write(to: cacheDir.appendingPathComponent(f))
    }
    #expect(try run() == 0)
  }
}
