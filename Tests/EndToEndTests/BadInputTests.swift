import Foundation
import Testing

/// Issue 8's list of bad inputs, through the real CLI: each gives the
/// documented error at the right line, exit status 1 or 2, and never a trap.
@Suite struct BadInputTests {
  /// The parts of `results.json` these tests read, decoded once.
  struct Results: Decodable {
    struct Failure: Decodable {
      var line: Int
      var column: Int
      var message: String
      var hint: String?
    }
    struct Check: Decodable {
      var column: Int
      var reason: String?
      var hint: String?
    }
    struct Block: Decodable {
      var status: String
      var error: Failure?
      var expectations: [Check]?
    }
    var blocks: [Block]
    var frontMatterError: Failure?

    enum CodingKeys: String, CodingKey {
      case blocks
      case frontMatterError = "front-matter-error"
    }

    /// `results.json` of the report folder `dir`.
    static func read(_ dir: URL) throws -> Results {
      try JSONDecoder().decode(
        Results.self, from: Data(contentsOf: dir.appendingPathComponent("results.json")))
    }
  }

  struct Run {
    var status: Int32
    var stderr: String
    var blocks: [Results.Block]
    var markdown: Data?
    var dir: URL
  }

  /// Writes `text` as `<name>.md` in a fresh folder and runs it.
  func run(_ text: String, name: String = "nb", extra: [String] = []) throws -> Run {
    let dir = try CLI.temporaryDirectory()
    let notebook = dir.appendingPathComponent("\(name).md")
    try Data(text.utf8).write(to: notebook)
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(["run", notebook.path, "--out", out.path, "--quiet", "--no-cache"] + extra)
    #expect([0, 1, 2].contains(r.status), "trapped: \(r.status) \(r.stderr)")
    let report = out.appendingPathComponent(name)
    let results = try? Results.read(report)
    return Run(
      status: r.status, stderr: r.stderr, blocks: results?.blocks ?? [],
      markdown: try? Data(contentsOf: report.appendingPathComponent("\(name).md")), dir: dir)
  }

  func error(_ block: Results.Block) -> (line: Int, message: String) {
    (block.error?.line ?? -1, (block.error?.message ?? "") + " " + (block.error?.hint ?? ""))
  }

  static let model = "```{model m}\nlayers: [dense 2->2, tanh, dense 2->1, sigmoid]\nloss: bce\n```\n"

  @Test func unclosedFenceRunsToTheEndAndTheReportClosesIt() throws {
    let r = try run(Self.model + "\n```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\n")
    #expect(r.status == 0)
    try #require(r.blocks.count == 2)
    #expect(r.blocks[1].status == "ok")
    let md = String(decoding: try #require(r.markdown), as: UTF8.self)
    #expect(md.contains("target: 1\n```\n"))
  }

  @Test func frontMatterErrorsAreReportedEverywhere() throws {
    let text = "---\nseed: -1\n---\nSome prose.\n\n```{graph}\nx = 2\ny = x^2\n```\n"
    let r = try run(text, extra: ["--format", "html,md"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("nb.md:2:7: error: seed must be an unsigned integer, got '-1'"))
    // The block still ran, with seed 0.
    try #require(r.blocks.count == 1)
    #expect(r.blocks[0].status == "ok")
    let report = r.dir.appendingPathComponent("out/nb")
    let e = try #require(try Results.read(report).frontMatterError)
    #expect(e.line == 2)
    #expect(e.column == 7)
    #expect(e.message == "seed must be an unsigned integer, got '-1'")
    #expect(e.hint == "Write e.g. 'seed: 42' (0 to 18446744073709551615).")
    // Markdown: the source bytes, with the box right after the front matter.
    let md = String(decoding: try #require(r.markdown), as: UTF8.self)
    let box =
      "> **Error** in the front matter at line 2, column 7: seed must be an unsigned integer, got '-1'\n>\n"
      + "> Write e.g. 'seed: 42' (0 to 18446744073709551615).\n"
    #expect(md.hasPrefix("<!--\n---\nseed: -1\n---\n-->\n\n" + box + "\nSome prose.\n\n```{graph}\n"))
    let html = String(decoding: try Data(contentsOf: report.appendingPathComponent("nb.html")), as: UTF8.self)
    let boxAt = try #require(html.range(of: "<div class=\"error-box front-matter\""))
    let proseAt = try #require(html.range(of: "Some prose."))
    #expect(boxAt.lowerBound < proseAt.lowerBound)
    #expect(html.contains("in the front matter at line 2, column 7: seed must be an unsigned integer"))
    // Without a problem the key is null.
    let fine = try run("---\nseed: 1\n---\n\n```{graph}\nx = 2\ny = x^2\n```\n")
    #expect(fine.status == 0)
    #expect(try Results.read(fine.dir.appendingPathComponent("out/nb")).frontMatterError == nil)
  }

  @Test func checkPrintsTheColumnAndTheReasonOfEachFailedCheck() throws {
    let dir = try CLI.temporaryDirectory()
    let text = """
      ```{graph}
      x = 2
      y = x^2
      expect:
        dy/dz: 4 ± 0.1
        y: 4.5 ± 0.1
        dy/dx: ">= 5"
        value.x: 2
      ```

      """
    try Data(text.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["check", "nb.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.contains("nb.md:5:3: expectation failed: dy/dz: no result path 'dy/dz' (Did you mean 'dy/dx'?)"))
    #expect(lines.contains("nb.md:6:3: expectation failed: y: expected 4.5 ± 0.1, got 4 (off by 0.5)"))
    #expect(lines.contains("nb.md:7:3: expectation failed: dy/dx: expected >= 5, got 4"))
    #expect(!lines.contains { $0.hasPrefix("nb.md:8:") })  // a check that passed
    #expect(lines.last?.hasPrefix("nb.md: 1 block ran, 1/4 checks passed → ") == true)
    let checks = try #require(
      try Results.read(dir.appendingPathComponent("output/nb")).blocks.first?.expectations)
    try #require(checks.count >= 2)
    #expect(checks[0].column == 3)
    #expect(checks[0].reason == "no result path 'dy/dz'")
    #expect(checks[0].hint == "Did you mean 'dy/dx'?")
    #expect(checks[1].reason == "off by 0.5, more than 0.1")
  }

  @Test func skippedBlocksArePrintedAsNotesAndCountedApart() throws {
    let dir = try CLI.temporaryDirectory()
    let text = """
      ```{model m}
      layers: [dense 2->1, sigmod]
      loss: bce
      ```
      ```{step}
      model: m
      input: [1, 2]
      target: 1
      ```
      ```{graph}
      x = 2
      y = x^2
      ```

      """
    try Data(text.utf8).write(to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(lines)")
    #expect(lines.first == "nb.md:2:22: error: unknown layer 'sigmod' (Did you mean 'sigmoid'?)")
    #expect(lines.dropFirst().first == "nb.md:6:8: skipped: 'm' failed above")
    #expect(lines.last?.hasPrefix("nb.md: 3 blocks, 1 failed, 1 skipped → ") == true)
  }

  @Test func anUnwritableOutputFolderSaysWhy() throws {
    let dir = try CLI.temporaryDirectory()
    try Data("```{graph}\nx = 2\ny = x^2\n```\n".utf8).write(to: dir.appendingPathComponent("nb.md"))
    try Data("not a folder".utf8).write(to: dir.appendingPathComponent("blocked"))
    let r = try CLI.run(["run", "nb.md", "--out", "blocked/reports", "--format", "md"], in: dir)
    #expect(r.status == 1)
    let blocked = dir.appendingPathComponent("blocked").standardizedFileURL.path
    #expect(
      r.stderr.contains(
        "cannot write the report to \(dir.standardizedFileURL.path)/blocked/reports/nb: '\(blocked)' is a file, not a folder (choose another --out)"
      ), "\(r.stderr)")
    #expect(!r.stderr.contains("NSCocoaErrorDomain"))
  }

  @Test func tabsInYAMLAreAnErrorAtTheirLine() throws {
    let r = try run(Self.model + "\n```{step}\nmodel: m\ninput:\n\t[1, 2]\ntarget: 1\n```\n")
    #expect(r.status == 1)
    let e = error(r.blocks[1])
    #expect(e.line == 8 || e.line == 9, "\(e)")
    #expect(e.message.lowercased().contains("tab"))
  }

  @Test func crlfAndBOMArePreservedAndRun() throws {
    let text =
      "\u{FEFF}# Title\r\n\r\n" + Self.model.replacingOccurrences(of: "\n", with: "\r\n")
      + "\r\n```{step}\r\nmodel: m\r\ninput: [1, 2]\r\ntarget: 1\r\n```\r\n\r\nThe end.\r\n"
    let r = try run(text)
    #expect(r.status == 0, "\(r.blocks)")
    let md = try #require(r.markdown)
    #expect(md.starts(with: [0xEF, 0xBB, 0xBF]))
    let s = String(decoding: md, as: UTF8.self)
    #expect(s.hasSuffix("The end.\r\n"))
    #expect(!s.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test func emptyBlocksAndMissingNamesAreErrors() throws {
    let r = try run("```{step}\n```\n\n```{data}\nsource: xor\nn: 4\n```\n")
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).message.contains("model"))
    #expect(error(r.blocks[1]).line == 4)
    #expect(error(r.blocks[1]).message.lowercased().contains("name"))
  }

  @Test func duplicateNamesAndForwardReferences() throws {
    let r = try run(
      "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\n```\n\n" + Self.model + "\n" + Self.model)
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).message.contains("defined later"))
    #expect(r.blocks[1].status == "ok")
    #expect(error(r.blocks[2]).message.contains("duplicate name 'm'"))
  }

  @Test func cyclicGraphDefinitionsAreErrors() throws {
    let r = try run("```{graph}\nx = 1\na = b + x\nb = a * 2\n```\n")
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).line == 3)
  }

  @Test func nanAndInfinityInDataAndParameters() throws {
    let data = "```{data d}\nsource: table\nx: [[1, 2], [.nan, 3]]\ny: [0, 1]\n```\n"
    let weights =
      "\n```{model w}\nlayers:\n  - dense: {in: 2, out: 1, weights: [[.inf, 1]]}\n  - sigmoid\nloss: bce\n```\n"
    let r = try run(data + weights)
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).line == 3)
    #expect(error(r.blocks[0]).message.contains("row 2"))
    #expect(error(r.blocks[0]).message.contains("finite"))
    #expect(error(r.blocks[1]).line == 9)
    #expect(error(r.blocks[1]).message.contains("finite"))
  }

  @Test func zeroSizedLayer() throws {
    let r = try run("```{model z}\nlayers: [dense 2->0, relu, dense 0->1, sigmoid]\nloss: bce\n```\n")
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).line == 2)
  }

  @Test func singularMatricesInInvAndLogdet() throws {
    let r = try run(
      "```{graph}\nA = [[1, 2], [2, 4]]\ny = sum(inv(A))\n```\n\n```{graph}\nA = [[1, 2], [2, 4]]\ny = logdet(A)\n```\n"
    )
    #expect(r.status == 1)
    #expect(error(r.blocks[0]).line == 3)
    #expect(error(r.blocks[0]).message.contains("singular"))
    #expect(error(r.blocks[1]).line == 8)
    #expect(error(r.blocks[1]).message.contains("singular"))
  }

  @Test func tenMegabyteNotebook() throws {
    let paragraph =
      String(repeating: "Backpropagation is the chain rule, applied in the right order. ", count: 16) + "\n\n"
    var text = Self.model + "\n"
    while text.utf8.count < 10_000_000 { text += paragraph }
    text += "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\n```\n"
    let r = try run(text)
    #expect(r.status == 0)
    #expect(r.blocks.count == 2)
    #expect(r.markdown?.count ?? 0 > 10_000_000)
  }

  @Test func unwritableOutputFolder() throws {
    let dir = try CLI.temporaryDirectory()
    let notebook = dir.appendingPathComponent("nb.md")
    try Self.model.write(to: notebook, atomically: true, encoding: .utf8)
    let blocker = dir.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let r = try CLI.run([
      "run", notebook.path, "--out", blocker.appendingPathComponent("out").path, "--quiet",
    ])
    #expect(r.status == 1 || r.status == 2)
    #expect(r.stderr.contains("cannot write"))
  }

  @Test func outputNeverLeavesOut() throws {
    let dir = try CLI.temporaryDirectory()
    let sub = dir.appendingPathComponent("a/b")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    let weird = sub.appendingPathComponent("..%2F..%2Fevil <x>.md")
    try ("```{graph ..-x}\nx = 1\ny = x\n```\n").write(to: weird, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("a/b/out")
    let before = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix("a/b/out")
    }
    _ = try CLI.run([
      "run", sub.appendingPathComponent("../b/..%2F..%2Fevil <x>.md").path, "--out", out.path, "--quiet",
    ])
    let after = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix("a/b/out")
    }
    #expect(before == after)
    let reports = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
    #expect(reports == ["2f-2fevil-x"])
  }

  @Test func timeoutStopsALongBlockAndTheRestRuns() throws {
    let text = """
      ```{data xor}
      source: xor
      n: 64
      ```

      ```{model net}
      layers: [dense 2->8, tanh, dense 8->1, sigmoid]
      loss: bce
      ```

      ```{train long}
      model: net
      data: xor
      batch: 1
      epochs: 1000000
      timeout: 1
      ```

      ```{compare c}
      train:
        model: net
        data: xor
        batch: 1
        epochs: 1000000
      vary:
        learning-rate: [0.1, 0.2]
      timeout: 1
      ```

      ```{graph after}
      x = 2
      y = x * x
      ```
      """
    let r = try run(text)
    #expect(r.status == 1)
    for i in [2, 3] {
      #expect(r.blocks[i].status == "error")
      #expect(error(r.blocks[i]).message.contains("timeout of 1 s"), "\(error(r.blocks[i]))")
    }
    #expect(error(r.blocks[2]).line == 11)
    #expect(r.blocks[4].status == "ok")
  }
}
