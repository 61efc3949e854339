import Testing

@testable import Notebook

/// Found by `scripts/fuzz` (fence-scanner, compared with cmark-gfm; minimized to "```\u{0B}"):
/// the info string was trimmed of VT and FF too, while `FenceScanner` documents — and CommonMark
/// and cmark-gfm do — trimming spaces and tabs only.
@Suite struct InfoStringTrimRegressionTests {
  @Test(arguments: ["\u{0B}", "\u{0C}"])
  func verticalTabAndFormFeedStayInTheInfoString(character: String) throws {
    let scanned = FenceScanner.scan("```" + character)
    let block = try #require(scanned.first)
    #expect(scanned.count == 1)
    #expect(block.isFenced)
    #expect(block.info == character)
  }

  @Test func spacesAndTabsAreTrimmed() throws {
    let block = try #require(FenceScanner.scan("``` \t{graph}\t \n```\n").first)
    #expect(block.info == "{graph}")
  }

  @Test func formFeedAfterTheHeaderIsPartOfIt() throws {
    let document = NotebookDocument.parse("```{graph}\u{0C}\nx = 1\n```\n")
    let block = try #require(document.blocks.first)
    #expect(block.info == "{graph}\u{0C}")
    #expect(Array(document.reassembled.utf8) == Array("```{graph}\u{0C}\nx = 1\n```\n".utf8))
  }
}

/// The same root cause in list markers: a marker followed by VT or FF is not a list item for
/// cmark-gfm (its `cmark_isspace` is space, tab, LF and CR), so an indented fence after it is
/// indented code, not a fence in an item.
@Suite struct ListMarkerSpaceRegressionTests {
  @Test(arguments: ["-\u{0B}foo", "1.\u{0C}foo"])
  func markerFollowedByVerticalTabOrFormFeedIsParagraphText(first: String) throws {
    let scanned = FenceScanner.scan(first + "\n\n      ```\n      x\n      ```\n")
    let block = try #require(scanned.first)
    #expect(scanned.count == 1)
    #expect(!block.isFenced)
    #expect(!block.inListItem)
    #expect(block.content == "  ```\n  x\n  ```\n")
  }
}
