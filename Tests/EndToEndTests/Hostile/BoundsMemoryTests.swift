import Datasets
import Foundation
import Testing

/// Hostile sizes end with a positioned error naming the memory limit (or the
/// bound crossed), the other blocks still run and the report is written.
/// Big files are made at run time (sparse where possible), never committed.
@Suite(.serialized) struct BoundsMemoryTests {
  /// A block that must still run after the hostile one.
  static let okBlock = "\n\n```{data ok}\nsource: xor\nn: 8\n```\n"

  /// Runs `notebook` (plus `okBlock`) under `limit`; checks exit 1, the error of
  /// block `name` at `line`:`column` containing `message`, and that `ok` ran.
  func expectBlockError(
    _ notebook: String, files: [String: [UInt8]] = [:], limit: String = "200M", name: String,
    line: Int, column: Int, message: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: notebook + Self.okBlock)
    for (file, bytes) in files { try f.write(file, bytes) }
    let r = try f.run(["--memory-limit", limit])
    #expect(r.status == 1, "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(
      r.stderr.contains("nb.md:\(line):\(column): error: "), "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(message), "\(r.stderr)", sourceLocation: sourceLocation)
    let error = try #require(try f.block(name)["error"] as? [String: Any], sourceLocation: sourceLocation)
    #expect((error["message"] as? String)?.contains(message) == true, sourceLocation: sourceLocation)
    #expect(try f.block("ok")["status"] as? String == "ok", sourceLocation: sourceLocation)
  }

  static func aliasBomb(indent: String) -> String {
    var lines = ["\(indent)a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for k in 1...9 {
      let refs = Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ")
      lines.append("\(indent)a\(k): &a\(k) [\(refs)]")
    }
    return lines.joined(separator: "\n")
  }

  @Test func yamlAliasBombInABlock() throws {
    try expectBlockError(
      "```{data bomb}\nsource: xor\nn: 8\n" + Self.aliasBomb(indent: "") + "\n```", name: "bomb", line: 9,
      column: 1, message: "the value of 'a5' expands to more than")
  }

  @Test func yamlAliasBombInTheFrontMatter() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: "---\ntitle: t\n" + Self.aliasBomb(indent: "") + "\n---\n" + Self.okBlock)
    let r = try f.run(["--memory-limit", "200M"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("expands to more than"), "\(r.stderr)")
    #expect(try f.block("ok")["status"] as? String == "ok")
  }

  static let idxNotebook = "```{data d}\nsource: idx\nimages: img\nlabels: lab\n```"

  @Test func gzipBombIDXStopsAtTheSizeItsHeaderAnnounces() throws {
    // 10 images of 28×28 announced, then 256 MB of zeros in 16 concatenated members.
    let member = Gzip.deflate([UInt8](repeating: 0, count: 16 << 20))
    let bomb =
      Gzip.deflate(BoundsFolder.idxHeader(0x803, [10, 28, 28]))
      + Array([[UInt8]](repeating: member, count: 16).joined())
    try expectBlockError(
      Self.idxNotebook,
      files: ["img": bomb, "lab": BoundsFolder.idxHeader(0x801, [10]) + [UInt8](repeating: 1, count: 10)],
      limit: "100M", name: "d", line: 3, column: 9, message: "inflates to more than the 10 images")
  }

  @Test func gzipIDXWhoseHeaderExceedsTheLimit() throws {
    try expectBlockError(
      Self.idxNotebook,
      files: [
        "img": Gzip.deflate(BoundsFolder.idxHeader(0x803, [2_000_000, 28, 28])),
        "lab": BoundsFolder.idxHeader(0x801, [1]) + [1],
      ], limit: "100M", name: "d", line: 3, column: 9,
      message: "the 2000000 images of 28×28 pixels in '")
  }

  @Test func sparseGigabyteRawIDXIsNotRead() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: Self.idxNotebook + Self.okBlock)
    let count: UInt32 = 1_300_000
    try f.write("img", BoundsFolder.idxHeader(0x803, [count, 28, 28]))
    let handle = try FileHandle(forWritingTo: f.url.appendingPathComponent("img"))
    try handle.truncate(atOffset: 16 + UInt64(count) * 784)
    try handle.close()
    try f.write("lab", BoundsFolder.idxHeader(0x801, [1]) + [1])
    let r = try f.run(["--memory-limit", "100M"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("nb.md:3:9: error: the 1300000 images of 28×28 pixels in '"), "\(r.stderr)")
    #expect(r.stderr.contains("more than the memory limit of 100 MB"))
    #expect(r.stderr.contains("--memory-limit"))
    #expect(try f.block("ok")["status"] as? String == "ok")
  }

  @Test func idxWithEmptyImagesIsRejected() throws {
    try expectBlockError(
      Self.idxNotebook,
      files: [
        "img": BoundsFolder.idxHeader(0x803, [3, 0, 0]),
        "lab": BoundsFolder.idxHeader(0x801, [3]) + [0, 1, 2],
      ],
      name: "d", line: 3, column: 9, message: "holds images of 0×0 pixels")
  }

  @Test func bigCSVUnderASmallLimit() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: "```{data d}\nsource: csv\npath: big.csv\ntarget: y\n```" + Self.okBlock)
    let rows = 48 << 20 / 8
    try f.write("big.csv", Array(("a,b,c,y\n" + String(repeating: "1,2,3,0\n", count: rows - 1)).utf8))
    let r = try f.run(["--memory-limit", "50M"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("nb.md:3:7: error: about "), "\(r.stderr)")
    #expect(r.stderr.contains("big.csv' (\(rows * 8) bytes) would need about "))
    #expect(r.stderr.contains("more than the memory limit of 50 MB"))
    #expect(try f.block("ok")["status"] as? String == "ok")
  }

  static let trainPrefix = """
    ```{data d}
    source: table
    x: [[0], [1]]
    y: [0, LABEL]
    ```

    ```{model m}
    layers: [dense 1->2]
    loss: softmax-cross-entropy
    ```

    """

  @Test func compareWithABillionSeeds() throws {
    try expectBlockError(
      Self.trainPrefix.replacingOccurrences(of: "LABEL", with: "1")
        + "```{compare c}\ntrain: {model: m, data: d, epochs: 2}\nvary:\n  learning-rate: [0.1, 0.2]\nseeds: 1e9\n```",
      name: "c", line: 15, column: 8, message: "2 variants × 1000000000 seeds would need about")
  }

  /// A compare's worker threads hold one network each: two full-batch runs of 2-16-1
  /// (tanh, sigmoid) on 20,000 rows need 2 × 8 · (4 · 65 + 3 · 20000 · 36) bytes ≈ 33 MB.
  @Test func compareChecksTheRunsItsThreadsHoldAtOnce() throws {
    let notebook = """
      ```{data d}
      source: xor
      n: 20000
      ```

      ```{model m}
      layers: [dense 2->16, tanh, dense 16->1, sigmoid]
      loss: bce
      ```

      ```{compare c}
      train: {model: m, data: d, epochs: 1, batch: full}
      vary:
        learning-rate: [0.1, 0.2]
      seeds: 3
      ```
      """
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: notebook)
    let twoThreads = try f.run(["--memory-limit", "5M", "--threads", "2"])
    #expect(twoThreads.status == 1)
    #expect(
      twoThreads.stderr.contains(
        "nb.md:15:8: error: 2 runs at once (one per thread) would need about 33 MB, more than the memory limit of 5 MB"
      ), "\(twoThreads.stderr)")
    // One run at a time needs half of that: 20M is enough on one thread, not on two.
    let twoUnder20M = try f.run(["--memory-limit", "20M", "--threads", "2"])
    #expect(twoUnder20M.status == 1, "\(twoUnder20M.stderr)")
    let oneThread = try f.run(["--memory-limit", "20M", "--threads", "1"])
    #expect(oneThread.status == 0, "\(oneThread.stderr)")
  }

  @Test func trainForABillionEpochs() throws {
    try expectBlockError(
      Self.trainPrefix.replacingOccurrences(of: "LABEL", with: "1")
        + "```{train t}\nmodel: m\ndata: d\nepochs: 1e9\n```",
      name: "t", line: 14, column: 9, message: "the learning curves of 1000000000 epochs would need about")
  }

  @Test func oneHotWithAHugeLabel() throws {
    try expectBlockError(
      "```{data d}\nsource: table\nx: [[0], [1]]\ny: [0, 1e9]\none-hot: true\n```", name: "d", line: 5,
      column: 10, message: "one-hot targets for 1000000001 classes")
  }

  @Test func confusionMatrixOfTwentyThousandClasses() throws {
    try expectBlockError(
      Self.trainPrefix.replacingOccurrences(of: "LABEL", with: "20000")
        + "```{train t}\nmodel: m\ndata: d\nepochs: 1\nshow: [confusion]\n```",
      name: "t", line: 15, column: 7, message: "the 20001×20001 confusion matrix would need about")
  }

  @Test func fiftyMegabyteNotebook() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write(
      "nb.md", text: "# Big\n\n" + String(repeating: "Backpropagation is the chain rule.\n", count: 1_500_000)
    )
    let r = try f.run(["--memory-limit", "200M"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("notebook 'nb.md' (50 MB) would need about "), "\(r.stderr)")
    #expect(r.stderr.contains("to run, more than the memory limit of 200 MB"))
  }

  @Test func memoryLimitOutOfRange() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: Self.okBlock)
    for (limit, message) in [
      ("infG", "--memory-limit takes a size"), ("nanM", "--memory-limit takes a size"),
      ("99999999999G", "--memory-limit must be at most 1048576G (got 99999999999G)"),
      ("0.0001K", "--memory-limit must be at least 1M (got 0.0001K)"),
    ] {
      let r = try f.run(["--memory-limit", limit])
      #expect(r.status == 2, "\(limit)")
      #expect(r.stderr.contains(message), "\(limit): \(r.stderr)")
    }
    #expect(try f.run(["--memory-limit", "1.5G"]).status == 0)
  }

  @Test func everyYAMLBlockKindAcceptsATimeout() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write(
      "nb.md",
      text: Self.trainPrefix.replacingOccurrences(of: "LABEL", with: "1")
        .replacingOccurrences(of: "source: table", with: "source: table\ntimeout: 30")
        .replacingOccurrences(of: "loss: softmax", with: "timeout: 30\nloss: softmax")
        + "```{train t}\nmodel: m\ndata: d\nepochs: 2\ntimeout: 30\n```\n\n"
        + "```{compare c}\ntrain: t\nvary:\n  learning-rate: [0.1, 0.2]\ntimeout: 30\n```\n")
    let r = try f.run()
    #expect(r.status == 0, "\(r.stderr)")
    for name in ["d", "m", "t", "c"] { #expect(try f.block(name)["status"] as? String == "ok", "\(name)") }
  }

  @Test func nanExpectationSaysTheExpectedValueIsNaN() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write(
      "nb.md",
      text: Self.trainPrefix.replacingOccurrences(of: "LABEL", with: "1")
        + "```{train t}\nmodel: m\ndata: d\nepochs: 4\nexpect:\n  epochs-run: .nan ± 1\n```\n")
    let r = try CLI.run(["check", "nb.md", "--out", "out", "--quiet", "--format", "md"], in: f.url)
    #expect(r.status == 1)
    #expect(r.stderr.contains("the expected value is NaN, which no value equals"), "\(r.stderr)")
    #expect(!r.stderr.contains("got NaN"))
  }
}
