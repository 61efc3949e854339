import Foundation
import Testing

/// Without gnuplot and graphviz the report is still written, each missing
/// program is named once with its Debian package, and the exit status is 0.
@Suite struct MissingProgramTests {
  @Test func reportIsWrittenWithoutFiguresWhenGnuplotAndDotAreMissing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let emptyPath = try Self.emptyFolder(in: dir)
    let notebook = dir.appendingPathComponent("nb.md")
    try Self.figures(x: 2).write(to: notebook, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(
      ["run", notebook.path, "--out", out.path, "--quiet"], environment: ["PATH": emptyPath.path])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.contains("gnuplot") }.count == 1, "\(lines)")
    #expect(lines.contains { $0.contains("gnuplot-nox") })
    #expect(lines.contains { $0.contains("graphviz") })
    let report = out.appendingPathComponent("nb")
    let html = try String(contentsOf: report.appendingPathComponent("nb.html"), encoding: .utf8)
    #expect(html.contains("Figure not drawn"))
    let md = try String(contentsOf: report.appendingPathComponent("nb.md"), encoding: .utf8)
    #expect(md.contains("Figure not drawn"))
    let json = try CLI.results(report)
    #expect(try CLI.number(try CLI.block(json, named: "g"), "dy/dx") == 4)
    #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("figures").path))
  }

  /// A run over a folder names each missing program once, not once per notebook; each report
  /// still says which figures were not drawn.
  @Test func aFolderRunNamesEachMissingProgramOnce() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let emptyPath = try Self.emptyFolder(in: dir)
    let notebooks = dir.appendingPathComponent("notebooks")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    for name in ["a", "b", "c"] {
      try Self.figures(x: 3).write(
        to: notebooks.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
    }
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(["run", notebooks.path, "--out", out.path], environment: ["PATH": emptyPath.path])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.contains("gnuplot not found") }.count == 1, "\(lines)")
    #expect(lines.filter { $0.contains("dot not found") }.count == 1, "\(lines)")
    #expect(lines.filter { $0.contains("blocks ran") }.count == 3, "\(lines)")
    for name in ["a", "b", "c"] {
      let md = try String(
        contentsOf: out.appendingPathComponent("\(name)/\(name).md"), encoding: .utf8)
      #expect(md.contains("Figure not drawn"), "\(name)")
      let json = try CLI.results(out.appendingPathComponent(name))
      #expect(try CLI.number(try CLI.block(json, named: "g"), "dy/dx") == 6)
    }
  }

  /// A notebook with a plot (the data set's scatter, gnuplot) and a graph picture (dot) of
  /// y = x², whose dy/dx is 2x.
  static func figures(x: Int) -> String {
    """
    # Figures

    ```{data xor}
    source: xor
    n: 16
    ```

    ```{graph g}
    x = \(x)
    y = x * x
    ```
    """
  }

  /// An empty folder `empty-bin` in `dir`, for a `PATH` with no programs on it.
  static func emptyFolder(in dir: URL) throws -> URL {
    let folder = dir.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}
