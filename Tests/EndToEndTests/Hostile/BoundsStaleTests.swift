import Foundation
import Testing

/// The cache key covers the files a `data` block reads: editing, growing or
/// deleting them, or changing the variable in their path, re-runs the block.
@Suite(.serialized) struct BoundsStaleTests {
  static let csvNotebook = """
    ```{data d}
    source: csv
    path: d.csv
    target: y
    ```

    ```{model m}
    layers: [dense 1->1]
    loss: mse
    ```

    ```{train t}
    model: m
    data: d
    epochs: 2
    ```
    """

  static func csv(rows: Int, offset: Double = 0) -> String {
    "x,y\n" + (0..<rows).map { "\(Double($0) + offset),\($0 % 2)" }.joined(separator: "\n") + "\n"
  }

  @Test func editedGrownAndDeletedCSVIsReadAgain() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: Self.csvNotebook)
    try f.write("d.csv", text: Self.csv(rows: 4))
    #expect(try f.run().status == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 4)
    let firstLoss = try CLI.number(try f.block("t"), "train.loss")

    // Same size, other values: the data block and the train block naming it re-run.
    try f.write("d.csv", text: Self.csv(rows: 4, offset: 5))
    let edited = try f.runCountingCached()
    #expect(edited.status == 0)
    // Only the model block, which reads no file, comes from the cache.
    #expect(edited.cached == 1)
    #expect(try CLI.number(try f.block("t"), "train.loss") != firstLoss)

    // Unchanged: both come from the cache.
    let unchanged = try f.runCountingCached()
    #expect(unchanged.status == 0)
    #expect(unchanged.cached == 3)

    try f.write("d.csv", text: Self.csv(rows: 7))
    #expect(try f.run().status == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 7)

    try f.remove("d.csv")
    let r = try f.run()
    #expect(r.status == 1)
    #expect(r.stderr.contains("nb.md:3:7: error: no file at '"))
    #expect(try f.errorMessage("d")?.hasPrefix("no file at") == true)
  }

  static let idxNotebook = """
    ```{data d}
    source: idx
    images: img.idx
    labels: lab.idx
    ```
    """

  func writeIDX(_ f: BoundsFolder, count: Int) throws {
    try f.write(
      "img.idx",
      BoundsFolder.idxHeader(0x803, [UInt32(count), 2, 2]) + (0..<(4 * count)).map { UInt8($0 % 256) })
    try f.write("lab.idx", BoundsFolder.idxHeader(0x801, [UInt32(count)]) + (0..<count).map { UInt8($0 % 3) })
  }

  @Test func editedGrownAndDeletedIDXIsReadAgain() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: Self.idxNotebook)
    try writeIDX(f, count: 3)
    #expect(try f.run().status == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 3)
    #expect(try CLI.number(try f.block("d"), "classes") == 3)
    // Same sizes, other labels.
    try f.write("lab.idx", BoundsFolder.idxHeader(0x801, [3]) + [0, 0, 1])
    #expect(try f.run().status == 0)
    #expect(try CLI.number(try f.block("d"), "classes") == 2)
    try writeIDX(f, count: 5)
    #expect(try f.run().status == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 5)
    try f.remove("lab.idx")
    let r = try f.run()
    #expect(r.status == 1)
    #expect(r.stderr.contains("nb.md:4:9: error: no file at '"))
  }

  @Test func changedVariableInThePathIsReadAgain() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write(
      "nb.md",
      text: """
        ```{data d}
        source: csv
        path: ${BOUNDS_DIR}/d.csv
        target: y
        ```
        """)
    try FileManager.default.createDirectory(
      at: f.url.appendingPathComponent("a"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: f.url.appendingPathComponent("b"), withIntermediateDirectories: true)
    try f.write("a/d.csv", text: Self.csv(rows: 4))
    try f.write("b/d.csv", text: Self.csv(rows: 9))
    #expect(try f.run(environment: ["BOUNDS_DIR": "a"]).status == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 4)
    let moved = try f.runCountingCached(environment: ["BOUNDS_DIR": "b"])
    #expect(moved.status == 0)
    #expect(moved.cached == 0)
    #expect(try CLI.number(try f.block("d"), "train.n") == 9)
  }

  @Test func truncatedCachedFigureIsDrawnAgain() throws {
    let f = try BoundsFolder()
    defer { f.cleanUp() }
    try f.write("nb.md", text: "```{data d}\nsource: xor\nn: 40\n```\n")
    #expect(try f.run().status == 0)
    let cache = f.url.appendingPathComponent("out/.cache/figures")
    let pngs = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".png") }
    #expect(!pngs.isEmpty)
    for name in pngs {
      let file = cache.appendingPathComponent(name)
      let data = try Data(contentsOf: file)
      try data.prefix(data.count / 2).write(to: file)
    }
    #expect(try f.run().status == 0)
    let iend: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    let figures = f.url.appendingPathComponent("out/nb")
    let written = try FileManager.default.subpathsOfDirectory(atPath: figures.path).filter {
      $0.hasSuffix(".png")
    }
    #expect(!written.isEmpty)
    for name in written {
      let bytes = [UInt8](try Data(contentsOf: figures.appendingPathComponent(name)))
      #expect(Array(bytes.suffix(8)) == iend, "\(name) is cut short")
    }
  }
}
