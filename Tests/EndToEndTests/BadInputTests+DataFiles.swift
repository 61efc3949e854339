import Foundation
import Testing

/// Bad data files (CSV, IDX) through the real CLI.
extension BadInputTests {
  @Test func csvWithAMissingColumn() throws {
    let dir = try CLI.temporaryDirectory()
    try "a,b,label\n1,2,0\n3,4,1\n".write(
      to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let notebook = dir.appendingPathComponent("nb.md")
    try "```{data d}\nsource: csv\npath: d.csv\ntarget: class\n```\n".write(
      to: notebook, atomically: true, encoding: .utf8)
    let r = try CLI.run(["run", notebook.path, "--out", dir.appendingPathComponent("out").path, "--quiet"])
    #expect(r.status == 1)
    let block = try #require(try Results.read(dir.appendingPathComponent("out/nb")).blocks.first)
    let e = error(block)
    #expect(e.line == 4, "\(e)")
    #expect(e.message.contains("class"))
    #expect(e.message.contains("label"))
  }

  @Test func idxWithWrongMagicOrTruncatedBody() throws {
    let dir = try CLI.temporaryDirectory()
    // Labels file: magic 0x00000801, 3 labels. Images: wrong magic; then truncated.
    let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 1]
    try Data(labels).write(to: dir.appendingPathComponent("labels.idx"))
    try Data([0, 0, 8, 9, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2] + [UInt8](repeating: 7, count: 12)).write(
      to: dir.appendingPathComponent("wrong.idx"))
    try Data([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2] + [UInt8](repeating: 7, count: 5)).write(
      to: dir.appendingPathComponent("short.idx"))
    let text = """
      ```{data a}
      source: idx
      images: wrong.idx
      labels: labels.idx
      ```

      ```{data b}
      source: idx
      images: short.idx
      labels: labels.idx
      ```
      """
    try text.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "run", dir.appendingPathComponent("nb.md").path, "--out", dir.appendingPathComponent("o").path,
      "--quiet",
    ])
    #expect(r.status == 1)
    let blocks = try Results.read(dir.appendingPathComponent("o/nb")).blocks
    try #require(blocks.count == 2)
    #expect(error(blocks[0]).message.contains("wrong.idx"))
    #expect(error(blocks[0]).message.lowercased().contains("magic"))
    #expect(error(blocks[1]).message.contains("short.idx"))
    #expect(
      error(blocks[1]).message.lowercased().contains("truncated")
        || error(blocks[1]).message.contains("bytes"))
  }
}
