import Foundation
import Testing

/// A run whose blocks all come from the cache and whose report folder is as the same inputs
/// wrote it leaves the folder alone and starts no gnuplot or dot; anything else weaves the
/// same bytes a run without the cache weaves.
@Suite struct UnchangedReportTests {
  static let notebook = """
    # Unchanged

    Prose with math $x^2$.

    ```{data xor}
    source: xor
    n: 24
    ```

    ```{model net}
    layers: [dense 2->3, tanh, dense 3->1, sigmoid]
    loss: bce
    ```

    ```{train base}
    model: net
    data: xor
    epochs: 3
    expect:
      epochs-run: 3
    ```

    ```{graph g}
    x = 3
    y = x^2
    ```
    """

  /// A folder of `gnuplot` and `dot` stand-ins that append their name to `calls` and run the
  /// real program, and the `PATH` that puts them first.
  struct Shims {
    var calls: URL
    var path: String

    init(in dir: URL) throws {
      let bin = dir.appendingPathComponent("shims", isDirectory: true)
      try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
      calls = dir.appendingPathComponent("calls.txt")
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
      for name in ["gnuplot", "dot"] {
        let real = try #require(
          path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
          })
        let shim = bin.appendingPathComponent(name)
        try "#!/bin/sh\necho \(name) >> '\(calls.path)'\nexec '\(real)' \"$@\"\n".write(
          to: shim, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shim.path)
      }
      self.path = bin.path + ":" + path
    }

    /// How many times gnuplot or dot was started so far.
    var count: Int {
      ((try? String(contentsOf: calls, encoding: .utf8)) ?? "").split(separator: "\n").count
    }
  }

  /// A temporary folder holding `nb.md` (``notebook``), run into `out/`, whose report is `out/nb/`.
  struct Fixture {
    var dir: URL
    var notebook: URL { dir.appendingPathComponent("nb.md") }
    var out: URL { dir.appendingPathComponent("out") }
    var report: URL { out.appendingPathComponent("nb") }

    init() throws {
      dir = try CLI.temporaryDirectory()
      try UnchangedReportTests.notebook.write(to: notebook, atomically: true, encoding: .utf8)
    }

    /// `gradbook run nb.md --out out` with `extra`, expected to succeed; its standard error.
    @discardableResult
    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> String {
      let r = try CLI.run(["run", notebook.path, "--out", out.path] + extra, environment: environment)
      #expect(r.status == 0, "\(r.stderr)")
      return r.stderr
    }
  }

  /// Every file under `folder` with its bytes.
  static func contents(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let walk = try #require(FileManager.default.enumerator(atPath: folder.path))
    while let relative = walk.nextObject() as? String {
      var isFolder: ObjCBool = false
      let url = folder.appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
        files[relative] = try Data(contentsOf: url)
      }
    }
    return files
  }

  /// The folder's inode: a woven report replaces the folder, so a new number means rewritten.
  static func inode(_ folder: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
    return try #require((attributes[.systemFileNumber] as? NSNumber)?.intValue)
  }

  @Test func aWarmRunStartsNoGnuplotOrDotAndLeavesTheFolderAsItIs() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.dir) }
    let shims = try Shims(in: fixture.dir)
    let (out, report) = (fixture.out, fixture.report)
    func run() throws -> String { try fixture.run(environment: ["PATH": shims.path]) }

    _ = try run()
    let drawn = shims.count
    // Each figure drawn once (the figures drawn while the blocks ran are not drawn again when
    // the report is written): one program per PNG, one more `dot` for a graph's SVG.
    let pngs = try FileManager.default.contentsOfDirectory(
      atPath: report.appendingPathComponent("figures").path)
    #expect(pngs.count >= 3)
    #expect(drawn == pngs.count + pngs.filter { $0.hasPrefix("graph-") }.count)
    let first = try Self.contents(report)
    let folder = try Self.inode(report)

    let warm = try run()
    #expect(warm.contains("4 blocks ran, 4 from the cache, 1/1 checks passed"), "\(warm)")
    #expect(shims.count == drawn)
    #expect(try Self.inode(report) == folder)
    #expect(try Self.contents(report) == first)

    // Without the stamp the report is woven again, from the figure cache: still no drawing.
    try FileManager.default.removeItem(at: out.appendingPathComponent(".cache/nb/report.stamp"))
    _ = try run()
    #expect(shims.count == drawn)
    #expect(try Self.inode(report) != folder)
    #expect(try Self.contents(report) == first)
  }

  @Test func deletingTheCacheOrEditingTheReportWeavesTheSameBytes() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.dir) }
    let (notebook, out, report) = (fixture.notebook, fixture.out, fixture.report)
    func run() throws { try fixture.run(["--quiet"]) }
    try run()
    let first = try Self.contents(report)

    // A report file changed by hand is woven again.
    let html = report.appendingPathComponent("nb.html")
    try Data("edited".utf8).write(to: html)
    try run()
    #expect(try Self.contents(report) == first)

    // A file added to the folder: woven again (the folder is gradbook's, replaced as a whole).
    try Data("x".utf8).write(to: report.appendingPathComponent("figures/extra.png"))
    try run()
    #expect(try Self.contents(report) == first)

    // No cache at all: the same bytes.
    try FileManager.default.removeItem(at: out.appendingPathComponent(".cache"))
    try run()
    #expect(try Self.contents(report) == first)

    // A changed notebook is woven again.
    try Self.notebook.replacingOccurrences(of: "Prose with math", with: "Changed prose with math").write(
      to: notebook, atomically: true, encoding: .utf8)
    try run()
    let changed = try String(contentsOf: html, encoding: .utf8)
    #expect(changed.contains("Changed prose with math"))
  }

  @Test func anotherFormatOrVariantIsWovenAgain() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.dir) }
    let report = fixture.report
    func run(_ extra: [String]) throws { try fixture.run(["--quiet"] + extra) }
    try run([])
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.md").path))
    try run(["--format", "html"])
    #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.md").path))
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.html").path))
    try run([])
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.md").path))
  }
}
