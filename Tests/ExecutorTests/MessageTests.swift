import Executor
import Foundation
import Notebook
import Testing

/// Error messages as a notebook author sees them: positions, the numbers
/// the messages cite, and the hints.
@Suite struct MessageTests {
  /// The failure of the last block of `text`.
  func failure(_ text: String) throws -> NotebookError {
    let outcomes = execute(text)
    return try #require(outcomes.last?.error, "no error in \(outcomes)")
  }

  @Test func graphMessagesCiteNotebookLines() throws {
    let before = try failure("Prose.\n\n```{graph}\nx = 1\na = b + x\nb = a * 2\n```\n")
    #expect((before.position.line, before.position.column) == (5, 5))
    #expect(before.message == "'b' is used before it is assigned (on line 6)")
    #expect(before.hint == "Move the assignment of 'b' above line 5.")
    let again = try failure("Prose.\n\n```{graph}\nx = 2\ny = x^2\nx = 3\n```\n")
    #expect((again.position.line, again.position.column) == (6, 1))
    #expect(again.message == "'x' is already assigned on line 4")
    // In an indented fence the cited column is a notebook column too.
    let paren = try failure("- item\n\n  ```{graph}\n  y = (2 + 1\n  ```\n")
    #expect((paren.position.line, paren.position.column) == (4, 13))
    #expect(paren.message == "expected ')' to close the '(' at column 7, found the end of the line")
  }
}

extension MessageTests {
  @Test func negativeRegularizerStrengthIsAnErrorAtTheValue() throws {
    let e = try failure(
      """
      ```{model m}
      layers: [dense 2->1, sigmoid]
      loss: bce
      regularizer:
        l1: -2
      ```

      """)
    #expect((e.position.line, e.position.column) == (5, 7))
    #expect(e.message == "the l1 strength must be a finite number ≥ 0, got '-2'")
    #expect(e.hint == "Write e.g. {l1: 0.01}; a negative strength would reward large weights.")
    let zero = execute("```{model m}\nlayers: [dense 2->1, sigmoid]\nloss: bce\nregularizer: {l2: 0}\n```\n")
    #expect(zero[0].status == .ok)
  }
}

extension MessageTests {
  static let model = "```{model m}\nlayers: [dense 2->1, sigmoid]\nloss: bce\n```\n"

  @Test func gradcheckStepAndToleranceAreCheckedAtTheirValues() throws {
    let e = try failure(Self.model + "```{gradcheck}\nmodel: m\ninput: [1, 2]\ntarget: 1\nepsilon: 0\n```\n")
    #expect((e.position.line, e.position.column) == (9, 10))
    #expect(e.message == "epsilon must be a positive number, got '0'")
    #expect(e.hint == "Write e.g. epsilon: 1e-6.")
    let t = try failure(
      Self.model + "```{gradcheck}\nmodel: m\ninput: [1, 2]\ntarget: 1\ntolerance: -1e-3\n```\n")
    #expect((t.position.line, t.position.column) == (9, 12))
    #expect(t.message == "tolerance must be a positive number, got '-1e-3'")
    let g = try failure("```{graph epsilon=.inf}\nx = 2\ny = x^2\n```\n")
    #expect((g.position.line, g.position.column) == (1, 19))
    #expect(g.message == "epsilon must be a positive number, got '.inf'")
  }

  @Test func seedsAndApplyArePointedAtTheirKeys() throws {
    let data = "```{data d}\nsource: xor\nn: 20\n```\n"
    let train = "```{train t}\nmodel: m\ndata: d\nepochs: 1\n```\n"
    let s = try failure(
      data + Self.model + train + "```{compare}\ntrain: t\nvary:\n  epochs: [1, 2]\nseeds: 0\n```\n")
    #expect((s.position.line, s.position.column) == (18, 8))
    #expect(s.message == "seeds must be at least 1, got '0'")
    let a = try failure(Self.model + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\napply: true\n```\n")
    #expect((a.position.line, a.position.column) == (9, 1))
    #expect(a.message == "apply: true needs a learning-rate")
    #expect(a.hint == "Add learning-rate: 0.1, or drop apply: true.")
  }
}

extension MessageTests {
  static let xor = "```{data d}\nsource: xor\nn: 20\n```\n"

  @Test func wrongKindReferencesSuggestABlockOfTheRightKind() throws {
    let e = try failure(Self.xor + Self.model + "```{train t}\nmodel: m\ndata: m\n```\n")
    #expect((e.position.line, e.position.column) == (11, 7))
    #expect(e.message == "'m' is a model block (line 5), not a data block")
    #expect(e.hint == "Name a data block defined above. Did you mean 'd'?")
    let none = try failure(Self.model + "```{train t}\nmodel: m\ndata: m\n```\n")
    #expect(none.hint == "Name a data block defined above.")
    let far = try failure(
      Self.xor + "```{data blobs}\nsource: xor\nn: 20\n```\n"
        + Self.model.replacingOccurrences(of: "{model m}", with: "{model network}")
        + "```{train t}\nmodel: network\ndata: network\n```\n")
    #expect(far.hint == "Name a data block defined above. Known names: d, blobs.")
  }

  @Test func trainFeatureMismatchNamesTheDataAndTheModel() throws {
    let model = "```{model m}\nlayers: [dense 3->1, sigmoid]\nloss: bce\n```\n"
    let e = try failure(Self.xor + model + "```{train t}\nmodel: m\ndata: d\nepochs: 1\n```\n")
    #expect((e.position.line, e.position.column) == (11, 7))
    #expect(e.message == "data 'd' has 2 features but model 'm' expects 3")
    let g = try failure(Self.xor + model + "```{gradcheck}\nmodel: m\ndata: d\n```\n")
    #expect(g.message == "data 'd' has 2 features but model 'm' expects 3")
    let step = try failure(model + "```{step}\nmodel: m\ninput: [[1, 2], [3, 4]]\ntarget: [1, 0]\n```\n")
    #expect(step.message == "the input has 2 features but model 'm' expects 3")
  }
}

extension MessageTests {
  @Test func gaussianClassErrorsPointAtTheClass() throws {
    let text = """
      ```{data g}
      source: gaussian
      classes:
        - {mean: [0, 0], cov: [[1, 0], [0, 1]], n: 10}
        - mean: [1, 1]
          cov: [[1, 2], [2, 1]]
          n: 10
      ```
      """
    let e = try failure(text)
    #expect((e.position.line, e.position.column) == (6, 10))
    #expect(e.message.hasPrefix("class 1: the covariance is not positive semi-definite"))
    #expect(!e.message.hasSuffix("."))
    let n = try failure(
      "```{data g}\nsource: gaussian\nclasses:\n  - {mean: [0, 0], cov: [[1, 0], [0, 1]], n: 10}\n"
        + "  - {mean: [0, 0], cov: [[1, 0], [0, 1]], n: 0}\n```\n")
    #expect((n.position.line, n.position.column) == (5, 46))
    #expect(n.message == "class 1: 'n' must be at least 1; it is 0")
  }
}

extension MessageTests {
  @Test func showTakesASingleNameOrAList() throws {
    let step = execute(Self.model + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\nshow: forward\n```\n")
    #expect(step[1].status == .ok)
    #expect(step[1].content.count == 1)
    let header = execute(
      Self.model + "```{step show=[forward,backward]}\nmodel: m\ninput: [1, 2]\ntarget: 1\n```\n")
    #expect(header[1].status == .ok)
    #expect(header[1].content.count == 2)
    let typo = try failure(Self.model + "```{step}\nmodel: m\ninput: [1, 2]\ntarget: 1\nshow: forwrd\n```\n")
    #expect((typo.position.line, typo.position.column) == (9, 7))
    #expect(typo.message == "unknown section 'forwrd' in show")
    let train = execute(
      Self.xor + Self.model
        + "```{train t plot=[loss,accuracy]}\nmodel: m\ndata: d\nepochs: 2\nshow: summary\n```\n")
    #expect(train[2].status == .ok, "\(String(describing: train[2].error))")
  }
}
