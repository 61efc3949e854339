import Foundation
import Testing

/// gradbook replaces only folders it can prove it wrote (the `.gradbook` marker)
/// or empty ones, and refuses (one line, exit 2, nothing run) an `--out` that would
/// replace a notebook's folder, a user's folder or file, or a user's `index.html`.
@Suite struct OutputFolderOwnershipTests {
  static let graph = "# Graph\n\n```{graph g}\nx = 2\ny = x^2\n```\n"

  /// The lines printed on standard error that are not empty.
  func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

  @Test func outDotDoesNotReplaceTheNotebooksFolder() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lecture = dir.appendingPathComponent("lecture")
    try Hostile.write(Self.graph, to: lecture.appendingPathComponent("lecture.md"))
    try Hostile.write("x,y\n1,2\n", to: lecture.appendingPathComponent("data.csv"))
    let before = Hostile.snapshot(dir)

    let r = try CLI.run(["run", "lecture/lecture.md", "--out", "."], in: dir)
    #expect(r.status == 2)
    #expect(lines(r.stderr).count == 1, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "--out '.' would replace the folder './lecture', which holds the notebook 'lecture/lecture.md'"),
      "\(r.stderr)")
    // Nothing touched, nothing created (no cache, no lock).
    #expect(Hostile.snapshot(dir) == before)
  }

  @Test func theStudentFolderOfTheUsersIsKept() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb.md"))
    try Hostile.write("my notes", to: dir.appendingPathComponent("out/nb-student/notes.txt"))
    let before = Hostile.snapshot(dir.appendingPathComponent("out"))
    let r = try CLI.run(["run", "nb.md", "--out", "out", "--variant", "student"], in: dir)
    #expect(r.status == 2)
    #expect(r.stderr.contains("'out/nb-student' is a folder gradbook did not write"), "\(r.stderr)")
    #expect(Hostile.snapshot(dir.appendingPathComponent("out")) == before)
    // Its own student folder it replaces, run after run.
    try FileManager.default.removeItem(at: dir.appendingPathComponent("out/nb-student"))
    for _ in 0..<2 {
      let ok = try CLI.run(["run", "nb.md", "--out", "out", "--variant", "student"], in: dir)
      #expect(ok.status == 0, "\(ok.stderr)")
    }
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/nb-student/.gradbook").path))
  }

  @Test func outFolderHoldingTheNotebooksByAnotherPathIsRefused() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb/nb.md"))
    try FileManager.default.createSymbolicLink(
      at: dir.appendingPathComponent("link"), withDestinationURL: dir.appendingPathComponent("nb"))
    let before = Hostile.snapshot(dir.appendingPathComponent("nb"))
    // Through a symbolic link to the same folder.
    let r = try CLI.run(["run", "link/nb.md", "--out", "."], in: dir)
    #expect(r.status == 2)
    #expect(r.stderr.contains("which holds the notebook 'link/nb.md'"), "\(r.stderr)")
    #expect(Hostile.snapshot(dir.appendingPathComponent("nb")) == before)
  }

  @Test func aFolderOfTheUsersNamedLikeTheReportIsKept() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb.md"))
    try Hostile.write("my notes\n", to: dir.appendingPathComponent("out/nb/notes.txt"))
    try Hostile.write("mine\n", to: dir.appendingPathComponent("out/nb/figures/plot.png"))
    let before = Hostile.snapshot(dir.appendingPathComponent("out"))

    let r = try CLI.run(["run", "nb.md", "--out", "out"], in: dir)
    #expect(r.status == 2)
    #expect(lines(r.stderr).count == 1, "\(r.stderr)")
    #expect(
      r.stderr.contains("'out/nb' is a folder gradbook did not write (it has no .gradbook marker)"),
      "\(r.stderr)")
    #expect(Hostile.snapshot(dir.appendingPathComponent("out")) == before)
  }

  @Test func aFileOrLinkOfTheUsersNamedLikeTheReportIsKept() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb.md"))
    try Hostile.write("my notes\n", to: dir.appendingPathComponent("out/nb"))
    try Hostile.write("kept\n", to: dir.appendingPathComponent("mine/keep.txt"))
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("out2"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: dir.appendingPathComponent("out2/nb"), withDestinationURL: dir.appendingPathComponent("mine"))
    // Even a link to a folder that holds the marker is the user's link.
    try Hostile.write(Hostile.marker, to: dir.appendingPathComponent("mine/.gradbook"))
    let before = Hostile.snapshot(dir)

    let file = try CLI.run(["run", "nb.md", "--out", "out"], in: dir)
    #expect(file.status == 2)
    #expect(file.stderr.contains("'out/nb' is a file gradbook did not write"), "\(file.stderr)")
    let link = try CLI.run(["run", "nb.md", "--out", "out2"], in: dir)
    #expect(link.status == 2)
    #expect(link.stderr.contains("'out2/nb' is a file gradbook did not write"), "\(link.stderr)")
    #expect(Hostile.snapshot(dir) == before)
  }

  @Test func aUsersIndexPageInTheNotebooksFolderIsKept() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notes = dir.appendingPathComponent("notes")
    try Hostile.write(Self.graph, to: notes.appendingPathComponent("nb.md"))
    try Hostile.write("<!DOCTYPE html>\n<p>my own page</p>\n", to: notes.appendingPathComponent("index.html"))
    let before = Hostile.snapshot(dir)

    let r = try CLI.run(["run", "notes", "--out", "notes"], in: dir)
    #expect(r.status == 2)
    #expect(lines(r.stderr).count == 1, "\(r.stderr)")
    #expect(r.stderr.contains("'notes/index.html' is a file gradbook did not write"), "\(r.stderr)")
    #expect(Hostile.snapshot(dir) == before)
  }

  @Test func gradbooksOwnReportsAndIndexAreReplacedAndMarked() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notes = dir.appendingPathComponent("notes")
    try Hostile.write(Self.graph, to: notes.appendingPathComponent("nb.md"))
    try Hostile.write(
      Self.graph.replacingOccurrences(of: "# Graph", with: "# Other"),
      to: notes.appendingPathComponent("other.md"))
    // The notebooks' own folder as --out: their index and report folders go beside them.
    let first = try CLI.run(["run", "notes", "--out", "notes", "--quiet"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let marker = Data(Hostile.marker.utf8)
    #expect(FileManager.default.contents(atPath: notes.appendingPathComponent("nb/.gradbook").path) == marker)
    #expect(
      FileManager.default.contents(atPath: notes.appendingPathComponent("other/.gradbook").path) == marker)
    let index = try String(contentsOf: notes.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(index.hasPrefix("<!DOCTYPE html>\n<!-- Written by gradbook;"))

    try Hostile.write(
      Self.graph.replacingOccurrences(of: "# Graph", with: "# Edited"),
      to: notes.appendingPathComponent("nb.md"))
    let second = try CLI.run(["run", "notes", "--out", "notes", "--quiet"], in: dir)
    #expect(second.status == 0, "\(second.stderr)")
    let html = try String(contentsOf: notes.appendingPathComponent("nb/nb.html"), encoding: .utf8)
    #expect(html.contains("<title>Edited</title>"))
    let newIndex = try String(contentsOf: notes.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(newIndex.contains(">Edited</a>"))
    // The notebooks themselves are untouched.
    #expect(
      try String(contentsOf: notes.appendingPathComponent("other.md"), encoding: .utf8).contains("# Other"))
  }

  @Test func anEmptyFolderIsReplaced() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb.md"))
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("out/nb"), withIntermediateDirectories: true)
    let r = try CLI.run(["run", "nb.md", "--out", "out", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/nb/nb.html").path))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/nb/.gradbook").path))
  }

  @Test func aMarkerWithOtherContentsIsNoProof() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Hostile.write(Self.graph, to: dir.appendingPathComponent("nb.md"))
    try Hostile.write("not the marker\n", to: dir.appendingPathComponent("out/nb/.gradbook"))
    let r = try CLI.run(["run", "nb.md", "--out", "out"], in: dir)
    #expect(r.status == 2)
    #expect(r.stderr.contains("'out/nb' is a folder gradbook did not write"), "\(r.stderr)")
    #expect(
      FileManager.default.contents(atPath: dir.appendingPathComponent("out/nb/.gradbook").path)
        == Data("not the marker\n".utf8))
  }
}
