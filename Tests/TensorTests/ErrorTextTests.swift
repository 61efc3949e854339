import Testing

@testable import Tensor

/// The one terminal form of an error and its hint.
@Suite struct ErrorTextTests {
  @Test func hintInParentheses() {
    #expect(
      ErrorText.terminal("unknown layer 'sigmod'", hint: "Did you mean 'sigmoid'?")
        == "unknown layer 'sigmod' (Did you mean 'sigmoid'?)")
  }

  @Test func noHintOrAnEmptyHintGivesTheMessageAlone() {
    #expect(ErrorText.terminal("bad", hint: nil) == "bad")
    #expect(ErrorText.terminal("bad", hint: "") == "bad")
  }

  @Test func positionedForm() {
    #expect(ErrorText.terminal(line: 3, column: 7, "m", hint: "h") == "line 3, column 7: m (h)")
  }

  @Test func nameSuggestionHintsNameTheirNoun() {
    #expect(
      NameSuggestion.hint(for: "stpe", among: ["step", "graph"], noun: "kinds") == "Did you mean 'step'?")
    #expect(NameSuggestion.hint(for: "zzzzzz", among: ["a", "b"], noun: "keys") == "Known keys: a, b.")
    #expect(NameSuggestion.hint(for: "zzzzzz", among: ["a"]) == "Known names: a.")
  }
}
