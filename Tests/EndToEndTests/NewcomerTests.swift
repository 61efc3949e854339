import Foundation
import Testing

/// Issue 17, a newcomer's first hour: mistakes answered with a positioned word, through the CLI.
@Suite struct NewcomerTests {
  struct Run {
    var status: Int32
    var stderr: String
    var json: [String: Any]?
    var markdown: String?
  }

  /// Writes `text` as `nb.md` in a fresh folder and runs `gradbook COMMAND nb.md` there.
  func run(_ text: String, command: String = "run", extra: [String] = []) throws -> Run {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(text.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run([command, "nb.md", "--format", "md", "--no-cache"] + extra, in: dir)
    let report = dir.appendingPathComponent("output/nb")
    let markdown = try? Data(contentsOf: report.appendingPathComponent("nb.md"))
    return Run(
      status: r.status, stderr: r.stderr, json: try? CLI.results(report),
      markdown: markdown.map { String(decoding: $0, as: UTF8.self) })
  }

  static let model = "```{model m}\nlayers: [dense 2->1, sigmoid]\nloss: bce\n```\n"
  static let step = "```{step s}\nmodel: m\ninput: [1, 2]\ntarget: 1\n```\n"

  @Test func otherToolsChunksAreCopiedWithAWarning() throws {
    let chunk = "```{python}\nimport torch\n```\n"
    let r = try run(Self.model + "\n" + chunk + "\n" + Self.step, command: "check")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "nb.md:6:4: warning: '{python}' is another tool's code chunk; copied unchanged, not run"
          + " (gradbook runs only {data}, {model}, {step}, {graph}, {gradcheck}, {train} and {compare} blocks.)"
      ))
    #expect(!r.stderr.contains("error:"))
    #expect(r.markdown?.contains(chunk) == true)
    let blocks = try #require(r.json?["blocks"] as? [[String: Any]])
    #expect(blocks.count == 2)
    #expect(blocks.allSatisfy { ($0["status"] as? String) == "ok" })
  }

  @Test func braceLessBlockAndEmptyNotebookWarn() throws {
    let r = try run("# T\n\n```model m\nlayers: [dense 2->1, sigmoid]\nloss: bce\n```\n")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "nb.md:3:4: warning: this code block is not run: its info string 'model m' has no braces"
          + " (Did you mean ```{model m}?)"))
    #expect(
      r.stderr.contains(
        "nb.md:1:1: warning: the notebook has no executable blocks; nothing ran"
          + " (An executable block's info string starts with '{', e.g. ```{step}.)"))
  }

  @Test func quietLeavesWarningsOut() throws {
    let r = try run("```{r}\nx <- 1\n```\n", extra: ["--quiet"])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
  }
}

/// A check written at block level is answered with "indent it under `expect:`".
@Suite struct NewcomerCheckPlacementTests {
  @Test(arguments: [
    ("```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\nloss: 0.2 ± 0.1\n```\n", "loss"),
    ("```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\ngrad.W1: \"[[0, 0]] ± 1\"\n```\n", "grad.W1"),
    (
      "```{gradcheck}\nmodel: m\ninput: [1, 2]\ntarget: 1\nmax-relative-error: \"< 1e-6\"\n```\n",
      "max-relative-error"
    ),
  ])
  func resultPathAtBlockLevel(_ block: String, _ key: String) throws {
    let r = try NewcomerTests().run(NewcomerTests.model + block)
    #expect(r.status == 1)
    let blocks = try #require(r.json?["blocks"] as? [[String: Any]])
    let error = try #require(blocks.last?["error"] as? [String: Any])
    #expect(error["message"] as? String == "unknown key '\(key)'")
    #expect(
      error["hint"] as? String
        == "'\(key)' is a result of this block; to check it, indent it under `expect:`.")
    #expect(error["line"] as? Int == 9)
    #expect(error["column"] as? Int == 1)
  }

  @Test func misspeltKeyStillGetsDidYouMean() throws {
    let r = try NewcomerTests().run(
      NewcomerTests.model + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\nlerning-rate: 0.1\n```\n")
    let blocks = try #require(r.json?["blocks"] as? [[String: Any]])
    let error = try #require(blocks.last?["error"] as? [String: Any])
    #expect(error["hint"] as? String == "Did you mean 'learning-rate'?")
  }
}

/// Names in any case, and a name of another kind answered with its place.
@Suite struct NewcomerNameTests {
  @Test func capitalisedNamesRun() throws {
    let model =
      "```{model m}\nlayers:\n  - Dense: {in: 2, out: 1}\n  - Sigmoid\nloss: BCE\ninit: Xavier\n```\n"
    let r = try NewcomerTests().run(model + NewcomerTests.step)
    #expect(r.status == 0, "\(r.stderr)")
    let blocks = try #require(r.json?["blocks"] as? [[String: Any]])
    #expect(blocks.count == 2)
    #expect(blocks.allSatisfy { ($0["status"] as? String) == "ok" })
  }

  @Test func lossWrittenAsOptimizerSaysWhereItBelongs() throws {
    let text =
      NewcomerTests.model + "```{data d}\nsource: xor\nn: 8\n```\n"
      + "```{train t}\nmodel: m\ndata: d\noptimizer: BCE\n```\n"
    let r = try NewcomerTests().run(text)
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("nb.md:12:12: error: unknown optimizer 'BCE' ('bce' is a loss; write `loss: bce`.)"))
  }
}
