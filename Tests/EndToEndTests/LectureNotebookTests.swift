import Foundation
import Testing

/// The INF721 notebook through the real CLI: values in results.json, exit
/// statuses, determinism.
@Suite(.serialized) struct LectureNotebookTests {
  @Test func mlpStepReproducesTheExactLectureValues() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["run", "notebooks/inf721-backprop.md", "--out", out.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = out.appendingPathComponent("inf721-backprop")
    for file in ["inf721-backprop.md", "inf721-backprop.html", "results.json", "katex/katex.min.css"] {
      #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(file).path), "\(file)")
    }
    let json = try CLI.results(report)
    let step = try CLI.block(json, named: "mlp-step")
    #expect(abs(try CLI.number(step, "loss") - 0.2244056) < 1e-6)
    let g = try CLI.matrix(step, "grad.W1")
    let expected = [[-0.1005045, -0.2010090], [-0.1206054, -0.2412108]]
    for i in 0..<2 { for j in 0..<2 { #expect(abs(g[i][j] - expected[i][j]) < 1e-6) } }
    #expect(abs(try CLI.oneElement(step, "new.b2") - 0.3201009) < 1e-6)
    let ex5 = try CLI.block(json, named: "ex5-step")
    #expect(abs(try CLI.oneElement(ex5, "new.b2") - 0.4113046) < 1e-6)
    let logistic = try CLI.block(json, named: "logreg-step")
    #expect(try CLI.oneElement(logistic, "grad.W1") == -25)
    // Every expectation in the notebook passed.
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    for b in blocks {
      #expect(b["status"] as? String == "ok")
      for e in (b["expectations"] as? [[String: Any]]) ?? [] { #expect(e["passed"] as? Bool == true, "\(e)") }
    }
  }

  @Test func checkExitsZeroThenOneWhenAnExpectedValueChanges() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ok = try CLI.run(["check", "notebooks/inf721-backprop.md", "--out", dir.path, "--quiet"])
    #expect(ok.status == 0, "\(ok.stderr)")
    let source = try String(
      contentsOf: CLI.root.appendingPathComponent("notebooks/inf721-backprop.md"), encoding: .utf8)
    let changed = source.replacingOccurrences(
      of: "new.b2: 0.3201009 ± 1e-6", with: "new.b2: 0.3211009 ± 1e-6")
    #expect(changed != source)
    let copy = dir.appendingPathComponent("changed.md")
    try changed.write(to: copy, atomically: true, encoding: .utf8)
    let bad = try CLI.run(["check", copy.path, "--out", dir.path, "--quiet"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("new.b2"))
    // `run` does not fail on an expectation.
    let run = try CLI.run(["run", copy.path, "--out", dir.path, "--quiet"])
    #expect(run.status == 0)
  }

  @Test func runningTwiceGivesByteIdenticalMarkdownAndResults() throws {
    let a = try CLI.temporaryDirectory()
    let b = try CLI.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    _ = try CLI.run(["run", "notebooks/inf721-backprop.md", "--out", a.path, "--quiet", "--no-cache"])
    _ = try CLI.run(["run", "notebooks/inf721-backprop.md", "--out", b.path, "--quiet", "--no-cache"])
    for f in ["inf721-backprop.md", "results.json", "inf721-backprop.html"] {
      let x = try Data(contentsOf: a.appendingPathComponent("inf721-backprop/\(f)"))
      let y = try Data(contentsOf: b.appendingPathComponent("inf721-backprop/\(f)"))
      #expect(x == y, "\(f) differs between runs")
    }
  }

  @Test func badCommandLinesExitTwo() throws {
    #expect(try CLI.run(["run", "no-such-notebook.md"]).status == 2)
    #expect(try CLI.run(["run"]).status == 2)
    #expect(try CLI.run(["frobnicate"]).status == 2)
    // An unknown format is refused before anything runs (pdf is a format since issue 16).
    #expect(try CLI.run(["run", "notebooks/inf721-backprop.md", "--format", "docx"]).status == 2)
  }
}
