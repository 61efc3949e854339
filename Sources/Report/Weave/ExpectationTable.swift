import Executor

/// The table of a block's `expect:` checks, shared by both weavers: path,
/// expected, got (10 significant digits), difference or reason, pass.
enum ExpectationTable {
  static func make(_ xs: [ExpectationOutcome]) -> ReportTable {
    var t = ReportTable(caption: "Expectations", columns: ["Path", "Expected", "Got", "Difference", "Pass"])
    let got = NumberFormat(digits: 10)
    for x in xs {
      t.rows.append([
        .code(x.path), .text(x.check), .text(x.got.map { $0.text(number: { got.text($0) }) } ?? "—"),
        x.difference.map { .number($0) } ?? .text(x.reasonText ?? "—"),
        x.unanswered ? .text("unanswered") : .verdict(x.passed),
      ])
    }
    t.digits = 3
    return t
  }
}
