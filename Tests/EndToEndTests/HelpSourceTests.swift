import Runner
import Testing

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
