import Foundation
import Testing

/// `--format pdf`: a PDF printed by headless Chromium, with the lecture's numbers in its text,
/// math rendered (no raw `$`), several pages; without Chromium one line and the other formats.
@Suite(.serialized) struct PDFTests {
  /// The text of a PDF (`pdftotext`, Debian poppler-utils) or its `pdfinfo`.
  static func poppler(_ tool: String, _ pdf: URL) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    p.arguments = tool == "pdftotext" ? [pdf.path, "-"] : [pdf.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func lectureNotebookPrintsToAPDFWithItsNumbers() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      [
        "run", "notebooks/inf721-backprop.md", "--out", dir.path, "--format", "html,md,pdf", "--quiet",
        "--no-cache",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let pdf = dir.appendingPathComponent("inf721-backprop/inf721-backprop.pdf")
    let text = try Self.poppler("pdftotext", pdf)
    #expect(text.contains("0.2244056"))
    #expect(!text.contains("$"))
    let info = try Self.poppler("pdfinfo", pdf)
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
      .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    #expect((pages ?? 0) > 1, "\(info)")
    #expect(info.contains("1970"), "dates are fixed: \(info)")
    #expect(
      FileManager.default.fileExists(
        atPath: dir.appendingPathComponent("inf721-backprop/inf721-backprop.html").path))
  }

  @Test func pdfAloneLeavesNoHTMLAndPrintsTheSameBytesTwice() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    try
      "---\ntitle: Small\nformat: pdf\npaper: letter\n---\nThe loss is $L = y^2$.\n\n```{graph g}\nx = 2\ny = x^2\n```\n"
      .write(to: notebook, atomically: true, encoding: .utf8)
    var bytes: [Data] = []
    for out in ["a", "b"] {
      let r = try CLI.run(["run", notebook.path, "--out", dir.appendingPathComponent(out).path, "--quiet"])
      #expect(r.status == 0, "\(r.stderr)")
      let report = dir.appendingPathComponent("\(out)/nb")
      #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.html").path))
      #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("katex").path))
      bytes.append(try Data(contentsOf: report.appendingPathComponent("nb.pdf")))
    }
    #expect(bytes[0] == bytes[1])
    let info = try Self.poppler("pdfinfo", dir.appendingPathComponent("a/nb/nb.pdf"))
    #expect(info.contains("612 x 792 pts"), "letter paper: \(info)")
  }

  @Test func missingChromiumIsOneLineAndTheOtherFormatsAreWritten() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let emptyPath = dir.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
    let notebook = dir.appendingPathComponent("nb.md")
    try "# No printer\n\nSome text.\n".write(to: notebook, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(
      ["run", notebook.path, "--out", out.path, "--format", "html,md,pdf", "--quiet"],
      environment: ["PATH": emptyPath.path])
    #expect(r.status == 1)
    let lines = r.stderr.split(separator: "\n").filter { $0.contains("chromium") }
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(lines.first?.contains("install the Debian package chromium") == true)
    let report = out.appendingPathComponent("nb")
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.html").path))
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.md").path))
    #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("nb.pdf").path))
  }
}
