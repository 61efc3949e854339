import Testing

@testable import Notebook

/// Alias expansion is bounded before any value is built.
@Suite struct YAMLAliasBoundTests {
  static func bomb(levels: Int) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for k in 1...levels {
      lines.append("a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]")
    }
    return lines.joined(separator: "\n")
  }

  @Test func nestedAliasesPastTheBoundAreAPositionedError() {
    let text = Self.bomb(levels: 9)
    #expect {
      _ = try SpecNode.parseYAML(text, firstLine: 2, columnOffset: 0)
    } throws: { error in
      guard let e = error as? NotebookError else { return false }
      // a5 is 9⁵ + … values, the first key past 100000 + the text's length.
      return e.position.line == 7 && e.position.column == 1
        && e.message
          == "the value of 'a5' expands to more than \(100_000 + text.utf8.count + 1) values (its aliases '*' repeat their anchors)"
    }
  }

  @Test func aFewAliasesStillWork() throws {
    let node = try SpecNode.parseYAML(Self.bomb(levels: 3), firstLine: 1, columnOffset: 0)
    let a3 = try #require(node["a3"])
    #expect(try a3.sequence().count == 9)
    #expect(try a3.sequence()[0].sequence()[0].sequence().count == 9)
  }
}
