import Foundation
import Testing

/// `printed:` through the CLI (contract section 10): the per-block table, the Errata section and
/// the header count in both reports, `results.json`, `check` unaffected by `differs`; and reports
/// that do not depend on the cache (contract section 1).
@Suite(.serialized) struct PrintedErrataTests {
  static let notebook = """
    ---
    title: Printed values
    ---

    # Printed values

    ```{model mlp}
    layers:
      - dense: {in: 2, out: 2, weights: [[0.1, 0.2], [0.3, 0.4]], bias: [0.1, 0.2]}
      - relu
      - dense: {in: 2, out: 1, weights: [[0.5, 0.6]], bias: [0.3]}
      - sigmoid
    loss: bce
    ```

    ```{step mlp-step}
    model: mlp
    input: [1, 2]
    target: 1
    expect:
      loss: 0.2244056 ± 1e-6
    printed:
      source: "INF721 L6, section 8"
      output: 0.7986
      loss: 0.2247
      grad.W1: [[-0.1008, -0.2420], [-0.1210, -0.2420]]
      grad.b2: -0.2010
    ```

    ```{graph simple}
    x = -2
    y = 5
    z = -4
    f = (x + y) * z
    printed:
      source: "INF721 L6, section 6.2"
      f: -12
      df/dz: 3
    ```

    The end.
    """

  private func runNotebook(_ text: String, _ command: String = "check") throws -> (URL, CLI.Output) {
    let dir = try CLI.temporaryDirectory()
    let nb = dir.appendingPathComponent("nb.md")
    try text.write(to: nb, atomically: true, encoding: .utf8)
    let r = try CLI.run([command, nb.path, "--out", dir.appendingPathComponent("out").path])
    return (dir, r)
  }

  @Test func errataSectionAndHeaderCountInBothReports() throws {
    let (dir, r) = try runNotebook(Self.notebook)
    defer { try? FileManager.default.removeItem(at: dir) }
    // A differs is the source's error: check passes.
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("3 printed values differ"))
    let report = dir.appendingPathComponent("out/nb")

    let md = try String(contentsOf: report.appendingPathComponent("nb.md"), encoding: .utf8)
    // The count opens the report; the front matter follows as a comment, then the title.
    #expect(md.hasPrefix("> **Errata:** 3 printed values differ from the exact ones"))
    #expect(md.contains("<!--\n---\ntitle: Printed values\n---\n-->\n# Printed values"))
    let errata = try #require(md.range(of: "\n## Errata\n"))
    #expect(md.range(of: "The end.")!.lowerBound < errata.lowerBound)
    let section = String(md[errata.upperBound...])
    // output, loss and grad.W1 differ (every element of grad.W1: the handout carries −0.2016 and
    // prints −0.2420 for −0.2412); grad.b2 and the graph match.
    #expect(section.contains("| `output`"))
    #expect(section.contains("| `loss`"))
    #expect(section.contains("`grad.W1[1,1]`"))
    #expect(section.contains("`grad.W1[1,2]`"))
    #expect(section.contains("`grad.W1[2,1]`"))
    #expect(section.contains("`grad.W1[2,2]`"))
    #expect(!section.contains("grad.b2"))
    #expect(!section.contains("df/dz"))
    #expect(section.contains("| 0.7986  | 0.7990  |"))
    #expect(section.contains("INF721 L6, section 8"))
    #expect(section.contains("step mlp-step, line 16"))
    // The per-block table, after the block, marks each differs row.
    #expect(md.contains("**Printed in INF721 L6, section 8, against the exact values**"))
    let blockTable = md[md.range(of: "**Printed in INF721 L6, section 8")!.lowerBound..<errata.lowerBound]
    #expect(blockTable.components(separatedBy: "⚠ differs").count - 1 == 6)

    let html = try String(contentsOf: report.appendingPathComponent("nb.html"), encoding: .utf8)
    #expect(html.contains("<a href=\"#errata\">3 printed values differ from the exact ones</a>"))
    #expect(html.contains("<h2 id=\"errata\">Errata</h2>"))

    let json = try CLI.results(report)
    let step = try CLI.block(json, named: "mlp-step")
    let printed = try #require(step["printed"] as? [[String: Any]])
    #expect(printed.map { $0["path"] as? String } == ["output", "loss", "grad.W1", "grad.b2"])
    // `output` is a one-element value: its printed entry keeps that shape.
    #expect(printed[0]["printed"] as? [String] == ["0.7986"])
    #expect(printed[0]["verdict"] as? [String] == ["differs"])
    #expect(printed[0]["source"] as? String == "INF721 L6, section 8")
    #expect(abs(((printed[0]["got"] as? [Double])?.first ?? 0) - 0.7989910002494707) < 1e-15)
    #expect(
      printed[2]["verdict"] as? [[String]] == [["differs", "differs"], ["differs", "differs"]])
    #expect(printed[2]["printed"] as? [[String]] == [["-0.1008", "-0.2420"], ["-0.1210", "-0.2420"]])
    #expect(printed[3]["verdict"] as? [String] == ["matches"])
    #expect(step["cached"] == nil)
  }

  @Test func aNotebookWithoutPrintedGetsNeither() throws {
    let text = Self.notebook.components(separatedBy: "printed:")
      .enumerated().map { i, part in
        i == 0 ? part : String(part.drop { $0 != "`" })
      }.joined()
    let (dir, r) = try runNotebook(text)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(r.status == 0, "\(r.stderr)")
    let report = dir.appendingPathComponent("out/nb")
    let md = try String(contentsOf: report.appendingPathComponent("nb.md"), encoding: .utf8)
    #expect(!md.contains("Errata"))
    #expect(md.hasPrefix("<!--\n---\ntitle: Printed values\n---\n-->\n# Printed values"))
    let html = try String(contentsOf: report.appendingPathComponent("nb.html"), encoding: .utf8)
    #expect(!html.contains("Errata"))
    #expect(!html.contains("printed value"))
  }

  @Test func aCachedRunWritesByteIdenticalReports() throws {
    let (dir, first) = try runNotebook(Self.notebook, "run")
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(first.status == 0, "\(first.stderr)")
    #expect(!first.stderr.contains("from the cache"))
    let report = dir.appendingPathComponent("out/nb")
    let names = ["nb.md", "nb.html", "results.json"]
    let before = try names.map { try Data(contentsOf: report.appendingPathComponent($0)) }
    let second = try CLI.run([
      "run", dir.appendingPathComponent("nb.md").path, "--out", dir.appendingPathComponent("out").path,
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("3 blocks ran, 3 from the cache"))
    let after = try names.map { try Data(contentsOf: report.appendingPathComponent($0)) }
    for (name, (a, b)) in zip(names, zip(before, after)) {
      #expect(a == b, "\(name) differs between a fresh and a cached run")
    }
    let html = String(decoding: after[1], as: UTF8.self)
    #expect(!html.contains("cached"))
  }

  /// The INF721 notebook lists the handout's printed values with the right verdicts: the
  /// forward pass to z2 matches, everything from ŷ on differs, and the handout's later lines
  /// follow from its own −0.2016 rounded line by line.
  @Test func inf721ReportListsThePrintedValuesWithTheRightVerdicts() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["check", "notebooks/inf721-backprop.md", "--out", out.path, "--no-cache"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = out.appendingPathComponent("inf721-backprop")
    let json = try CLI.results(report)
    func verdicts(_ block: String) throws -> [String: Any] {
      let printed = try #require(try CLI.block(json, named: block)["printed"] as? [[String: Any]])
      var byPath: [String: Any] = [:]
      for p in printed {
        // One-element values keep their shape: `["matches"]` reads as "matches" here.
        let v = p["verdict"]
        byPath[p["path"] as? String ?? "?"] = (v as? [String]).flatMap { $0.count == 1 ? $0[0] : nil } ?? v
      }
      return byPath
    }
    let step = try verdicts("mlp-step")
    #expect(step["forward.z2"] as? String == "matches")
    #expect(step["output"] as? String == "differs")
    #expect(step["loss"] as? String == "differs")
    #expect(step["backward.dz2"] as? String == "differs")
    #expect(step["grad.W1"] as? [[String]] == [["differs", "differs"], ["differs", "differs"]])
    let carried = try verdicts("carried-dz2")
    #expect(carried.count == 7)
    for (path, v) in carried {
      let flat = (v as? String).map { [$0] } ?? (v as? [String]) ?? ((v as? [[String]])?.flatMap { $0 } ?? [])
      #expect(!flat.isEmpty, "\(path)")
      #expect(flat.allSatisfy { $0 == "matches" }, "\(path)")
    }
    let yhat = try verdicts("carried-yhat")
    #expect(yhat.values.allSatisfy { $0 as? String == "differs" })
    #expect(try verdicts("ex5-step")["new.b2"] as? String == "matches")
    #expect(
      try verdicts("logreg-step").values.allSatisfy {
        ($0 as? String).map { [$0] } ?? ($0 as? [String]) ?? ($0 as? [[String]])?.flatMap { $0 } ?? ["?"]
          == ["matches"]
      })
    let md = try String(contentsOf: report.appendingPathComponent("inf721-backprop.md"), encoding: .utf8)
    #expect(md.contains("> **Errata:** 17 printed values differ from the exact ones"))
  }
}
