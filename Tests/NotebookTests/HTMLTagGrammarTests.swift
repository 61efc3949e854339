import Testing

@testable import Notebook

/// The shared tag grammar, and the HTML block kinds that use it.
@Suite struct HTMLTagGrammarTests {
  func tag(_ text: String) -> HTMLTagGrammar.Tag? { HTMLTagGrammar.tag(in: Array(text.utf8), at: 0) }

  @Test func openTagWithEveryAttributeForm() {
    let text = "<a href=\"x y\" title='t' data-n=5 hidden/>rest"
    let found = tag(text)
    #expect(found?.name == "a")
    #expect(found?.isClosing == false)
    #expect(found?.end == text.utf8.count - 4)
  }

  @Test func closingTagAndLowerCasedName() {
    #expect(tag("</DIV  >") == HTMLTagGrammar.Tag(name: "div", isClosing: true, end: 8))
  }

  @Test(arguments: ["<a href=>", "<a b='x>", "<1a>", "<a=x>", "</a b>", "<a href=x`y>", "<a/ >", "<a"])
  func notATag(_ text: String) {
    #expect(tag(text) == nil)
  }

  /// White space may hold a line ending; `mayContinue` can refuse it.
  @Test func lineEndingsInsideATagAreTheCallersToRefuse() {
    let bytes = Array("<a\nb=1>".utf8)
    #expect(HTMLTagGrammar.tag(in: bytes, at: 0)?.end == bytes.count)
    #expect(HTMLTagGrammar.tag(in: bytes, at: 0, mayContinue: { bytes[$0] != 0x0A }) == nil)
  }

  @Test func htmlBlockKindsByStartCondition() {
    func kind(_ s: String) -> HTMLBlockKind? { HTMLBlockStart.kind(of: Array((s + "\n").utf8)) }
    #expect(kind("<script>") == .rawText)
    #expect(kind("<!-- x") == .comment)
    #expect(kind("<?php") == .processingInstruction)
    #expect(kind("<!DOCTYPE html>") == .declaration)
    #expect(kind("<![CDATA[") == .cdata)
    #expect(kind("</table>") == .blockTag)
    #expect(kind("<span>") == nil)
    #expect(HTMLBlockStart.isCompleteTagLine(Array("<span class=\"x\">  \n".utf8)))
    #expect(!HTMLBlockStart.isCompleteTagLine(Array("<span> text\n".utf8)))
    #expect(!HTMLBlockStart.isCompleteTagLine(Array("<pre x=1>\n".utf8)))
  }

  @Test func onlyKindsSixAndSevenEndAtABlankLine() {
    let atBlank = HTMLBlockKind.allCases.filter(\.endsAtBlankLine)
    #expect(atBlank == [.blockTag, .completeTag])
    #expect(HTMLBlockKind.allCases.map(\.rawValue) == Array(1...7))
  }
}
