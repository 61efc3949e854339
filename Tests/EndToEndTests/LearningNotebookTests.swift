import Foundation
import Testing

/// The learning notebooks through the CLI: SMAI homework 2 and 3.
@Suite(.serialized) struct LearningNotebookTests {
  static var mnistDirectory: String {
    CLI.root.appendingPathComponent("data/mnist").path
  }

  @Test func homework2BiasBeatsNoBiasAndRunsAreIdentical() throws {
    let a = try CLI.temporaryDirectory()
    let b = try CLI.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    let r1 = try CLI.run(["check", "notebooks/smai-homework-2.md", "--out", a.path, "--quiet", "--no-cache"])
    let r2 = try CLI.run(["check", "notebooks/smai-homework-2.md", "--out", b.path, "--quiet", "--no-cache"])
    #expect(r1.status == 0, "\(r1.stderr)")
    #expect(r2.status == 0)
    for f in ["results.json", "smai-homework-2.md"] {
      let x = try Data(contentsOf: a.appendingPathComponent("smai-homework-2/\(f)"))
      let y = try Data(contentsOf: b.appendingPathComponent("smai-homework-2/\(f)"))
      #expect(x == y, "\(f) differs between two runs")
    }
    let json = try CLI.results(a.appendingPathComponent("smai-homework-2"))
    let without = try CLI.number(try CLI.block(json, named: "without-bias"), "test.accuracy")
    let with = try CLI.number(try CLI.block(json, named: "with-bias"), "test.accuracy")
    #expect(with > without)
    // Learning curves for both variants were drawn.
    let figures = try FileManager.default.contentsOfDirectory(
      atPath: a.appendingPathComponent("smai-homework-2/figures").path)
    for stem in ["train-without-bias-loss.png", "train-with-bias-loss.png", "train-with-bias-accuracy.png"] {
      #expect(figures.contains(stem))
    }
    let data = try CLI.block(json, named: "blobs")
    #expect(try CLI.number(data, "train.n") == 160)
    #expect(try CLI.number(data, "test.n") == 40)
  }

  @Test func mnistOnesAgainstTwosReaches97PercentUnder1GB() throws {
    #expect(
      FileManager.default.fileExists(atPath: Self.mnistDirectory),
      "the MNIST test set is expected at \(Self.mnistDirectory)")
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(
      ["check", "notebooks/smai-homework-3-mnist.md", "--out", out.path, "--quiet", "--no-cache"],
      environment: ["MNIST_DIR": Self.mnistDirectory])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try CLI.results(out.appendingPathComponent("smai-homework-3-mnist"))
    let train = try CLI.block(json, named: "ones-vs-twos")
    #expect(try CLI.number(train, "test.accuracy") >= 0.97)
    let data = try CLI.block(json, named: "digits")
    #expect(try CLI.number(data, "train.n") + CLI.number(data, "test.n") == 2167)
    // Peak resident memory of the largest child so far (this run included).
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #expect(usage.ru_maxrss < 1_000_000, "peak RSS \(usage.ru_maxrss) kB")
  }

  @Test func aMissingDataFileNamesThePathAndTheVariable() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(
      ["run", "notebooks/smai-homework-3-mnist.md", "--out", out.path, "--quiet"],
      environment: ["MNIST_DIR": "/nonexistent/mnist"])
    #expect(r.status == 1)
    let json = try CLI.results(out.appendingPathComponent("smai-homework-3-mnist"))
    let data = try CLI.block(json, named: "digits")
    let error = try #require(data["error"] as? [String: Any])
    let message = try #require(error["message"] as? String) + ((error["hint"] as? String) ?? "")
    #expect(message.contains("/nonexistent/mnist/t10k-images-idx3-ubyte.gz"))
    #expect(message.contains("MNIST_DIR"))
    let notebook = try String(
      contentsOf: CLI.root.appendingPathComponent("notebooks/smai-homework-3-mnist.md"), encoding: .utf8)
    let imagesLine = try #require(
      notebook.components(separatedBy: "\n").firstIndex { $0.hasPrefix("images:") })
    #expect(error["line"] as? Int == imagesLine + 1)
    // The blocks that need the data are skipped, not failed.
    #expect(try CLI.block(json, named: "ones-vs-twos")["status"] as? String == "skipped")
  }
}
