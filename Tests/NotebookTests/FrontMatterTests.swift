import Testing

@testable import Notebook

/// Front matter: keys, defaults, positioned errors, and the title rule.
@Suite struct FrontMatterTests {
  @Test func titleSeedAndFormat() throws {
    let text =
      "---\ntitle: Backprop by hand\nseed: 42\nformat: [html, md]\nauthor: ignored\n---\n# Heading\n\n```{step}\n```\n"
    let doc = NotebookDocument.parse(text)
    let fm = doc.frontMatter
    #expect(fm.error == nil)
    #expect(fm.title == "Backprop by hand")
    #expect(fm.seed == 42)
    #expect(fm.formats == ["html", "md"])
    #expect(
      fm.rawText == "---\ntitle: Backprop by hand\nseed: 42\nformat: [html, md]\nauthor: ignored\n---\n")
    #expect(fm.lineCount == 6)
    #expect(doc.title == "Backprop by hand")
    #expect(doc.blocks.first?.line == 9)
    #expect(doc.segments.first == .text(try #require(fm.rawText) + "# Heading\n\n"))
  }

  @Test func singleFormatAndDotsClosing() {
    let fm = NotebookDocument.parse("---\nformat: md\n...\ntext\n").frontMatter
    #expect(fm.formats == ["md"])
    #expect(fm.error == nil)
    #expect(fm.seed == 0)
    #expect(fm.title == nil)
    #expect(NotebookDocument.parse("---\nformat: HTML, md\n---\n").frontMatter.formats == ["html", "md"])
  }

  @Test func badSeedIsPositioned() {
    let fm = NotebookDocument.parse("---\ntitle: T\nseed: -3\n---\n").frontMatter
    #expect(
      fm.error
        == NotebookError(
          line: 3, column: 7, message: "seed must be an unsigned integer, got '-3'",
          hint: "Write e.g. 'seed: 42' (0 to 18446744073709551615)."))
    #expect(fm.seed == 0)
    #expect(fm.title == "T")
    #expect(
      NotebookDocument.parse("---\nseed: abc\n---\n").frontMatter.error?.position
        == SourcePosition(line: 2, column: 7))
    #expect(NotebookDocument.parse("---\nseed: 18446744073709551615\n---\n").frontMatter.seed == UInt64.max)
  }

  @Test func unknownFormat() {
    let fm = NotebookDocument.parse("---\nformat: [html, mdd]\n---\n").frontMatter
    #expect(
      fm.error
        == NotebookError(line: 2, column: 16, message: "unknown format 'mdd'", hint: "Did you mean 'md'?"))
  }

  @Test func yamlErrorAndNonMapping() {
    let bad = NotebookDocument.parse("# x\n").frontMatter
    #expect(bad.error == nil)
    #expect(bad.rawText == nil)
    let syntax = NotebookDocument.parse("---\ntitle: a\n  seed: 1\n---\n").frontMatter
    #expect(syntax.error?.position == SourcePosition(line: 3, column: 7))
    let list = NotebookDocument.parse("---\n- a\n---\n").frontMatter
    #expect(list.error?.message == "the front matter must be a YAML mapping (key: value lines), got a list")
    #expect(list.error?.position == SourcePosition(line: 2, column: 1))
  }

  @Test func noFrontMatter() {
    let doc = NotebookDocument.parse("# Title from heading\n\ntext\n")
    #expect(doc.frontMatter.rawText == nil)
    #expect(doc.frontMatter.seed == 0)
    #expect(doc.frontMatter.formats == nil)
    #expect(doc.title == "Title from heading")
    // Without a closing line, `---` is a thematic break and the rest is Markdown.
    let unclosed = NotebookDocument.parse("---\ntitle: x\n```{step}\n```\n")
    #expect(unclosed.frontMatter.rawText == nil)
    #expect(unclosed.blocks.map(\.line) == [3])
    // An indented `---` is not front matter.
    #expect(NotebookDocument.parse(" ---\ntitle: x\n---\n").frontMatter.rawText == nil)
  }

  @Test func frontMatterTitleWinsAndFencesInsideAreIgnored() {
    let doc = NotebookDocument.parse("---\ntitle: From YAML\nnote: |\n  ```{step}\n---\n# Heading\n")
    #expect(doc.title == "From YAML")
    #expect(doc.blocks.isEmpty)
    let noTitle = NotebookDocument.parse("---\nseed: 1\n---\n# Heading\n")
    #expect(noTitle.title == "Heading")
    #expect(noTitle.frontMatter.seed == 1)
  }

  @Test func byteOrderMarkBeforeFrontMatter() {
    let text = "\u{FEFF}---\nseed: 7\n---\nbody\n"
    let doc = NotebookDocument.parse(text)
    #expect(doc.frontMatter.seed == 7)
    #expect(doc.frontMatter.rawText == "---\nseed: 7\n---\n")
    #expect(Array(doc.reassembled.utf8) == Array(text.utf8))
  }
}
