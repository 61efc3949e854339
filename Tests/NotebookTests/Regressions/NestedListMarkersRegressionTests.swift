import Testing

@testable import Notebook

/// One line of many nested list markers (`- - - - … x`) took time quadratic in its length: every
/// nested item rescanned the rest of the line for a thematic break (`- - -`) and copied it to
/// look for an HTML block. 50,000 markers took minutes in a debug build (cmark-gfm: 0.03 s). The
/// scanner now remembers where a thematic-break scan failed on the line, as cmark does
/// (`thematic_break_kill_pos`), and looks for an HTML block only at a `<`. These tests assert
/// the structure; without the fix they do not finish in reasonable time.
@Suite struct NestedListMarkersRegressionTests {
  @Test func fiftyThousandNestedDashItemsAroundAFence() throws {
    let markers = String(repeating: "- ", count: 50_000)
    let text = markers + "```{step}\nmodel: m\n```\n"
    let document = NotebookDocument.parse(text)
    // The fence opens on a list marker's line, so it is an example, not a block; the unindented
    // line 2 ends every item (and the fence), and line 3 opens an empty, unclosed plain fence.
    #expect(document.blocks.isEmpty)
    #expect(Array(document.reassembled.utf8) == Array(text.utf8))
    let scanned = FenceScanner.scan(text)
    #expect(scanned.count == 2)
    let first = try #require(scanned.first)
    #expect(first.info == "{step}")
    #expect(first.line == 1)
    #expect(first.lastLine == 1)
    #expect(!first.isClosed)
    #expect(first.inListItem)
    #expect(!first.startsLine)
    #expect(first.column == markers.count + 1)
    let second = try #require(scanned.last)
    #expect(second.info == "")
    #expect(second.line == 3)
    #expect(!second.inListItem)
    #expect(!second.isClosed)
  }

  @Test func thematicBreaksAreStillFound() throws {
    // "- - -" alone is a thematic break, not a list, so the fence after it is at the top level.
    let document = NotebookDocument.parse("- - -\n```{step}\nmodel: m\n```\n")
    #expect(document.blocks.count == 1)
    #expect(document.blocks.first?.line == 2)
    // Inside an item: "* * *" after "- " is a thematic break in the item.
    let scanned = FenceScanner.scan("- * * *\n  ```{graph}\n  x = 1\n  ```\n")
    #expect(scanned.count == 1)
    #expect(scanned.first?.inListItem == true)
    #expect(scanned.first?.content == "x = 1\n")
  }

  @Test func fiftyThousandNestedStarItemsThenHTML() {
    let text = String(repeating: "* ", count: 50_000) + "<div>\n```{step}\n```\n"
    // The HTML block in the innermost item runs to the blank line that is not there; line 2
    // does not continue the items, so the fence on it is at the top level and closed on line 3.
    let scanned = FenceScanner.scan(text)
    #expect(scanned.count == 1)
    #expect(scanned.first?.line == 2)
    #expect(scanned.first?.isClosed == true)
    #expect(scanned.first?.inListItem == false)
    #expect(NotebookDocument.parse(text).blocks.count == 1)
  }

  @Test func fiftyThousandNestedOrderedItems() throws {
    let markers = String(repeating: "1. ", count: 50_000)
    let scanned = FenceScanner.scan(markers + "~~~{graph}\n")
    let block = try #require(scanned.first)
    #expect(scanned.count == 1)
    #expect(block.fenceCharacter == "~")
    #expect(block.column == markers.count + 1)
  }
}
