import Testing

@testable import Notebook

/// The notebook-structure invariants the fuzz target `Fuzz/Sources/FuzzFenceScanner` checks,
/// here over every example of the CommonMark specification (and each with every fence made
/// executable), so a violation shows up in `swift test`, not only in a fuzz run.
@Suite struct NotebookStructureTests {
  static let texts: [(Int, String)] = CommonMarkFenceTests.examples.flatMap { example in
    [
      (example.number, example.markdown),
      (
        example.number,
        example.markdown.replacingOccurrences(of: "```", with: "```{step}")
          .replacingOccurrences(of: "~~~", with: "~~~{graph}")
      ),
    ]
  }

  static func lineCount(_ text: String) -> Int { max(1, text.utf8.count { $0 == 0x0A || $0 == 0x0D } + 1) }

  @Test func specExamplesAreLoaded() {
    #expect(Self.texts.count == 2 * 655)
  }

  /// Block segments come in order, each block once; text segments are never empty.
  @Test func segmentsNameEveryBlockOnceInOrder() {
    for (number, text) in Self.texts {
      let document = NotebookDocument.parse(text)
      var next = 0
      for segment in document.segments {
        switch segment {
        case .text(let s):
          #expect(!s.isEmpty, "example \(number): empty text segment")
        case .block(let i):
          #expect(i == next, "example \(number): block segment \(i), expected \(next)")
          next += 1
        }
      }
      #expect(next == document.blocks.count, "example \(number)")
    }
  }

  /// Each block knows its index, lies within the text, and its body starts on the next line;
  /// a header error sits on the block's line.
  @Test func blocksLieWithinTheText() {
    for (number, text) in Self.texts {
      let lines = Self.lineCount(text)
      for (i, block) in NotebookDocument.parse(text).blocks.enumerated() {
        #expect(block.index == i, "example \(number)")
        #expect(block.line >= 1, "example \(number)")
        #expect(block.line <= block.endLine, "example \(number)")
        #expect(block.endLine <= lines, "example \(number)")
        #expect(block.column >= 1, "example \(number)")
        #expect(block.bodyStartLine == block.line + 1, "example \(number)")
        if let error = block.headerError {
          #expect(error.position.line == block.line, "example \(number)")
          #expect(error.position.column >= 1, "example \(number)")
        }
      }
    }
  }

  /// The scanner reports code blocks in order of their lines, within the text.
  @Test func scannedBlocksAreOrderedAndWithinTheText() {
    for (number, text) in Self.texts {
      let lines = Self.lineCount(text)
      var previous = 0
      for block in FenceScanner.scan(text) {
        #expect(previous < block.line, "example \(number)")
        #expect(block.line <= block.lastLine, "example \(number)")
        #expect(block.lastLine <= lines, "example \(number)")
        #expect(block.column >= 1, "example \(number)")
        previous = block.line
      }
    }
  }
}
