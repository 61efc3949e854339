import Notebook

/// One graded question (contract section 12): a numeric `expect:` entry of a `student=question`
/// block of the solution. Comparisons such as `>= 0.9` are not questions; `== x` is.
public struct Question: Sendable, Equatable {
  /// Where the submission's answer is found: the block's name, or its 1-based position among the
  /// solution's unnamed question blocks.
  public enum BlockKey: Sendable, Hashable {
    case name(String)
    case ordinal(Int)
  }

  /// The label in `grades.csv`: `NAME.path` for a named block, `qN.path` for the N-th unnamed
  /// question block (**Choice**).
  public var label: String
  public var block: BlockKey
  /// The block label alone (`NAME` or `qN`), as the `changed` flag names it.
  public var blockLabel: String
  /// Index of the block in the solution's `blocks`.
  public var blockIndex: Int
  /// The result path.
  public var path: String
  /// The tolerance written after `±`; `nil` when none was written (then the answer must be within
  /// a relative 1e-6 of each computed element).
  public var tolerance: Double?
  /// Notebook line of the entry in the solution.
  public var line: Int

  /// Relative tolerance of a check without `±` (and of `==`).
  public static let relativeTolerance = 1e-6

  /// Whether `answer` is right for the `computed` value: same number of elements, and every
  /// element within the tolerance, |a − c| ≤ tol, or |a − c| ≤ 1e-6·|c| without `±` (so a
  /// computed 0 needs an exact 0). NaN is never right.
  public func isRight(_ answer: [Double], computed: [Double]) -> Bool {
    guard answer.count == computed.count, !computed.isEmpty else { return false }
    for (a, c) in zip(answer, computed) {
      let allowed = tolerance ?? Question.relativeTolerance * abs(c)
      guard abs(a - c) <= allowed else { return false }
    }
    return true
  }
}

/// The questions of a solution notebook, in block order then entry order.
public enum QuestionList {
  /// Every numeric check of every `student=question` block of `solution`.
  public static func make(_ solution: NotebookDocument) -> [Question] {
    var questions: [Question] = []
    var ordinal = 0
    for block in solution.blocks where block.studentMode == .question {
      let key: Question.BlockKey
      let blockLabel: String
      if let name = block.name {
        key = .name(name)
        blockLabel = name
      } else {
        ordinal += 1
        key = .ordinal(ordinal)
        blockLabel = "q\(ordinal)"
      }
      for e in CheckReader.expectations(of: block) {
        let tolerance: Double?
        switch e.check {
        case .near(_, let t): tolerance = e.checkText.contains("±") ? t : nil
        case .compare(.eq, _): tolerance = nil
        case .compare, .equalText, .unanswered: continue
        }
        questions.append(
          Question(
            label: "\(blockLabel).\(e.path)", block: key, blockLabel: blockLabel, blockIndex: block.index,
            path: e.path, tolerance: tolerance, line: e.position.line))
      }
    }
    return questions
  }
}

/// Reads a block's `expect:` entries without running it.
public enum CheckReader {
  /// The block's expectations, read from its `expect:` entry (parameters substituted); `[]` when
  /// it has none or it does not parse.
  public static func expectations(of block: BlockSource) -> [Expectation] {
    (try? read(block)) ?? []
  }

  /// As `expectations(of:)`, throwing when the entry does not parse.
  public static func read(_ block: BlockSource) throws(NotebookError) -> [Expectation] {
    let entries = CheckEntries(of: block)
    guard let span = entries.spans.first(where: { $0.key == "expect" }) else { return [] }
    let text = span.lines.map { entries.lines[$0] }.joined(separator: "\n")
    let origin = block.notebookPosition(bodyLine: span.lines.lowerBound + 1, column: 1)
    let node = try SpecNode.parseYAML(text, firstLine: origin.line, columnOffset: origin.column - 1)
      .substitutingParameters(block.parameters)
    guard let expect = node["expect"] else { return [] }
    return try Expectations.parse(expect)
  }
}
