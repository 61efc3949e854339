import Grading
import Notebook
import Testing

/// Questions and their tolerances (contract section 12).
struct QuestionTests {
  static let solution = """
    ```{graph g student=question}
    x = 2
    y = x * x
    expect:
      y: 4 ± 0.01
      dy/dx: 4
      value.x: ">= 1"
    ```

    ```{graph student=question}
    x = 3
    y = x
    expect:
      y: == 3
    ```

    ```{graph}
    x = 1
    y = x
    expect:
      y: 1
    ```

    """

  @Test func numericChecksOfQuestionBlocksAreQuestions() {
    let questions = QuestionList.make(NotebookDocument.parse(Self.solution))
    #expect(questions.map(\.label) == ["g.y", "g.dy/dx", "q1.y"])
    #expect(questions[0].tolerance == 0.01)
    #expect(questions[1].tolerance == nil)
    #expect(questions[2].tolerance == nil)
  }

  @Test func toleranceIsAbsoluteWithPlusMinusElseRelative() {
    let questions = QuestionList.make(NotebookDocument.parse(Self.solution))
    #expect(questions[0].isRight([4.009], computed: [4]))
    #expect(!questions[0].isRight([4.011], computed: [4]))
    #expect(questions[1].isRight([4 + 3.9e-6], computed: [4]))
    #expect(!questions[1].isRight([4 + 4.1e-6], computed: [4]))
    #expect(!questions[1].isRight([4, 4], computed: [4]))
    #expect(!questions[1].isRight([.nan], computed: [4]))
  }

  @Test func submissionsAreReadByNameAndPositionAndFlaggedWhenChanged() {
    let solution = NotebookDocument.parse(Self.solution)
    let questions = QuestionList.make(solution)
    let handout = NotebookDocument.parse(StudentNotebook.text(of: solution))
    let filled = handout.source.replacingOccurrences(of: "  y: ?\n  dy/dx: ?", with: "  y: 4.001\n  dy/dx: ?")
      .replacingOccurrences(of: "x = 3", with: "x = 5")
    let s = Submission.read(filled, path: "s.md", solution: solution, handout: handout, questions: questions)
    #expect(s.answers["g.y"] == .value([4.001], text: "4.001"))
    #expect(s.answers["g.dy/dx"] == .unanswered)
    #expect(s.changedBlocks == ["q1"])
  }
}
