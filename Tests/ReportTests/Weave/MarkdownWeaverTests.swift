import Executor
import Foundation
import Notebook
import Tensor
import Testing

@testable import Report

@Suite struct MarkdownWeaverTests {
  /// Every CommonMark spec example is a notebook without executable blocks:
  /// the Markdown report must give it back byte for byte.
  @Test func everySpecExamplePassesThroughByteForByte() throws {
    let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/commonmark/spec.txt")
    let text = try String(contentsOf: spec, encoding: .utf8)
    let fence = String(repeating: "`", count: 32)
    var examples: [String] = []
    var current: [Substring]?
    var inInput = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == fence + " example" {
        current = []
        inInput = true
      } else if line == fence, current != nil {
        current = nil
      } else if inInput, line == "." {
        examples.append((current ?? []).map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t"))
        inInput = false
      } else if inInput {
        current?.append(line)
      }
    }
    #expect(examples.count == 655)
    for input in examples where !input.contains("```{") && !input.contains("~~~{") {
      let document = NotebookDocument.parse(input)
      let woven = MarkdownWeaver.weave(document: document, outcomes: [], figures: [:])
      #expect(woven == input)
    }
  }

  @Test func tablesEscapeCellsAndWriteMatrices() {
    var t = ReportTable(caption: "T", columns: ["a|b", "value"])
    t.rows = [
      [.text("x|y <b>"), .matrix(Matrix.identity(2))], [.math("\\partial L"), .number(0.1234567891)],
    ]
    let md = MarkdownWeaver.table(t)
    #expect(md.contains("| a\\|b | value |"))
    #expect(md.contains("x\\|y &lt;b&gt;"))
    #expect(md.contains("[[1, 0], [0, 1]]"))
    #expect(md.contains("$\\partial L$"))
    #expect(md.contains("0.1234568"))
  }
}
