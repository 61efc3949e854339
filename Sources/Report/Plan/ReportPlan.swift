import Executor
import Notebook

/// What a report shows, decided once for a variant (contract section 11): the weavers, the
/// figure loop and the header counts are handed the plan's document and outcomes and never ask
/// about `student=` or solutions themselves.
///
/// | | solution variant | student variant |
/// |---|---|---|
/// | `show` block | source and results | source and results |
/// | `question` block | source and results | source with `?` checks, no `printed:`, no results |
/// | `hide` block | source and results | nothing |
/// | `solution` fragment | its prose and blocks under **Solution** | an empty "Answer" box of `space` lines |
/// | `results.json` | written | not written |
///
/// Either variant opens with a line naming every parameter whose value is not the default.
public struct ReportPlan: Sendable {
  /// The document the weavers see (blocks re-indexed to match `outcomes`).
  public var document: NotebookDocument
  /// One outcome per block of `document`.
  public var outcomes: [BlockOutcome]
  /// Whether the report folder gets a `results.json`.
  public var writesResultsJSON: Bool
  public var variant: ReportVariant

  /// The plan for `variant`.
  public static func make(document: NotebookDocument, outcomes: [BlockOutcome], variant: ReportVariant)
    -> ReportPlan
  {
    let newline = document.source.contains("\r\n") ? "\r\n" : "\n"
    var fragments: [Int: Segment?] = [:]  // segment index → replacement (nil: removed)
    for solution in document.solutions {
      let end = solution.closeSegment ?? (document.segments.count - 1)
      switch variant {
      case .solution:
        fragments[solution.openSegment] = .text("**Solution**" + newline + newline)
        if let close = solution.closeSegment { fragments[close] = .some(nil) }
      case .student:
        for i in solution.openSegment...end { fragments[i] = .some(nil) }
        fragments[solution.openSegment] = .text(answerBox(lines: solution.space, newline: newline))
      }
    }
    var plan = ReportPlan(
      document: document, outcomes: [], writesResultsJSON: variant == .solution, variant: variant)
    plan.document.blocks = []
    plan.document.segments = []
    for (n, segment) in document.segments.enumerated() {
      var current = segment
      if let replacement = fragments[n] {
        guard let replacement else { continue }
        current = replacement
      }
      guard case .block(let i) = current else {
        plan.document.segments.append(current)
        continue
      }
      let block = document.blocks[i]
      let outcome =
        i < outcomes.count
        ? outcomes[i]
        : BlockOutcome(
          index: i, kind: block.kindText, name: block.name, line: block.line)
      let mode: StudentMode =
        variant == .solution ? .show : (block.kindText == "solution" ? .hide : block.studentMode)
      guard let shown = shownBlock(block, outcome, mode: mode, index: plan.document.blocks.count) else {
        continue
      }
      plan.document.segments.append(.block(plan.document.blocks.count))
      plan.document.blocks.append(shown.0)
      plan.outcomes.append(shown.1)
    }
    plan.document.segments = ParameterLine.insert(
      into: plan.document.segments, document: document, newline: newline)
    return plan
  }

  /// The block and outcome shown for `mode`, or `nil` when the block is not shown.
  static func shownBlock(_ block: BlockSource, _ outcome: BlockOutcome, mode: StudentMode, index: Int)
    -> (BlockSource, BlockOutcome)?
  {
    var block = block
    var outcome = outcome
    block.index = index
    outcome.index = index
    switch mode {
    case .show:
      return (block, outcome)
    case .question:
      block.rawText = StudentRewrite.rawText(block, mode: .question)
      block.body = StudentRewrite.body(block, mode: .question)
      // Nothing the block computed is shown: not its results, checks, figures or errors.
      return (block, BlockOutcome(index: index, kind: block.kindText, name: block.name, line: block.line))
    case .hide:
      return nil
    }
  }

  /// The empty, bordered answer box: a bold "Answer" and an empty code block of `lines` lines.
  static func answerBox(lines: Int, newline: String) -> String {
    "**Answer**" + newline + newline + "```text" + newline + String(repeating: newline, count: max(1, lines))
      + "```" + newline
  }
}

/// The line naming the parameters whose value is not the default (section 13), placed after the
/// front matter as a quote so both weavers show it: `> Parameters: lr = 0.3 (default 0.1)`.
enum ParameterLine {
  static func insert(into segments: [Segment], document: NotebookDocument, newline: String) -> [Segment] {
    let changed = document.parameterValues.nonDefault
    guard !changed.isEmpty else { return segments }
    let items = changed.map { "\($0.name) = \($0.text) (default \($0.defaultText))" }
    let line = "> Parameters: " + MarkdownText.escape(items.joined(separator: ", ")) + newline + newline
    var segments = segments
    if case .text(let first)? = segments.first, let raw = document.frontMatter.rawText,
      let range = first.range(of: raw)
    {
      segments[0] = .text(String(first[..<range.upperBound]) + newline + line + first[range.upperBound...])
    } else {
      segments.insert(.text(line), at: 0)
    }
    return segments
  }
}

/// Inline Markdown escaping for text from the notebook (as `MarkdownWeaver.escapeText`).
enum MarkdownText {
  static func escape(_ s: String) -> String { MarkdownWeaver.escapeText(s) }
}
