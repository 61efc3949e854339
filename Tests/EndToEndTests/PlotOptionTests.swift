import Foundation
import Testing

/// Divergence by growth (contract §7) and the `y-scale` / `y-range` plot options, through the CLI.
@Suite struct PlotOptionTests {
  static let data = """
    ```{data d}
    source: table
    x: [[1], [2], [3]]
    y: [1, 2, 3]
    ```

    ```{model m}
    layers: [dense 1->1]
    loss: mse
    init: zeros
    ```

    """

  func run(_ text: String) throws -> (CLI.Output, [String: Any]) {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    try text.write(to: notebook, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(["run", notebook.path, "--out", out.path, "--format", "md", "--quiet", "--no-cache"])
    return (r, try CLI.results(out.appendingPathComponent("nb")))
  }

  @Test func lossGrowingTenfoldWithoutNaNIsDivergence() throws {
    let (r, json) = try run(
      Self.data + "```{train t}\nmodel: m\ndata: d\nlearning-rate: 10\nepochs: 20\n```\n")
    #expect(r.status == 0, "\(r.stderr)")
    let t = try CLI.block(json, named: "t")
    let results = try #require(t["results"] as? [String: Any])
    #expect(results["diverged"] as? Bool == true)
    let epochs = try CLI.number(t, "epochs-run")
    #expect(epochs < 20)
    let curve = try #require(results["curve.train.loss"] as? [Double])
    let last = try #require(curve.last)
    #expect(last.isFinite)
    #expect(last > 10 * curve[0])
    // Every epoch before the last stayed within the limit.
    #expect(curve.dropLast().allSatisfy { $0 <= 10 * curve[0] })
  }

  @Test func smallLearningRateDoesNotDiverge() throws {
    let (_, json) = try run(
      Self.data + "```{train t}\nmodel: m\ndata: d\nlearning-rate: 0.05\nepochs: 20\n```\n")
    let t = try CLI.block(json, named: "t")
    let results = try #require(t["results"] as? [String: Any])
    #expect(results["diverged"] as? Bool == false)
    #expect(try CLI.number(t, "epochs-run") == 20)
  }

  @Test func plotOptionsAreAcceptedOnTrainAndCompare() throws {
    let (r, json) = try run(
      Self.data
        + "```{train t}\nmodel: m\ndata: d\nlearning-rate: 0.05\nepochs: 5\ny-scale: log\ny-range: [0.001, 10]\n```\n\n"
        + "```{compare c}\ntrain: t\nvary:\n  learning-rate: [0.01, 0.05]\ny-scale: linear\ny-range: [0, 5]\n```\n"
    )
    #expect(r.status == 0, "\(r.stderr)")
    let c = try CLI.block(json, named: "c")
    #expect(c["status"] as? String == "ok")
  }

  @Test(arguments: [
    ("y-scale: logarithmic", "unknown y-scale 'logarithmic'", 15, 10),
    ("y-range: [1]", "y-range needs two numbers [low, high], got '[1]'", 15, 10),
    ("y-range: [2, 1]", "y-range needs low < high, both finite, got '[2, 1]'", 15, 10),
    ("y-scale: log\ny-range: [0, 1]", "y-range must be positive on a log scale, got '[0, 1]'", 16, 10),
  ])
  func badPlotOptionsArePositioned(option: String, message: String, line: Int, column: Int) throws {
    let (r, json) = try run(Self.data + "```{train t}\nmodel: m\ndata: d\n\(option)\n```\n")
    #expect(r.status == 1)
    let t = try CLI.block(json, named: "t")
    let error = try #require(t["error"] as? [String: Any])
    #expect(error["message"] as? String == message)
    #expect(error["line"] as? Int == line)
    #expect(error["column"] as? Int == column)
  }
}
