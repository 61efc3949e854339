import Testing

@testable import Runner

/// Reading topics from markers, and rendering Markdown for the terminal.
@Suite struct HelpSourceTests {
  @Test func partsOfATopicAreJoinedAndMarkersLeftOut() throws {
    let guide = """
      # Guide
      <!-- help: step — one pass -->

      Step text.
      <!-- help: inner — nested -->
      Inner text.
      <!-- /help: step -->
      More inner.
      <!-- /help: inner -->
      Outside.
      <!-- help: step -->
      Second part.
      <!-- /help: step -->
      """
    let topics = try HelpSource.topics(in: guide)
    #expect(topics.map(\.name) == ["step", "inner"])
    #expect(topics[0].summary == "one pass")
    #expect(topics[0].markdown == "Step text.\nInner text.\n\nSecond part.")
    #expect(topics[1].markdown == "Inner text.\nMore inner.")
  }

  @Test func anUnclosedTopicIsAnErrorAtItsMarker() {
    #expect(throws: HelpSource.MarkerError(line: 2, message: "help topic 'step' is never closed")) {
      try HelpSource.topics(in: "x\n<!-- help: step — s -->\ntext\n")
    }
    #expect(throws: HelpSource.MarkerError(line: 1, message: "'/help: step' closes no open help topic")) {
      try HelpSource.topics(in: "<!-- /help: step -->\n")
    }
  }

  @Test func generatedSourceQuotesAnyText() {
    let text = ##"a "quote" and \n and "# and """# end"##
    let source = HelpSource.swiftSource([HelpTopic(name: "t", summary: "s", markdown: text)])
    #expect(source.contains("##\"\"\"\n        " + text + "\n        \"\"\"##"))
  }

  /// Topics of 1 to 30 lines of text, named `t1` … `t30`.
  static let manyTopics = (1...30).map { i in
    HelpTopic(
      name: "t\(i)", summary: "topic \(i)",
      markdown: (1...i).map { "line \($0) of topic \(i)" }.joined(separator: "\n"))
  }

  @Test func topicsAreCutAtTopicBoundariesIntoFilesWithinTheLimit() throws {
    let limit = 120
    let files = HelpSource.generatedFiles(Self.manyTopics, maximumLines: limit)
    #expect(files.count > 1)
    #expect(files.map(\.name) == (1...files.count).map { "HelpTopics+Generated\($0).swift" })
    for file in files { #expect(file.lineCount <= limit, "\(file.name) has \(file.lineCount) lines") }
    // Every topic once, in order, each whole in one file.
    let joined = files.map(\.text).joined()
    let offsets = Self.manyTopics.map { joined.range(of: "name: #\"\($0.name)\"#,")?.lowerBound }
    #expect(offsets.allSatisfy { $0 != nil })
    #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
    for topic in Self.manyTopics {
      let holding = files.filter { $0.text.contains(HelpSource.entry(topic)) }
      #expect(holding.count == 1, "\(topic.name) is whole in \(holding.count) files")
    }
    // As few files as the limit allows: the next file's first topic did not fit.
    for (file, next) in zip(files, files.dropFirst()) {
      let firstOfNext = try #require(Self.manyTopics.first { next.text.contains(HelpSource.entry($0)) })
      #expect(file.lineCount + HelpSource.lineCount(HelpSource.entry(firstOfNext)) > limit)
    }
    // The first file joins the parts into `all`; each part is declared once.
    let parts = (1...files.count).map { "generatedPart\($0)" }
    #expect(
      files[0].text.contains("public static let all: [HelpTopic] = " + parts.joined(separator: " + ") + "\n"))
    for (file, part) in zip(files, parts) {
      #expect(file.text.contains("  static let \(part): [HelpTopic] = [\n"))
    }
  }

  @Test func aTopicLongerThanTheLimitGetsAFileOfItsOwn() {
    let long = HelpTopic(name: "long", summary: "s", markdown: String(repeating: "x\n", count: 50) + "x")
    let files = HelpSource.generatedFiles([Self.manyTopics[0], long, Self.manyTopics[1]], maximumLines: 30)
    #expect(files.count == 3)
    #expect(files[1].text.contains(HelpSource.entry(long)))
    #expect(files[1].lineCount > 30)
  }

  @Test func noTopicsIsOneFileWithAnEmptyPart() {
    let files = HelpSource.generatedFiles([])
    #expect(files.map(\.name) == ["HelpTopics+Generated1.swift"])
    #expect(files.first?.text.contains("public static let all: [HelpTopic] = generatedPart1\n") == true)
    #expect(files.first?.text.contains("  static let generatedPart1: [HelpTopic] = [\n  ]\n}\n") == true)
  }

  @Test func onlyFilesOfItsNameAndHeaderAreTheGenerators() {
    let header = HelpSource.generatedHeader + "\n// more\n"
    #expect(HelpSource.isGeneratedFile(name: "HelpTopics+Generated.swift", text: header))
    #expect(HelpSource.isGeneratedFile(name: "HelpTopics+Generated12.swift", text: header))
    #expect(!HelpSource.isGeneratedFile(name: "HelpTopics+Generated1.swift", text: "// written by hand\n"))
    #expect(!HelpSource.isGeneratedFile(name: "HelpTopics+Generated1.swift", text: "x" + header))
    #expect(!HelpSource.isGeneratedFile(name: "HelpTopics+GeneratedOld.swift", text: header))
    #expect(!HelpSource.isGeneratedFile(name: "HelpTopics+Generated1.swift.orig", text: header))
    #expect(!HelpSource.isGeneratedFile(name: "HelpTopic.swift", text: header))
  }

  @Test func emphasisGoesCodeStays() {
    #expect(
      TerminalMarkdown.render("**Choice:** a *b* _c_ `**kept**` ``a ` b`` snake_case 2 * 3 \\*")
        == "Choice: a b c `**kept**` ``a ` b`` snake_case 2 * 3 *\n")
    #expect(TerminalMarkdown.render("see [teaching](teaching.md).") == "see teaching.\n")
    // Backticks followed by more backticks on the line open no fence (CommonMark).
    #expect(TerminalMarkdown.render("  ```` ```model m ````, **b**") == "  ```` ```model m ````, b\n")
  }

  @Test func headingsFencesAndTables() {
    let markdown = """
      ## 4. `step` — one pass

      ```{step}
      model: *m*
      ```

      | key | meaning |
      |---|---|
      | `seed` | notebook seed |
      """
    #expect(
      TerminalMarkdown.render(markdown) == """
        `step` — one pass
        -----------------

          ```{step}
          model: *m*
          ```

          key     meaning
          ------  -------------
          `seed`  notebook seed

        """)
  }
}
