import Executor
import Foundation
import Notebook
import Testing

@testable import Report

@Suite struct ResultsJSONTests {
  @Test func shapeAndSpecialNumbers() throws {
    var o = BlockOutcome(index: 0, kind: "step", name: nil, line: 42)
    o.results.set("loss", 0.2244)
    o.results.set("grad.W1", .matrix([[-0.1, -0.2], [0.3, 0.4]]))
    o.results.set("v", .vector([1, .nan, .infinity, -.infinity]))
    o.expectations = [
      ExpectationOutcome(
        path: "loss", check: "0.2244 ± 0.0001", got: .number(0.2244), passed: true, difference: 0, line: 50,
        reason: nil)
    ]
    let json = ResultsJSON.render(
      notebook: "notebooks/foo.md", seed: 0, outcomes: [o], figures: [0: ["figures/a.png"]])
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(parsed["notebook"] as? String == "notebooks/foo.md")
    let block = try #require((parsed["blocks"] as? [[String: Any]])?.first)
    #expect(block["name"] is NSNull)
    #expect(block["error"] is NSNull)
    #expect(block["status"] as? String == "ok")
    #expect(block["line"] as? Int == 42)
    let results = try #require(block["results"] as? [String: Any])
    #expect(results["loss"] as? Double == 0.2244)
    #expect((results["grad.W1"] as? [[Double]]) == [[-0.1, -0.2], [0.3, 0.4]])
    let v = try #require(results["v"] as? [Any])
    #expect(v[1] as? String == "nan")
    #expect(v[2] as? String == "inf")
    #expect(v[3] as? String == "-inf")
    #expect((block["figures"] as? [String]) == ["figures/a.png"])
    #expect(ResultsJSON.string("a\"b\\c\n<") == "\"a\\\"b\\\\c\\n<\"")
  }

  @Test func frontMatterErrorIsATopLevelKey() throws {
    let none = ResultsJSON.render(notebook: "a.md", seed: 0, outcomes: [], figures: [:])
    let parsedNone = try #require(try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [String: Any])
    #expect(parsedNone["front-matter-error"] is NSNull)
    let json = ResultsJSON.render(
      notebook: "a.md", seed: 0, outcomes: [], figures: [:],
      frontMatterError: NotebookError(
        line: 2, column: 9, message: "unknown format 'pdf'", hint: "Use html or md."))
    #expect(
      json.contains(
        "\"front-matter-error\": {\"line\": 2, \"column\": 9, \"message\": \"unknown format 'pdf'\", \"hint\": \"Use html or md.\"},\n"
      ))
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let e = try #require(parsed["front-matter-error"] as? [String: Any])
    #expect(e["line"] as? Int == 2)
    #expect(e["column"] as? Int == 9)
  }
}
