import Foundation
import Testing

@testable import Notebook

/// The fence scanner against the CommonMark specification's own examples.
@Suite struct CommonMarkFenceTests {
  static let examples: [CommonMarkExample] = (try? CommonMarkSpec.load()) ?? []

  @Test func specFileHasAllExamples() {
    #expect(Self.examples.count == 655)
    let fenced = Self.examples.filter { $0.section == "Fenced code blocks" }
    // In spec 0.31.2 the section holds examples 119…147.
    #expect(fenced.map(\.number) == Array(119...147))
  }

  /// Every example of the "Fenced code blocks" section: the code blocks found (content and
  /// language, the first word of the info string) are the `<pre><code>` blocks of the expected
  /// HTML. None is skipped: block quotes are tracked, and example 132 (a fence indented 4 spaces)
  /// must come out as indented code, not as a fence.
  @Test(arguments: examples.filter { $0.section == "Fenced code blocks" })
  func fencedCodeBlockExample(_ example: CommonMarkExample) {
    let expected = CommonMarkSpec.codeBlocks(inHTML: example.html)
    let got = FenceScanner.scan(example.markdown)
    #expect(got.map(\.content) == expected.map(\.content), "example \(example.number)")
    let languages = got.map { $0.info.split(separator: " ").first.map(String.init) }
    #expect(languages == expected.map(\.language), "example \(example.number)")
    let startsWithFourSpaces = example.markdown.hasPrefix("    ")
    #expect(got.allSatisfy { $0.isFenced != startsWithFourSpaces }, "example \(example.number)")
    #expect(
      got.allSatisfy { $0.inBlockQuote == example.markdown.hasPrefix(">") }, "example \(example.number)")
  }

  @Test func specificFencedExamples() throws {
    let byNumber = Dictionary(uniqueKeysWithValues: Self.examples.map { ($0.number, $0) })
    // 121: two backticks are not a fence.
    #expect(FenceScanner.scan(try #require(byNumber[121]).markdown).isEmpty)
    // 126: an unclosed fence runs to the end of the document.
    let unclosed = FenceScanner.scan(try #require(byNumber[126]).markdown)
    try #require(unclosed.count == 1)
    #expect(unclosed[0].isClosed == false)
    #expect(unclosed[0].content == "")
    // 128: closed by the end of the block quote, inside it.
    let quoted = FenceScanner.scan(try #require(byNumber[128]).markdown)
    #expect(
      quoted.count == 1 && quoted[0].inBlockQuote && !quoted[0].isClosed && quoted[0].content == "aaa\n")
    // 145: a backtick fence whose info string holds a backtick is not a fence.
    #expect(FenceScanner.scan(try #require(byNumber[145]).markdown).isEmpty)
    // 146: a tilde fence's info string may hold backticks and tildes.
    let tilde = FenceScanner.scan(try #require(byNumber[146]).markdown)
    #expect(tilde.map(\.info) == ["aa ``` ~~~"])
  }

  /// Every example of the spec (655): all code blocks, fenced and indented, inside block quotes
  /// and list items too, have exactly the content of the expected HTML's `<pre><code>` blocks.
  @Test func everyCodeBlockOfEverySpecExample() {
    var checkedBlocks = 0
    for example in Self.examples {
      let expected = CommonMarkSpec.codeBlocks(inHTML: example.html).map(\.content)
      let got = FenceScanner.scan(example.markdown).map(\.content)
      #expect(got == expected, "example \(example.number) (\(example.section))")
      let crlf = FenceScanner.scan(example.markdown.replacingOccurrences(of: "\n", with: "\r\n")).map(
        \.content)
      #expect(crlf == expected, "example \(example.number) with CRLF")
      checkedBlocks += expected.count
    }
    #expect(checkedBlocks == 89)
  }

  /// Every example of the spec, parsed as a notebook, concatenates back to its input byte for
  /// byte — also with CRLF line endings, with a byte-order mark, and with every fence made
  /// executable.
  @Test func everySpecExampleRoundTripsByteForByte() {
    for example in Self.examples {
      let variants = [
        example.markdown,
        example.markdown.replacingOccurrences(of: "\n", with: "\r\n"),
        "\u{FEFF}" + example.markdown,
        example.markdown.replacingOccurrences(of: "```", with: "```{step}")
          .replacingOccurrences(of: "~~~", with: "~~~{step x=1}"),
      ]
      for text in variants {
        let document = NotebookDocument.parse(text)
        #expect(Array(document.reassembled.utf8) == Array(text.utf8), "example \(example.number)")
      }
    }
  }
}
