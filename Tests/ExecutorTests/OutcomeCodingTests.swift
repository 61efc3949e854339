import Executor
import Foundation
import Notebook
import Testing

/// Outcomes as the block cache stores them. A block's `error` and `errors` are `NotebookError`s
/// stored flat, `{"line", "column", "message", "hint"}`: the keys of `BlockFailure`, the copy
/// type they replace, so entries written by the old code still decode.
@Suite struct OutcomeCodingTests {
  /// An outcome as the old code encoded it (`BlockFailure`'s synthesized keys, in the unsorted
  /// order `JSONEncoder` wrote them; no `hint` key without a hint).
  static let oldFailedOutcome = #"""
    {"index":2,"kind":"train","name":"t","line":12,"status":"error",
     "error":{"line":14,"column":3,"message":"unknown key 'epoch'","hint":"Did you mean 'epochs'?"},
     "errors":[{"hint":"Did you mean 'epochs'?","message":"unknown key 'epoch'","column":3,"line":14},
               {"column":1,"message":"missing key 'data'","line":12}],
     "results":{"entries":[]},"expectations":[],"printed":[],"content":[]}
    """#

  /// A cache entry the old code wrote for a block that ran (the only kind it stores).
  static func oldCacheEntry(key: String) -> String {
    #"""
    {"key":"\#(key)","version":"\#(ProgramVersion.cacheTag)","outcome":
     {"expectations":[],"status":"ok","errors":[],"line":1,"printed":[],
      "results":{"entries":[{"value":{"number":{"_0":4}},"path":"dy\/dx"}]},
      "index":0,"content":[],"kind":"graph"}}
    """#
  }

  @Test func anOldFailedOutcomeDecodes() throws {
    let o = try JSONDecoder().decode(BlockOutcome.self, from: Data(Self.oldFailedOutcome.utf8))
    #expect(o.status == .error)
    #expect(o.name == "t")
    #expect(
      o.error
        == NotebookError(line: 14, column: 3, message: "unknown key 'epoch'", hint: "Did you mean 'epochs'?"))
    #expect(
      o.errors == [
        NotebookError(line: 14, column: 3, message: "unknown key 'epoch'", hint: "Did you mean 'epochs'?"),
        NotebookError(line: 12, column: 1, message: "missing key 'data'"),
      ])
    #expect(o.problems.count == 2)
  }

  @Test func anOldCacheEntryLoads() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-outcome-coding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let key = "00112233445566778899aabbccddeeff"
    try Data(Self.oldCacheEntry(key: key).utf8).write(to: directory.appendingPathComponent(key + ".json"))
    let outcome = try #require(BlockCache(directory: directory).load(key: key))
    #expect(outcome.status == .ok)
    #expect(outcome.kind == "graph")
    #expect(outcome.error == nil)
    #expect(outcome.errors.isEmpty)
    #expect(number(outcome, "dy/dx") == 4)
  }

  @Test func anErrorIsStoredFlatAndReadBack() throws {
    let withHint = NotebookError(
      line: 7, column: 9, message: "unknown key 'lr'", hint: "Did you mean 'learning-rate'?")
    let withoutHint = NotebookError(line: 3, column: 1, message: "missing key 'model'")
    let encoded = try JSONEncoder().encode([withHint, withoutHint])
    let objects = try #require(try JSONSerialization.jsonObject(with: encoded) as? [[String: Any]])
    #expect(objects.count == 2)
    #expect(Set(objects[0].keys) == ["line", "column", "message", "hint"])
    #expect(Set(objects[1].keys) == ["line", "column", "message"])
    #expect(objects[0]["line"] as? Int == 7)
    #expect(objects[0]["column"] as? Int == 9)
    #expect(try JSONDecoder().decode([NotebookError].self, from: encoded) == [withHint, withoutHint])
  }

  @Test func aNullHintIsNoHint() throws {
    let json = #"{"line": 2, "column": 5, "message": "m", "hint": null}"#
    let e = try JSONDecoder().decode(NotebookError.self, from: Data(json.utf8))
    #expect(e == NotebookError(line: 2, column: 5, message: "m"))
  }

  @Test func anErrorWithoutAColumnIsNotMisread() {
    let json = #"{"line": 2, "message": "m"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(NotebookError.self, from: Data(json.utf8))
    }
  }
}
