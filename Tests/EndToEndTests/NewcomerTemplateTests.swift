import Foundation
import Testing

/// `gradbook new` (issue 17): every template passes `gradbook check`; no file is overwritten.
@Suite struct NewcomerTemplateTests {
  @Test(arguments: ["worksheet", "experiment", "graph"])
  func templatePassesCheck(_ template: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let made = try CLI.run(["new", "t.md", "--template", template], in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    let r = try CLI.run(["check", "t.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("warning:"))
    let json = try CLI.results(dir.appendingPathComponent("output/t"))
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    #expect(blocks.allSatisfy { ($0["status"] as? String) == "ok" })
    let expectations = blocks.flatMap { ($0["expectations"] as? [[String: Any]]) ?? [] }
    let printed = blocks.flatMap { ($0["printed"] as? [[String: Any]]) ?? [] }
    #expect(!expectations.isEmpty)
    #expect(expectations.allSatisfy { ($0["passed"] as? Bool) == true })
    #expect(!printed.isEmpty)
    #expect(printed.allSatisfy { ($0["verdict"] as? String) == "matches" })
  }

  @Test func neverOverwrites() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("mine.md")
    try Data("my notes\n".utf8).write(to: url)
    let r = try CLI.run(["new", "mine.md"], in: dir)
    #expect(r.status == 2)
    #expect(
      r.stderr.contains(
        "gradbook: cannot write 'mine.md': the file exists (gradbook new never overwrites a file)"))
    #expect(try String(contentsOf: url, encoding: .utf8) == "my notes\n")
  }

  @Test func withoutANameListsTheTemplates() throws {
    let r = try CLI.run(["new"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("  worksheet: a model, a step, a gradient check and a graph, with checks"))
    #expect(r.stdout.contains("  experiment: a data set, a model, a step, training and a comparison"))
    #expect(r.stdout.contains("  graph: a computational graph in reverse mode"))
  }
}
