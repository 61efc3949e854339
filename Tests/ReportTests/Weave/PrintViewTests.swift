import Executor
import Foundation
import Notebook
import Testing

@testable import Report

/// The Markdown report's title from the front matter, and the PDF's fixed dates.
@Suite struct PrintViewTests {
  @Test func frontMatterBecomesAHiddenCommentAndATitleHeading() {
    let text = "---\ntitle: Back*prop*\nseed: 3\n---\nProse.\n\n```{graph}\nx = 2\ny = x^2\n```\n"
    let document = NotebookDocument.parse(text)
    let woven = MarkdownWeaver.weave(document: document, outcomes: [], figures: [:])
    #expect(woven.hasPrefix("<!--\n---\ntitle: Back*prop*\nseed: 3\n---\n-->\n# Back\\*prop\\*\n"))
    #expect(woven.contains("Prose.\n"))
    // The YAML is no longer a rule and a setext heading: no line is `---` outside the comment.
    let afterComment = woven.components(separatedBy: "-->\n").dropFirst().joined()
    #expect(!afterComment.split(separator: "\n").contains("---"))
  }

  @Test func frontMatterWithoutTitleIsOnlyHidden() {
    let document = NotebookDocument.parse(
      "---\nseed: 3\n---\n# Own heading\n\n```{graph}\nx = 2\ny = x^2\n```\n")
    let woven = MarkdownWeaver.weave(document: document, outcomes: [], figures: [:])
    #expect(woven.hasPrefix("<!--\n---\nseed: 3\n---\n-->\n\n# Own heading\n"))
  }

  @Test func notebookWithoutBlocksKeepsItsFrontMatterBytes() {
    let text = "---\ntitle: T\n---\nProse only.\n"
    let woven = MarkdownWeaver.weave(document: NotebookDocument.parse(text), outcomes: [], figures: [:])
    #expect(woven == text)
  }

  @Test func frontMatterHoldingACommentEndKeepsOnlyTheTitle() {
    let document = NotebookDocument.parse("---\ntitle: \"a --> b\"\n---\n```{graph}\nx = 2\ny = x^2\n```\n")
    let woven = MarkdownWeaver.weave(document: document, outcomes: [], figures: [:])
    #expect(woven.hasPrefix("# a --&gt; b\n"))
  }

  @Test func pdfDatesAreReplacedInPlace() {
    let pdf = Data(
      "%PDF-1.4\n<</CreationDate (D:20261203115440+00'00')\n/ModDate (D:20261203115441+00'00')>>\n/Title (x)"
        .utf8)
    let fixed = PDFPrinter.fixDates(pdf)
    #expect(fixed.count == pdf.count)
    let text = String(decoding: fixed, as: UTF8.self)
    #expect(text.contains("/CreationDate (D:19700101000000+00'00')"))
    #expect(text.contains("/ModDate (D:19700101000000+00'00')"))
    #expect(text.hasSuffix("/Title (x)"))
  }

  @Test func pdfDateOfAnotherLengthIsKept() {
    let pdf = Data("/CreationDate (D:2026)".utf8)
    #expect(PDFPrinter.fixDates(pdf) == pdf)
  }

  /// Two prints whose structure ids Chromium numbered one apart (seen under load: every id
  /// one lower) become the same bytes; order and length are kept, other `(node…)` text too.
  @Test func pdfStructureIDsAreRenumberedByRank() {
    func pdf(_ ids: [Int]) -> Data {
      let elements = ids.map { String(format: "<</ID (node%08d)>>", $0) }.joined(separator: "\n")
      return Data(
        "%PDF-1.4\n\(elements)\n<</Names [(node\(String(format: "%08d", ids[0]))) 3 0 R]>> (node12) (nodeABCDEFGH)"
          .utf8)
    }
    let first = PDFPrinter.renumberNodeIDs(pdf([69, 70, 71, 90, 110, 69]))
    let second = PDFPrinter.renumberNodeIDs(pdf([68, 69, 70, 89, 109, 68]))
    #expect(first == second)
    #expect(first.count == pdf([69, 70, 71, 90, 110, 69]).count)
    let text = String(decoding: first, as: UTF8.self)
    #expect(
      text.hasPrefix(
        "%PDF-1.4\n<</ID (node00000001)>>\n<</ID (node00000002)>>\n<</ID (node00000003)>>\n"
          + "<</ID (node00000004)>>\n<</ID (node00000005)>>\n<</ID (node00000001)>>\n"))
    #expect(text.hasSuffix("<</Names [(node00000001) 3 0 R]>> (node12) (nodeABCDEFGH)"))
  }

  @Test func paperSizesInInches() {
    #expect(abs(Paper.a4.inches.width - 8.2677) < 1e-4)
    #expect(abs(Paper.a4.inches.height - 11.6929) < 1e-4)
    #expect(Paper.letter.inches.width == 8.5)
    #expect(Paper.letter.inches.height == 11)
  }
}
