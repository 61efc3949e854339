import Foundation
import Testing

/// `precision: float32` and `--precision float32` through the CLI: runs are
/// deterministic and land close to float64.
@Suite(.serialized) struct Float32TrainingTests {
  static let xorNotebook = """
    # XOR in two precisions

    ```{data xor}
    source: xor
    n: 200
    noise: 0.2
    split: {train: 0.75, test: 0.25}
    ```

    ```{model net}
    layers: [dense 2->8, tanh, dense 8->1, sigmoid]
    loss: bce
    ```

    ```{train fit}
    model: net
    data: xor
    optimizer: momentum(0.9)
    learning-rate: 0.1
    batch: 16
    epochs: 30
    ```

    """

  /// A small MNIST subset (ones against twos) in the homework's shape,
  /// narrowed to 128 hidden units.
  static let mnistNotebook = """
    # MNIST subset in two precisions

    ```{data digits}
    source: idx
    images: ${MNIST_DIR}/t10k-images-idx3-ubyte.gz
    labels: ${MNIST_DIR}/t10k-labels-idx1-ubyte.gz
    classes-keep: [1, 2]
    relabel: {1: 0, 2: 1}
    split: {train: 0.8, test: 0.2}
    limit: 400
    ```

    ```{model mlp}
    layers:
      - dense: {in: 784, out: 128, init: he}
      - relu
      - dense: {in: 128, out: 128, init: he}
      - relu
      - dense: {in: 128, out: 1}
      - sigmoid
    loss: bce
    ```

    ```{train fit}
    model: mlp
    data: digits
    optimizer: sgd
    learning-rate: 0.05
    batch: 64
    epochs: 3
    ```

    """

  /// Writes `text` as `name.md` in a fresh folder and runs `gradbook run`
  /// on it with `extra` arguments; returns the report folder.
  static func run(
    _ text: String, name: String, in dir: URL, out: String, _ extra: [String] = [],
    environment: [String: String] = [:]
  ) throws -> URL {
    let notebook = dir.appendingPathComponent("\(name).md")
    try text.write(to: notebook, atomically: true, encoding: .utf8)
    let outDir = dir.appendingPathComponent(out)
    let r = try CLI.run(
      ["run", notebook.path, "--out", outDir.path, "--quiet", "--no-cache"] + extra, environment: environment)
    #expect(r.status == 0, "\(r.stderr)")
    return outDir.appendingPathComponent(name)
  }

  /// Runs `text` in float64, twice in float32, and checks the float32 runs
  /// are byte-identical and their final losses within `tolerance` of float64.
  static func expectDeterministicAndClose(
    _ text: String, name: String, tolerance: Double, environment: [String: String] = [:]
  ) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let f64 = try run(text, name: name, in: dir, out: "f64", environment: environment)
    let a = try run(
      text, name: name, in: dir, out: "a", ["--precision", "float32"], environment: environment)
    let b = try run(
      text, name: name, in: dir, out: "b", ["--precision", "float32"], environment: environment)
    let first = try Data(contentsOf: a.appendingPathComponent("results.json"))
    let second = try Data(contentsOf: b.appendingPathComponent("results.json"))
    #expect(first == second, "two float32 runs gave different results.json")
    let double = try CLI.block(try CLI.results(f64), named: "fit")
    let single = try CLI.block(try CLI.results(a), named: "fit")
    for path in ["train.loss", "test.loss"] {
      let x = try CLI.number(double, path)
      let y = try CLI.number(single, path)
      #expect(abs(x - y) <= tolerance, "\(path): float64 \(x), float32 \(y)")
      // Not the same run: float32 rounds differently.
      #expect(x != y, "\(path) is bit-identical in both precisions")
    }
    let report = try String(contentsOf: a.appendingPathComponent("\(name).md"), encoding: .utf8)
    #expect(report.contains("Trained in float32"))
    let plain = try String(contentsOf: f64.appendingPathComponent("\(name).md"), encoding: .utf8)
    #expect(!plain.contains("Trained in float32"))
  }

  @Test func xorInFloat32IsDeterministicAndCloseToFloat64() throws {
    try Self.expectDeterministicAndClose(Self.xorNotebook, name: "xor32", tolerance: 1e-3)
  }

  @Test func mnistSubsetInFloat32IsDeterministicAndCloseToFloat64() throws {
    let mnist = LearningNotebookTests.mnistDirectory
    try #require(FileManager.default.fileExists(atPath: mnist), "the MNIST test set is expected at \(mnist)")
    try Self.expectDeterministicAndClose(
      Self.mnistNotebook, name: "mnist32", tolerance: 1e-3, environment: ["MNIST_DIR": mnist])
  }

  @Test func theBlockKeyWinsOverTheCommandLine() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let keyed = Self.xorNotebook.replacingOccurrences(
      of: "epochs: 30", with: "epochs: 30\nprecision: float64")
    let plain = try Self.run(Self.xorNotebook, name: "xor", in: dir, out: "plain")
    let forced = try Self.run(keyed, name: "xor", in: dir, out: "forced", ["--precision", "float32"])
    let x = try CLI.number(try CLI.block(try CLI.results(plain), named: "fit"), "train.loss")
    let y = try CLI.number(try CLI.block(try CLI.results(forced), named: "fit"), "train.loss")
    #expect(x == y)
  }

  @Test func compareVariesThePrecision() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text =
      Self.xorNotebook + """
        ```{compare precisions}
        train: fit
        vary:
          precision: [float64, float32]
        seeds: 2
        ```

        """
    let report = try Self.run(text, name: "xor", in: dir, out: "out")
    let block = try CLI.block(try CLI.results(report), named: "precisions")
    let double = try CLI.number(block, "precision=float64.train.loss")
    let single = try CLI.number(block, "precision=float32.train.loss")
    #expect(abs(double - single) <= 1e-3)
    #expect(double != single)
  }

  @Test func anUnknownPrecisionIsAPositionedError() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = Self.xorNotebook.replacingOccurrences(of: "epochs: 30", with: "epochs: 30\nprecision: float16")
    let notebook = dir.appendingPathComponent("bad.md")
    try text.write(to: notebook, atomically: true, encoding: .utf8)
    let r = try CLI.run(["run", notebook.path, "--out", dir.appendingPathComponent("out").path, "--quiet"])
    #expect(r.status == 1)
    let block = try CLI.block(try CLI.results(dir.appendingPathComponent("out/bad")), named: "fit")
    let error = try #require(block["error"] as? [String: Any])
    #expect(error["message"] as? String == "unknown precision 'float16'")
    #expect(error["line"] as? Int == 22)
    let usage = try CLI.run(["run", notebook.path, "--precision", "half"])
    #expect(usage.status == 2)
    #expect(usage.stderr.contains("--precision takes float64 or float32, not 'half'"))
  }
}
