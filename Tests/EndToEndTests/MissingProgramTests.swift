import Foundation
import Testing

/// Without gnuplot and graphviz the report is still written, each missing
/// program is named once with its Debian package, and the exit status is 0.
@Suite struct MissingProgramTests {
  @Test func reportIsWrittenWithoutFiguresWhenGnuplotAndDotAreMissing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let emptyPath = dir.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
    let notebook = dir.appendingPathComponent("nb.md")
    try """
    # Figures

    ```{data xor}
    source: xor
    n: 16
    ```

    ```{graph g}
    x = 2
    y = x * x
    ```
    """.write(to: notebook, atomically: true, encoding: .utf8)
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
    let emptyPath = dir.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
    let notebooks = dir.appendingPathComponent("notebooks")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    for name in ["a", "b", "c"] {
      try """
      # Figures \(name)

      ```{data xor}
      source: xor
      n: 16
      ```

      ```{graph g}
      x = 3
      y = x * x
      ```
      """.write(to: notebooks.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
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
}
