import Notebook
import Testing

@testable import Report

/// The error box both weavers show, built once.
@Suite struct ErrorBoxTests {
  static let failure = NotebookError(line: 4, column: 9, message: "a < b", hint: "Write *x*.")

  @Test func htmlBoxOfABlockAndOfTheFrontMatter() {
    #expect(
      ErrorBox(block: Self.failure, skipped: false).html
        == "<div class=\"error-box\" role=\"alert\"><p><strong>Error</strong> at line 4, column 9: a &lt; b</p>"
        + "<p class=\"hint\">Write *x*.</p></div>\n")
    #expect(
      ErrorBox(frontMatter: NotebookError(line: 2, column: 7, message: "m")).html
        == "<div class=\"error-box front-matter\" role=\"alert\"><p><strong>Error</strong> in the front matter"
        + " at line 2, column 7: m</p></div>\n")
  }

  @Test func markdownBoxQuotesTheHintAsItsOwnParagraph() {
    let box = ErrorBox(block: Self.failure, skipped: true).markdown
    #expect(box == "> **Skipped** at line 4, column 9: a &lt; b\n>\n> Write \\*x\\*.")
  }
}
