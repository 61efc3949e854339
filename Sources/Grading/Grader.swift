import Executor
import Notebook

/// One question's mark for one submission, with what the feedback page shows.
public struct Mark: Sendable {
  public enum Verdict: String, Sendable {
    case right, wrong, unanswered
  }
  public var question: Question
  public var verdict: Verdict
  /// The answer as the student wrote it (`?` when unanswered).
  public var answerText: String
  /// The value computed by the solution (nil when the solution's block failed).
  public var computed: ResultValue?
}

/// One row of the grade sheet.
public struct GradeRow: Sendable {
  public var path: String
  public var marks: [Mark]
  /// Number right.
  public var score: Int
  public var total: Int
  /// `changed: q1, net`, `unreadable: …`; empty when nothing to say.
  public var flags: [String]
  /// Whether the submission could be read (else graded 0).
  public var readable: Bool
}

/// Scores submissions against the values a solution run computed (contract section 12).
public enum Grader {
  /// The row of `submission`, its answers compared with `outcomes` (the solution run with the
  /// submission's parameters). Never reads a number from the submission but its answers.
  public static func score(_ submission: Submission, questions: [Question], outcomes: [BlockOutcome])
    -> GradeRow
  {
    if let failure = submission.failure {
      let marks = questions.map {
        Mark(question: $0, verdict: .unanswered, answerText: "", computed: nil)
      }
      return GradeRow(
        path: submission.path, marks: marks, score: 0, total: questions.count,
        flags: ["unreadable: \(failure)"],
        readable: false)
    }
    var marks: [Mark] = []
    for q in questions {
      let computed = q.blockIndex < outcomes.count ? outcomes[q.blockIndex].results[q.path] : nil
      switch submission.answers[q.label] ?? .unanswered {
      case .unanswered:
        marks.append(Mark(question: q, verdict: .unanswered, answerText: "?", computed: computed))
      case .unreadable(let text):
        marks.append(Mark(question: q, verdict: .wrong, answerText: text, computed: computed))
      case .value(let numbers, let text):
        let right = computed.map { q.isRight(numbers, computed: $0.numbers) } ?? false
        marks.append(
          Mark(question: q, verdict: right ? .right : .wrong, answerText: text, computed: computed))
      }
    }
    var flags: [String] = []
    if !submission.changedBlocks.isEmpty {
      flags.append("changed: " + submission.changedBlocks.joined(separator: ", "))
    }
    return GradeRow(
      path: submission.path, marks: marks, score: marks.filter { $0.verdict == .right }.count,
      total: questions.count, flags: flags, readable: true)
  }
}

/// The grade sheet: the questions and one row per submission, in the order given.
public struct GradeSheet: Sendable {
  public var questions: [Question]
  public var rows: [GradeRow]

  public init(questions: [Question], rows: [GradeRow]) {
    self.questions = questions
    self.rows = rows
  }

  /// Per question: the share of readable submissions that got it right (0 when none is readable).
  public var successRates: [Double] {
    let readable = rows.filter(\.readable)
    return questions.indices.map { i in
      readable.isEmpty
        ? 0 : Double(readable.filter { $0.marks[i].verdict == .right }.count) / Double(readable.count)
    }
  }
}
