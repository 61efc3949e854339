import Foundation
import Testing

/// Notebooks whose names map to one report folder are refused together (exit 2,
/// naming both) before anything runs: neither report overwrites the other and the
/// index never links two notebooks to one folder.
@Suite struct NameClashTests {
  static let graph = "```{graph g}\nx = 2\ny = x^2\n```\n"

  /// Runs `arguments` in a folder holding `notebooks` (file name → title) and
  /// returns the result and that folder's files afterwards.
  func run(_ notebooks: [String: String], _ arguments: [String]) throws -> (CLI.Output, Set<String>) {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, title) in notebooks {
      try Hostile.write("# \(title)\n\n" + Self.graph, to: dir.appendingPathComponent("notes/\(name)"))
    }
    let r = try CLI.run(arguments, in: dir)
    return (r, Set(Hostile.snapshot(dir).keys))
  }

  @Test func aSpaceAndADotMapToOneFolder() throws {
    let (r, files) = try run(["a b.md": "Space", "a.b.md": "Dot"], ["run", "notes", "--out", "out"])
    #expect(r.status == 2)
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "notebooks 'notes/a b.md' and 'notes/a.b.md' would both write the report folder 'out/a-b'"),
      "\(r.stderr)")
    // Nothing ran: no report, no index, not even the output folder.
    #expect(files == ["notes", "notes/a b.md", "notes/a.b.md"])
  }

  @Test func dotMdAndDotsMdMapToOneFolder() throws {
    let (r, files) = try run(
      [".md": "Hidden", "...md": "Dots"], ["run", "notes/.md", "notes/...md", "--out", "out"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("notebooks 'notes/.md' and 'notes/...md' would both write"), "\(r.stderr)")
    #expect(!files.contains("out"))
  }

  @Test func clashingFilesGivenOneByOneAreRefusedToo() throws {
    let (r, files) = try run(
      ["Intro.md": "Upper", "intro.md": "Lower"], ["run", "notes/intro.md", "notes/Intro.md", "--out", "out"])
    #expect(r.status == 2)
    #expect(
      r.stderr.contains(
        "notebooks 'notes/intro.md' and 'notes/Intro.md' would both write the report folder 'out/intro'"),
      "\(r.stderr)")
    #expect(!files.contains("out"))
  }

  @Test func oneNotebookNamedTwiceRunsOnce() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write("# Once\n\n" + Self.graph, to: dir.appendingPathComponent("notes/nb.md"))
    let r = try CLI.run(["run", "notes", "notes/nb.md", "./notes/nb.md", "--out", "out"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let summaries = r.stderr.split(separator: "\n").filter { $0.contains(" → ") }
    #expect(summaries.count == 1, "\(r.stderr)")
    #expect(summaries.first?.hasPrefix("notes/nb.md: 1 block ran → ") == true, "\(r.stderr)")
    let index = try String(contentsOf: dir.appendingPathComponent("out/index.html"), encoding: .utf8)
    #expect(index.components(separatedBy: "href=\"nb/nb.html\"").count == 2)
  }
}
