import Executor
import Foundation
import Notebook
import Testing

@testable import Report

/// A block with several decoding problems (issue 17): one error box each, and `errors` in
/// results.json beside the first `error`.
@Suite struct SeveralErrorsTests {
  static var outcome: BlockOutcome {
    var o = BlockOutcome(index: 0, kind: "train", name: "t", line: 9)
    o.status = .error
    o.errors = [
      NotebookError(line: 12, column: 1, message: "unknown key 'epoch'", hint: "Did you mean 'epochs'?"),
      NotebookError(
        line: 13, column: 1, message: "unknown key 'optimiser'", hint: "Did you mean 'optimizer'?"),
    ]
    o.error = o.errors.first
    return o
  }

  @Test func markdownShowsOneBoxPerProblem() {
    let md = MarkdownWeaver.results(Self.outcome, figures: [:])
    #expect(
      md.contains(
        "> **Error** at line 12, column 1: unknown key 'epoch'\n>\n> Did you mean 'epochs'?\n\n"
          + "> **Error** at line 13, column 1: unknown key 'optimiser'\n>\n> Did you mean 'optimizer'?"))
  }

  @Test func htmlShowsOneBoxPerProblem() throws {
    let document = NotebookDocument.parse("```{train t}\nepoch: 5\noptimiser: adam\n```\n")
    let block = try #require(document.blocks.first)
    let html = HTMLWeaver(notebookPath: "n.md").blockHTML(block, Self.outcome, figures: [:])
    let boxes = html.components(separatedBy: "<div class=\"error-box\" role=\"alert\">").dropFirst()
    #expect(boxes.count == 2)
    #expect(
      boxes.first?.hasPrefix(
        "<p><strong>Error</strong> at line 12, column 1: unknown key &#39;epoch&#39;</p>") == true)
    #expect(html.contains("<p class=\"hint\">Did you mean &#39;optimizer&#39;?</p>"))
  }

  @Test func resultsJSONListsEveryProblemBesideTheFirst() throws {
    let json = ResultsJSON.render(notebook: "nb.md", seed: 0, outcomes: [Self.outcome], figures: [:])
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let block = try #require((parsed["blocks"] as? [[String: Any]])?.first)
    let first = try #require(block["error"] as? [String: Any])
    #expect(first["message"] as? String == "unknown key 'epoch'")
    let all = try #require(block["errors"] as? [[String: Any]])
    #expect(all.map { $0["message"] as? String } == ["unknown key 'epoch'", "unknown key 'optimiser'"])
    #expect(all.map { $0["line"] as? Int } == [12, 13])
    #expect(all.map { $0["hint"] as? String } == ["Did you mean 'epochs'?", "Did you mean 'optimizer'?"])
  }

  @Test func oneProblemHasNoErrorsKey() throws {
    var o = BlockOutcome(index: 0, kind: "step", name: nil, line: 1)
    o.status = .error
    o.error = NotebookError(line: 1, column: 1, message: "missing key 'model'")
    let json = ResultsJSON.render(notebook: "nb.md", seed: 0, outcomes: [o], figures: [:])
    #expect(!json.contains("\"errors\""))
    #expect(json.contains("\"error\": {\"line\": 1, \"column\": 1, \"message\": \"missing key 'model'\"}"))
  }
}
