import Notebook

/// What a block is, for telling whether a submission changed it: kind, name, header options
/// (sorted) and body without its `expect:` and `printed:` entries.
public struct BlockFingerprint: Sendable, Hashable {
  public var text: String

  public init(_ block: BlockSource) {
    let attributes = block.attributes.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
    text = [block.kindText, block.name ?? "", attributes, CheckEntries(of: block).bodyWithoutChecks]
      .joined(separator: "\u{1F}")
  }
}

/// One submission as read (never run): its answers, its parameters and the blocks it changed.
public struct Submission: Sendable {
  /// One answer: a number or list, `nil` when unanswered (`?` or missing).
  public enum Answer: Sendable, Equatable {
    case unanswered
    case value([Double], text: String)
    /// Written but not a number (e.g. `>= 0.5` or text).
    case unreadable(String)
  }

  /// The path as given on the command line.
  public var path: String
  /// Why it could not be read; then it is graded 0.
  public var failure: String?
  /// Answers by question label.
  public var answers: [String: Answer] = [:]
  /// Overrides of the solution's parameters from the submission's own `params:`.
  public var parameters: [(name: String, value: String)] = []
  /// Labels of the executable blocks that differ from the handout (besides `expect:` values).
  public var changedBlocks: [String] = []

  /// A submission that could not be read or decoded.
  public static func unreadable(_ path: String, reason: String) -> Submission {
    Submission(path: path, failure: reason)
  }

  /// Reads `text` (the submission at `path`) against the solution's `questions` and `handout`.
  public static func read(
    _ text: String, path: String, solution: NotebookDocument, handout: NotebookDocument, questions: [Question]
  ) -> Submission {
    let document = NotebookDocument.parse(text)
    var submission = Submission(path: path)
    if let error = document.frontMatter.error {
      submission.failure = "front matter: \(error)"
      return submission
    }
    // Parameters: the submission's own values of the solution's declared parameters.
    let declared = Set(solution.parameterValues.names)
    submission.parameters = document.frontMatter.parameters.filter { declared.contains($0.name) }
      .map { ($0.name, $0.text) }

    // Question blocks by name and by ordinal among unnamed question blocks.
    var named: [String: BlockSource] = [:]
    var unnamed: [BlockSource] = []
    for block in document.blocks where block.studentMode == .question {
      if let name = block.name { named[name] = block } else { unnamed.append(block) }
    }
    for q in questions {
      let block: BlockSource?
      switch q.block {
      case .name(let name): block = named[name]
      case .ordinal(let n): block = n <= unnamed.count ? unnamed[n - 1] : nil
      }
      guard let block else {
        submission.answers[q.label] = .unanswered
        continue
      }
      submission.answers[q.label] = answer(for: q.path, in: block)
    }
    submission.changedBlocks = changed(document, handout: handout, solution: solution)
    return submission
  }

  /// The answer to `path` in `block`'s `expect:`.
  static func answer(for path: String, in block: BlockSource) -> Answer {
    let expectations: [Expectation]
    do {
      expectations = try CheckReader.read(block)
    } catch {
      return .unreadable("\(error)")
    }
    guard let e = expectations.first(where: { $0.path == path }) else { return .unanswered }
    switch e.check {
    case .unanswered: return .unanswered
    case .near(let v, _):
      let text = e.checkText.components(separatedBy: "±").first?.trimmingCharacters(in: .whitespaces) ?? ""
      return .value(v.elements, text: text)
    case .compare(.eq, let x): return .value([x], text: e.checkText)
    case .compare, .equalText: return .unreadable(e.checkText)
    }
  }

  /// Labels of the submission's executable blocks that differ from the handout's, in order:
  /// the block name, `qN` for the N-th unnamed question block, else `block N` (1-based). Extra
  /// or missing blocks count as changed.
  static func changed(_ document: NotebookDocument, handout: NotebookDocument, solution: NotebookDocument)
    -> [String]
  {
    var labels: [String] = []
    var ordinal = 0
    for (i, block) in handout.blocks.enumerated() {
      let label: String
      if let name = block.name {
        label = name
      } else if block.studentMode == .question {
        ordinal += 1
        label = "q\(ordinal)"
      } else {
        label = "block \(i + 1)"
      }
      if i >= document.blocks.count || BlockFingerprint(document.blocks[i]) != BlockFingerprint(block) {
        labels.append(label)
      }
    }
    if document.blocks.count > handout.blocks.count {
      for i in handout.blocks.count..<document.blocks.count {
        labels.append(document.blocks[i].name ?? "block \(i + 1)")
      }
    }
    return labels
  }
}
