import Notebook
import Tensor

/// What one `printed:` entry found: each printed number beside the exact value, in the shape of
/// the result (contract section 10).
///
/// `printed`, `exact` and `matches` hold one element per number of `got`, in row-major order;
/// `got` keeps the result's own shape, so a matrix path has a matrix of verdicts.
public struct PrintedOutcome: Sendable, Codable, Equatable {
  /// The result path.
  public var path: String
  /// Each number as the source printed it (the notebook's text).
  public var printed: [String]
  /// Decimals each printed number shows.
  public var decimals: [Int]
  /// The computed value at the path.
  public var got: ResultValue
  /// The computed value rounded to the printed decimals and two more, as text
  /// (`0.798991` for a printed `0.7986`).
  public var exact: [String]
  /// Per element: the printed number equals the computed value rounded to its decimals.
  public var matches: [Bool]
  /// Per element: printed − computed.
  public var differences: [Double]
  /// The `source:` label of the block's `printed:` mapping.
  public var source: String?
  /// Notebook line and column of the path.
  public var line: Int
  public var column: Int

  /// Whether any element differs.
  public var differs: Bool { matches.contains(false) }
}

extension PrintedValues {
  /// Checks every entry against a block's results: element by element, `matches` when the printed
  /// number equals the computed value rounded half away from zero (decimal rounding of its
  /// shortest form) to the decimals the printed number shows.
  ///
  /// A path the block does not produce, a text result, or a value of another shape (a number
  /// or a flat list stands for a one-element, n×1 or 1×n value, as for `expect:`) is an error
  /// at the entry's line: the printed value cannot be checked.
  func evaluate(against results: ResultSet) throws(NotebookError) -> [PrintedOutcome] {
    var outcomes: [PrintedOutcome] = []
    for entry in entries {
      guard let got = results[entry.path] else {
        throw NotebookError(
          position: entry.position,
          message: "printed: names '\(entry.path)', which this block does not produce",
          hint: NameSuggestion.hint(for: entry.path, among: results.paths))
      }
      let numbers = got.numbers
      guard !numbers.isEmpty, shapesAgree(entry.value, got) else {
        throw NotebookError(
          position: entry.position,
          message:
            "printed: \(describe(entry.value)) for '\(entry.path)', which is \(article(got.shapeDescription))",
          hint: "Write the value in the shape of the result (see results.json).")
      }
      let printed = entry.value.numbers
      var outcome = PrintedOutcome(
        path: entry.path, printed: printed.map(\.text), decimals: printed.map(\.decimals), got: got,
        exact: [], matches: [], differences: [], source: source, line: entry.position.line,
        column: entry.position.column)
      for (p, x) in zip(printed, numbers) {
        outcome.matches.append(p.matches(x))
        outcome.exact.append(
          PrintedDecimal(shortest: x)?.text(decimals: p.decimals + 2) ?? NumberText.short(x))
        outcome.differences.append(p.value.doubleValue - x)
      }
      outcomes.append(outcome)
    }
    return outcomes
  }

  /// Whether the printed value and the result have a shape in common (`WrittenShape`).
  private func shapesAgree(_ printed: PrintedValue, _ got: ResultValue) -> Bool {
    let shape: WrittenShape
    switch got {
    case .number: shape = .number
    case .vector(let v): shape = .list(v.count)
    case .matrix(let rows): shape = .of(rows: rows)
    case .text, .bool: return false
    }
    return printed.shape.agrees(with: shape)
  }

  private func describe(_ v: PrintedValue) -> String {
    switch v {
    case .scalar: return "gives one number"
    case .vector(let xs): return "gives a list of \(xs.count)"
    case .matrix(let m): return "gives a \(m.count)×\(m.first?.count ?? 0) matrix"
    }
  }

  private func article(_ s: String) -> String {
    s == "text" ? "text" : (s.first.map { "aeiou".contains($0) } == true ? "an \(s)" : "a \(s)")
  }
}
