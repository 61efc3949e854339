import Foundation
import Testing

/// Issue 17 through the CLI: every decoding problem of every block in one run, and `delimiter:`.
@Suite struct AllProblemsTests {
  static let notebook = """
    ```{model m}
    layers: [dense 2->1, sigmoid]
    loss: bce
    ```

    ```{data d}
    source: xor
    n: 8
    ```

    ```{train t}
    model: m
    data: d
    learning_rate: 0.1
    epoch: 5
    optimiser: adam
    ```

    ```{step}
    model: m
    input: [1, 2]
    lerning-rate: -1
    ```

    ```{data e}
    source: xorr
    ```

    """

  /// Decoding problems are printed before any block runs: the typo in the last block comes
  /// before the run-time error of the block above it, and neither is printed twice.
  @Test func decodingProblemsArePrintedBeforeAnythingRuns() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = """
      ```{model m}
      layers: [dense 2->1, sigmoid]
      loss: bce
      ```

      ```{step s}
      model: m
      input: [[1, 2, 3]]
      target: 1
      ```

      ```{data e}
      source: xorr
      ```

      """
    try Data(notebook.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1)
    let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.count == 2, "\(r.stderr)")
    #expect(errors.first == "nb.md:13:9: error: unknown data source 'xorr' (Did you mean 'xor'?)")
    #expect(errors.last?.hasPrefix("nb.md:") == true)
    #expect(errors.last?.contains("has 3 features but model 'm' expects 2") == true, "\(r.stderr)")
  }

  @Test func everyProblemIsATerminalLineAndAnEntryInResults() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(Self.notebook.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1)
    let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(
      errors == [
        "nb.md:14:1: error: unknown key 'learning_rate' (Did you mean 'learning-rate'?)",
        "nb.md:15:1: error: unknown key 'epoch' (Did you mean 'epochs'?)",
        "nb.md:16:1: error: unknown key 'optimiser' (Did you mean 'optimizer'?)",
        "nb.md:19:1: error: missing key 'target'",
        "nb.md:22:1: error: unknown key 'lerning-rate' (Did you mean 'learning-rate'?)",
        "nb.md:26:9: error: unknown data source 'xorr' (Did you mean 'xor'?)",
      ])
    let json = try CLI.results(dir.appendingPathComponent("output/nb"))
    let train = try CLI.block(json, named: "t")
    #expect(train["status"] as? String == "error")
    let first = try #require(train["error"] as? [String: Any])
    #expect(first["message"] as? String == "unknown key 'learning_rate'")
    #expect(first["line"] as? Int == 14)
    let all = try #require(train["errors"] as? [[String: Any]])
    #expect(
      all.map { $0["message"] as? String } == [
        "unknown key 'learning_rate'", "unknown key 'epoch'", "unknown key 'optimiser'",
      ])
    #expect(
      all.map { $0["hint"] as? String } == [
        "Did you mean 'learning-rate'?", "Did you mean 'epochs'?", "Did you mean 'optimizer'?",
      ])
    #expect(all.map { $0["line"] as? Int } == [14, 15, 16])
    #expect(all.map { $0["column"] as? Int } == [1, 1, 1])
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    // One problem keeps the one-error shape; the blocks without problems still ran.
    #expect((blocks[3]["errors"] as? [[String: Any]])?.count == 2)
    #expect(blocks[4]["errors"] == nil)
    let single = try #require(blocks[4]["error"] as? [String: Any])
    #expect(single["message"] as? String == "unknown data source 'xorr'")
    #expect(single["line"] as? Int == 26)
    #expect(single["column"] as? Int == 9)
    #expect(blocks[0]["status"] as? String == "ok")
    #expect(blocks[1]["status"] as? String == "ok")
    let markdown = try String(contentsOf: dir.appendingPathComponent("output/nb/nb.md"), encoding: .utf8)
    #expect(
      markdown.contains("> **Error** at line 15, column 1: unknown key 'epoch'\n>\n> Did you mean 'epochs'?"))
  }

  @Test func theDelimiterIsPartOfTheCacheKey() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("x;y\n1;0\n2;1\n3;1\n".utf8).write(to: dir.appendingPathComponent("d.csv"))
    func run(_ delimiter: String) throws -> (status: Int32, stderr: String, block: [String: Any]) {
      let text = "```{data d}\nsource: csv\npath: d.csv\ntarget: y\ndelimiter: \(delimiter)\n```\n"
      try Data(text.utf8).write(to: dir.appendingPathComponent("nb.md"))
      let r = try CLI.run(["run", "nb.md", "--format", "md"], in: dir)
      return (
        r.status, r.stderr,
        try CLI.block(try CLI.results(dir.appendingPathComponent("output/nb")), named: "d")
      )
    }
    let semicolon = try run("\";\"")
    #expect(semicolon.status == 0)
    #expect(try CLI.number(semicolon.block, "train.n") == 3)
    #expect(try CLI.number(semicolon.block, "features") == 1)
    let comma = try run("\",\"")
    #expect(comma.status == 1)
    #expect(
      comma.stderr.contains(
        "nb.md:4:9: error: '\(dir.path)/d.csv' has no column 'y'; its columns are 'x;y'"
          + " (The header reads as one column split at \",\"; the file seems to use \";\": write `delimiter: \";\"`.)"
      ))
  }

  @Test func anUnknownDelimiterListsTheAcceptedOnes() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = "```{data d}\nsource: csv\npath: d.csv\ntarget: y\ndelimiter: comma\n```\n"
    try Data(text.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "nb.md:5:12: error: unknown delimiter 'comma' (Write one of: \",\", \";\", tab, \"|\" or space.)"))
  }
}
