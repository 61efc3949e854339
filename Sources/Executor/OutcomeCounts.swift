/// The counts every summary of a run shows — the report header, the terminal summary line and
/// the index page — counted once from the outcomes.
///
/// A check whose question was left unanswered (`ExpectationOutcome.unanswered`) has not
/// passed but has not failed either: `checksNotPassed` counts it, `checksFailed` does not.
public struct OutcomeCounts: Sendable, Equatable {
  /// Blocks, in every status.
  public var blocks: Int
  /// Blocks that failed (status `error`).
  public var failed: Int
  /// Blocks skipped because a block they name failed.
  public var skipped: Int
  /// Every `expect:` check of every block.
  public var checks: Int
  /// Checks that did not pass, unanswered ones included.
  public var checksNotPassed: Int
  /// Checks that did not pass, unanswered ones excluded.
  public var checksFailed: Int
  /// Checks of questions left unanswered.
  public var unanswered: Int
  /// Blocks whose outcome came from the cache (told on the terminal only).
  public var fromCache: Int
  /// `printed:` values that differ from what the block computed.
  public var printedDiffering: Int

  /// Counts `outcomes`.
  public init(_ outcomes: [BlockOutcome]) {
    blocks = outcomes.count
    failed = outcomes.filter { $0.status == .error }.count
    skipped = outcomes.filter { $0.status == .skipped }.count
    let all = outcomes.flatMap(\.expectations)
    checks = all.count
    checksNotPassed = all.filter { !$0.passed }.count
    checksFailed = all.filter { !$0.passed && !$0.unanswered }.count
    unanswered = all.filter(\.unanswered).count
    fromCache = outcomes.filter(\.cached).count
    printedDiffering = outcomes.reduce(0) { $0 + $1.printed.filter(\.differs).count }
  }

  /// Blocks that did not run to the end: failed or skipped.
  public var notRun: Int { failed + skipped }
}
