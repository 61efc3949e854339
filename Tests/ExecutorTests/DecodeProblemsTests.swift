import Executor
import Foundation
import Notebook
import Testing

/// Issue 17: every problem of a block, and of every block, in one run.
@Suite struct DecodeProblemsTests {
  static let model = "```{model m}\nlayers: [dense 2->1, sigmoid]\nloss: bce\n```\n"

  /// `line:column: message (hint)` of each problem of each block.
  func problems(_ text: String) -> [[String]] {
    NotebookExecutor.decodeProblems(NotebookDocument.parse(text)).map { block in
      block.map {
        "\($0.position.line):\($0.position.column): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
      }
    }
  }

  @Test func theIssuesTrainBlockReportsAllThreeUnknownKeys() {
    let text =
      Self.model + "```{data d}\nsource: xor\nn: 8\n```\n"
      + "```{train t}\nmodel: m\ndata: d\nlearning_rate: 0.1\nepoch: 5\noptimiser: adam\n```\n"
    #expect(
      problems(text) == [
        [], [],
        [
          "12:1: unknown key 'learning_rate' (Did you mean 'learning-rate'?)",
          "13:1: unknown key 'epoch' (Did you mean 'epochs'?)",
          "14:1: unknown key 'optimiser' (Did you mean 'optimizer'?)",
        ],
      ])
  }

  @Test func missingKeysBadValuesAndUnknownKeysTogether() {
    let text = "```{step}\ninput: [1, 2]\nlerning-rate: 0.1\nlearning-rate: abc\nshow: [forwrd]\n```\n"
    #expect(
      problems(text) == [
        [
          "1:1: missing key 'model'",
          "1:1: missing key 'target'",
          "3:1: unknown key 'lerning-rate' (Did you mean 'learning-rate'?)",
          "4:16: expected a number, got 'abc'",
          "5:8: unknown section 'forwrd' in show (Did you mean 'forward'?)",
        ]
      ])
  }

  @Test func aBadRequiredValueIsNotAlsoMissing() {
    let text = Self.model + "```{train t}\nmodel: m\ndata: [1, 2]\nepochs: 0\n```\n"
    #expect(
      problems(text) == [
        [], ["7:7: expected text, got a list", "8:9: epochs must be at least 1"],
      ])
  }

  @Test func nestedUnknownKeysAreAllReported() {
    let text = "```{data d}\nsource: xor\nn: 8\nsplit: {train: 0.5, tset: 0.5, vaild: 0.1}\n```\n"
    #expect(
      problems(text) == [
        [
          "4:21: unknown key 'tset' (Did you mean 'test'?)",
          "4:32: unknown key 'vaild' (Known keys: train, test.)",
        ]
      ])
  }

  @Test func everyBlocksProblemsBeforeAnyRuns() {
    let text =
      "```{data d}\nsource: xor\nn: 0\nnoise: loud\n```\n" + Self.model
      + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\nshwo: forward\n```\n"
    #expect(
      problems(text) == [
        ["3:4: 'n' must be positive", "4:8: expected a number, got 'loud'"],
        [],
        ["14:1: unknown key 'shwo' (Did you mean 'show'?)"],
      ])
  }

  @Test func oneProblemIsThrownAsBefore() {
    let document = NotebookDocument.parse(Self.model + "```{step}\nmodel: m\ninput: [1, 2]\n```\n")
    let outcomes = NotebookExecutor(
      document: document, options: ExecutionOptions(notebookDirectory: "/tmp")
    ).run()
    #expect(outcomes[1].error == NotebookError(line: 5, column: 1, message: "missing key 'target'"))
    #expect(outcomes[1].errors.isEmpty)
    #expect(outcomes[1].problems.count == 1)
  }

  @Test func severalProblemsGoToTheOutcomeInOrder() {
    let document = NotebookDocument.parse(Self.model + "```{step}\nmodel: m\nshwo: x\nlerning-rate: 1\n```\n")
    let outcome = NotebookExecutor(
      document: document, options: ExecutionOptions(notebookDirectory: "/tmp")
    ).run()[1]
    #expect(outcome.status == .error)
    #expect(
      outcome.errors.map(\.message) == [
        "missing key 'input'", "missing key 'target'", "unknown key 'shwo'", "unknown key 'lerning-rate'",
      ])
    #expect(outcome.error == outcome.errors.first)
  }

  @Test func thousandsOfUnknownKeysStopAtTheLimit() {
    let keys = (1...3000).map { "k\($0): 1\n" }.joined()
    let found = problems(Self.model + "```{step}\nmodel: m\ninput: [1]\ntarget: 1\n" + keys + "```\n")
    #expect(found[1].count == 100)
    #expect(
      found[1].first
        == "9:1: unknown key 'k1' (Known keys: model, input, target, learning-rate, show, apply, expect, seed.)"
    )
    #expect(found[1].last?.hasPrefix("108:1: unknown key 'k100'") == true)
  }

  @Test func aBlockThatDecodesHasNoProblems() {
    let text = Self.model + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\n```\n"
    #expect(problems(text) == [[], []])
  }
}

/// `NotebookErrors`: sorted, deduplicated, never empty.
@Suite struct NotebookErrorsTests {
  @Test func sortsByLineThenColumnAndDropsDuplicates() throws {
    let a = NotebookError(line: 3, column: 5, message: "a")
    let b = NotebookError(line: 2, column: 9, message: "b")
    let c = NotebookError(line: 3, column: 1, message: "c")
    let errors = try #require(NotebookErrors([a, b, c, a]))
    #expect(errors.errors.map(\.message) == ["b", "c", "a"])
    #expect(errors.first == b)
    #expect(errors.description == "line 2, column 9: b\nline 3, column 1: c\nline 3, column 5: a")
  }

  @Test func samePositionKeepsTheOrderFound() throws {
    let errors = try #require(
      NotebookErrors([
        NotebookError(line: 1, column: 1, message: "missing key 'model'"),
        NotebookError(line: 1, column: 1, message: "missing key 'data'"),
      ]))
    #expect(errors.errors.map(\.message) == ["missing key 'model'", "missing key 'data'"])
    #expect(errors.first.missingKey == "model")
  }

  @Test func noErrorsIsNil() {
    #expect(NotebookErrors([]) == nil)
  }
}
