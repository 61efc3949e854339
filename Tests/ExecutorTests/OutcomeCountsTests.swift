import Testing

@testable import Executor

/// The counts shared by the report header, the terminal summary line and the index page.
@Suite struct OutcomeCountsTests {
  static func check(passed: Bool, unanswered: Bool = false) -> ExpectationOutcome {
    var x = ExpectationOutcome(
      path: "y", check: "1", got: nil, passed: passed, difference: nil, line: 1, reason: nil)
    x.unanswered = unanswered
    return x
  }

  @Test func countsStatusesChecksAndTheCache() {
    var ok = BlockOutcome(index: 0, kind: "graph", name: nil, line: 1)
    ok.expectations = [Self.check(passed: true), Self.check(passed: false)]
    ok.cached = true
    var failed = BlockOutcome(index: 1, kind: "step", name: nil, line: 5)
    failed.status = .error
    var skipped = BlockOutcome(index: 2, kind: "train", name: nil, line: 9)
    skipped.status = .skipped
    skipped.expectations = [Self.check(passed: false, unanswered: true)]
    let c = OutcomeCounts([ok, failed, skipped])
    #expect(c.blocks == 3)
    #expect(c.failed == 1)
    #expect(c.skipped == 1)
    #expect(c.notRun == 2)
    #expect(c.checks == 3)
    #expect(c.checksNotPassed == 2)
    #expect(c.checksFailed == 1)
    #expect(c.unanswered == 1)
    #expect(c.fromCache == 1)
    #expect(c.printedDiffering == 0)
  }

  @Test func noOutcomesCountNothing() {
    let c = OutcomeCounts([])
    #expect(c.blocks == 0)
    #expect(c.notRun == 0)
    #expect(c.checks == 0)
  }
}
