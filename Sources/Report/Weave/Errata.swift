import Executor

/// The Errata of a notebook with `printed:` entries (contract section 10), shared by both
/// weavers: the header sentence counting the paths with at least one differing element, and a
/// table of every differing printed number with the exact value to the same decimals, its
/// source and its block.
///
/// Works on the outcomes it is given, so a report that leaves blocks out (a student variant)
/// passes only the blocks it shows.
enum Errata {
  /// The section heading (also the HTML anchor `#errata` in the Markdown report).
  static let title = "Errata"

  /// Whether the notebook has any printed value: only then do the header sentence and the
  /// section appear.
  static func applies(to outcomes: [BlockOutcome]) -> Bool {
    outcomes.contains { !$0.printed.isEmpty }
  }

  /// The number of printed paths with at least one element that differs.
  static func differingPaths(_ outcomes: [BlockOutcome]) -> Int {
    outcomes.reduce(0) { $0 + $1.printed.filter(\.differs).count }
  }

  /// `2 printed values differ from the exact ones`, `1 printed value differs from the exact
  /// one`, or `every printed value matches the exact one` when none differs.
  static func sentence(_ outcomes: [BlockOutcome]) -> String {
    switch differingPaths(outcomes) {
    case 0: return "every printed value matches the exact one"
    case 1: return "1 printed value differs from the exact one"
    case let n: return "\(n) printed values differ from the exact ones"
    }
  }

  /// What the section says above its table.
  static func introduction(_ outcomes: [BlockOutcome]) -> String {
    let n = differingPaths(outcomes)
    if n == 0 { return "Every printed value equals the exact value rounded to the decimals it shows." }
    return "\(sentence(outcomes).prefix(1).uppercased())\(sentence(outcomes).dropFirst()). "
      + "Each differing number is listed with the exact value rounded to the decimals it shows "
      + "(half away from zero)."
  }

  /// One row per differing number: path, printed, exact to the same decimals, source, block;
  /// `nil` when nothing differs.
  static func table(_ outcomes: [BlockOutcome]) -> ReportTable? {
    var t = ReportTable(columns: ["Path", "Printed", "Exact", "Source", "Block"])
    for o in outcomes {
      for x in o.printed {
        for i in x.printed.indices where !x.matches[i] {
          let numbers = x.got.numbers
          let exact = i < numbers.count ? PrintedTable.exactText(numbers[i], decimals: x.decimals[i]) : "—"
          t.rows.append([
            .code(PrintedTable.elementPath(x, i)), .text(x.printed[i]), .text(exact), .text(x.source ?? "—"),
            .text(blockLabel(o)),
          ])
        }
      }
    }
    return t.rows.isEmpty ? nil : t
  }

  /// `step mlp-step, line 62` (`step, line 62` for an unnamed block).
  static func blockLabel(_ o: BlockOutcome) -> String {
    o.kind + (o.name.map { " \($0)" } ?? "") + ", line \(o.line)"
  }
}
