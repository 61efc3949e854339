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
      if let error = document.frontMatter.error, let raw = document.frontMatter.rawText {
        // A front matter with an error is followed by its error box; every
        // source byte is still there, in order.
        let box = MarkdownWeaver.frontMatterBox(error)
        let rest = input.dropFirst(raw.count)
        let blank = rest.hasPrefix("\n") ? "" : "\n"
        #expect(woven == raw + "\n" + box + "\n" + blank + rest)
      } else {
        #expect(woven == input)
      }
    }
  }

  @Test func frontMatterErrorBoxFollowsTheFrontMatter() {
    let crlf = NotebookDocument.parse("\u{FEFF}---\r\nformat: mdx\r\n---\r\nProse.\r\n")
    let woven = MarkdownWeaver.weave(document: crlf, outcomes: [], figures: [:])
    #expect(
      woven
        == "\u{FEFF}---\r\nformat: mdx\r\n---\r\n\r\n> **Error** in the front matter at line 2, column 9: "
        + "unknown format 'mdx'\r\n>\r\n> Did you mean 'md'?\r\n\r\nProse.\r\n")
  }

  @Test func tablesEscapeCellsAndWriteMatrices() {
    var t = ReportTable(caption: "T", columns: ["a|b", "value"])
    t.rows = [
      [.text("x|y <b>"), .matrix(Matrix.identity(2))], [.math("\\partial L"), .number(0.1234567891)],
    ]
    let md = MarkdownWeaver.table(t)
    #expect(md.contains("| a\\|b "))
    #expect(md.contains(" value"))
    #expect(md.contains("x\\|y &lt;b&gt;"))
    #expect(md.contains("[[1, 0], [0, 1]]"))
    #expect(md.contains("$\\partial L$"))
    #expect(md.contains("0.1234568"))
  }
}

@Suite struct TableLayoutTests {
  @Test func markdownTablesAreAlignedAndNumbersRightAligned() {
    let t = ReportTable(
      caption: nil, columns: ["Name", "Value"],
      rows: [[.text("a"), .number(1.5)], [.text("longer"), .number(-20)]])
    let lines = MarkdownWeaver.table(t).split(separator: "\n").map(String.init)
    #expect(lines[0] == "| Name   | Value |")
    #expect(lines[1] == "| ------ | ----: |")
    #expect(lines[2] == "| a      |   1.5 |")
    #expect(lines[3] == "| longer |   -20 |")
  }

  @Test func largeHTMLTablesAreSummarisedWithTheFullTableBehindDetails() {
    var t = ReportTable(caption: "Big", columns: ["i", "x"])
    t.rows = (0..<20).map { [.number(Double($0)), .number(Double($0) * 0.5)] }
    let html = HTMLWeaver(notebookPath: "n.md").table(t)
    #expect(html.contains("<details class=\"full-table\">"))
    #expect(html.contains("Show the full table (20 rows × 2 columns)"))
    // The preview shows 6 rows, the full table all 20.
    #expect(html.components(separatedBy: "<tr>").count - 1 == 1 + 6 + 1 + 20)
    let small = HTMLWeaver(notebookPath: "n.md").table(ReportTable(columns: ["a"], rows: [[.number(1)]]))
    #expect(!small.contains("<details"))
  }

  @Test func notebookTextIsEscapedInHTMLCells() {
    let w = HTMLWeaver(notebookPath: "n.md")
    let cell = w.cell(.text("<script>alert(1)</script>"), NumberFormat())
    #expect(cell == "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
    #expect(w.cell(.code("a<b"), NumberFormat()) == "<td><code>a&lt;b</code></td>")
  }

  @Test func numbersUseTheTablesSignificantDigits() {
    #expect(NumberFormat(digits: 7).text(0.22440559703) == "0.2244056")
    #expect(NumberFormat(digits: 3).text(1234.5678) == "1.23e+03")
    #expect(NumberFormat().text(.nan) == "nan")
    #expect(NumberFormat().text(-25) == "-25")
    #expect(NumberFormat().text(Matrix(column: [1, 2])) == "[1, 2]ᵀ")
  }
}
