import Executor
import Foundation
import Testing

/// Error messages as a notebook author sees them: positions, the numbers
/// the messages cite, and the hints.
@Suite struct MessageTests {
  /// The failure of the last block of `text`.
  func failure(_ text: String) throws -> BlockFailure {
    let outcomes = execute(text)
    return try #require(outcomes.last?.error, "no error in \(outcomes)")
  }

  @Test func graphMessagesCiteNotebookLines() throws {
    let before = try failure("Prose.\n\n```{graph}\nx = 1\na = b + x\nb = a * 2\n```\n")
    #expect((before.line, before.column) == (5, 5))
    #expect(before.message == "'b' is used before it is assigned (on line 6)")
    #expect(before.hint == "Move the assignment of 'b' above line 5.")
    let again = try failure("Prose.\n\n```{graph}\nx = 2\ny = x^2\nx = 3\n```\n")
    #expect((again.line, again.column) == (6, 1))
    #expect(again.message == "'x' is already assigned on line 4")
    // In an indented fence the cited column is a notebook column too.
    let paren = try failure("- item\n\n  ```{graph}\n  y = (2 + 1\n  ```\n")
    #expect((paren.line, paren.column) == (4, 13))
    #expect(paren.message == "expected ')' to close the '(' at column 7, found the end of the line")
  }
}
