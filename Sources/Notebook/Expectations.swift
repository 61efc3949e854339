/// A comparison of an `expect:` check such as `">= 0.95"`.
public enum ComparisonOperator: String, Sendable, CaseIterable {
  /// `got ≥ bound`
  case ge = ">="
  /// `got ≤ bound`
  case le = "<="
  /// `got > bound`
  case gt = ">"
  /// `got < bound`
  case lt = "<"
  /// `got == bound` (exact)
  case eq = "=="

  /// Whether `got OP bound` holds (false when either is NaN).
  public func holds(_ got: Double, _ bound: Double) -> Bool {
    switch self {
    case .ge: return got >= bound
    case .le: return got <= bound
    case .gt: return got > bound
    case .lt: return got < bound
    case .eq: return got == bound
    }
  }
}

/// What an expectation checks.
public enum ExpectationCheck: Equatable, Sendable {
  /// Every element within `tolerance` of the expected value: |got − expected| ≤ tolerance
  /// (shapes must be compatible, see `NumericValue.hasCompatibleShape`; an expected NaN matches
  /// only NaN, an expected ±∞ only the same infinity).
  case near(NumericValue, tolerance: Double)
  /// `got OP bound` for a scalar result (`>= 0.95`).
  case compare(ComparisonOperator, Double)
  /// The result's text equals this text exactly (`diverged: false`, `== xavier`).
  case equalText(String)
  /// A blank to fill in: `?` (contract section 11). Never satisfied; `run` shows it as
  /// "unanswered" and `check` counts it failed.
  case unanswered

  /// Whether a numeric result passes. For `equalText` the text must be a number equal to a
  /// scalar result.
  public func isSatisfied(by got: NumericValue) -> Bool {
    switch self {
    case .near(let expected, let tolerance):
      guard expected.hasCompatibleShape(with: got) else { return false }
      for (e, g) in zip(expected.elements, got.elements) {
        if e.isNaN || g.isNaN {
          if !(e.isNaN && g.isNaN) { return false }
        } else if e.isInfinite || g.isInfinite {
          if e != g { return false }
        } else if !(abs(g - e) <= tolerance) {
          return false
        }
      }
      return true
    case .compare(let op, let bound):
      let elements = got.elements
      guard elements.count == 1 else { return false }
      return op.holds(elements[0], bound)
    case .equalText(let text):
      guard case .scalar(let g) = got, let e = NumberSyntax.double(text) else { return false }
      return e == g
    case .unanswered:
      return false
    }
  }

  /// Whether a text result (e.g. `"true"`, `"xavier"`) passes: only `equalText` with the same
  /// text; numeric checks parse the text as a number first.
  public func isSatisfied(byText got: String) -> Bool {
    switch self {
    case .equalText(let text): return got == text
    default:
      guard let x = NumberSyntax.double(got) else { return false }
      return isSatisfied(by: .scalar(x))
    }
  }
}

/// One entry of an `expect:` mapping: a result path and its check.
public struct Expectation: Sendable, Equatable {
  /// The result path as written, e.g. `grad.W1`, `test.accuracy`, `dy/dx`.
  public var path: String
  /// The check as the user wrote it, trimmed, with `+-` / `+/-` written `±` and one space on
  /// each side of it: `0.2244 ± 1e-4`, `>= 0.95`, `0.5`.
  public var checkText: String
  /// The parsed check.
  public var check: ExpectationCheck
  /// Position of the path (the key) in the notebook.
  public var position: SourcePosition
  /// Position of the check (the value) in the notebook.
  public var valuePosition: SourcePosition

  /// An expectation; `valuePosition` defaults to `position`.
  public init(
    path: String, checkText: String, check: ExpectationCheck, position: SourcePosition,
    valuePosition: SourcePosition? = nil
  ) {
    self.path = path
    self.checkText = checkText
    self.check = check
    self.position = position
    self.valuePosition = valuePosition ?? position
  }
}

/// Reads the `expect:` mapping of a block (contract section 1, "Expectations").
///
/// Forms of a check:
///
/// | written | check |
/// |---|---|
/// | `0.2244 ± 1e-4`, `0.2244 +- 1e-4`, `0.2244 +/- 1e-4` | `.near(.scalar(0.2244), tolerance: 1e-4)` |
/// | `[[-0.1005, -0.2010], [-0.1206, -0.2412]] ± 1e-4` | `.near(.matrix(…), tolerance: 1e-4)` |
/// | `[0.1, 0.2] ± 0.01` or a YAML list `[0.1, 0.2]` | `.near(.vector(…), …)` |
/// | `">= 0.95"` (also `<=`, `>`, `<`, `==`; quotes optional) | `.compare(.ge, 0.95)` |
/// | a bare number `0.5` (or list) | `.near(0.5, tolerance: 1e-9·max(1, max|v|))` |
/// | other text `false`, `xavier`, `== xavier` | `.equalText("false")` |
/// | `?` (bare or quoted) | `.unanswered` (a blank for the student) |
///
/// A bare number means "equal up to rounding": the tolerance is 1e-9 relative to the largest
/// magnitude (absolute 1e-9 below 1), so a value printed with all its digits passes and any
/// real difference fails. The tolerance must be a non-negative number.
public enum Expectations {
  /// Relative tolerance of a bare numeric expectation.
  public static let defaultRelativeTolerance = 1e-9

  /// Parses an `expect:` value (`SpecNode` of the mapping); null gives `[]`.
  public static func parse(_ node: SpecNode) throws(NotebookError) -> [Expectation] {
    if node.isNull { return [] }
    guard node.isMapping else {
      throw node.error(
        "expect: must be a mapping from a result path to a check, got \(node.describedValue)",
        hint: "Write one check per line, e.g. 'loss: 0.2244 ± 1e-4'.")
    }
    var result: [Expectation] = []
    for entry in node.entries() {
      let (text, check) = try parseCheck(entry.value)
      result.append(
        Expectation(
          path: entry.key, checkText: text, check: check, position: entry.keyPosition,
          valuePosition: entry.value.position))
    }
    return result
  }

  /// Parses one check value: (normalised text, check).
  public static func parseCheck(_ value: SpecNode) throws(NotebookError) -> (String, ExpectationCheck) {
    if value.isSequence {
      let v = try value.numericValue()
      return (v.description, .near(v, tolerance: defaultTolerance(v)))
    }
    guard let raw = value.scalarText else {
      throw value.error(
        "expected a check like '0.5 ± 1e-3' or '>= 0.9', got \(value.describedValue)")
    }
    let text = collapseLineBreaks(raw.trimmingSpaces())
    let u = Array(text.unicodeScalars)
    if text == "?" { return ("?", .unanswered) }

    // Comparisons.
    for op in [ComparisonOperator.ge, .le, .eq, .gt, .lt] {
      let symbol = Array(op.rawValue.unicodeScalars)
      guard u.starts(with: symbol) else { continue }
      let rest = String(String.UnicodeScalarView(u[symbol.count...])).trimmingSpaces()
      if let bound = NumberSyntax.double(rest) {
        return ("\(op.rawValue) \(rest)", .compare(op, bound))
      }
      if op == .eq && !rest.isEmpty { return ("== \(rest)", .equalText(rest)) }
      throw value.error(
        "expected a number after '\(op.rawValue)', got '\(rest)'", hint: "Write e.g. '\(op.rawValue) 0.9'.")
    }

    // value ± tolerance
    if let (left, right) = splitTolerance(u) {
      guard let tolerance = NumberSyntax.double(right), tolerance >= 0 else {
        throw value.error(
          "the tolerance after '±' must be a non-negative number, got '\(right)'",
          hint: "Write e.g. '0.2244 ± 1e-4'.")
      }
      let expected = try numeric(left, value)
      return ("\(left) ± \(right)", .near(expected, tolerance: tolerance))
    }

    // A bare number or inline list.
    if let x = NumberSyntax.double(text) {
      let v = NumericValue.scalar(x)
      return (text, .near(v, tolerance: defaultTolerance(v)))
    }
    if text.hasPrefix("[") {
      let v = try numeric(text, value)
      return (text, .near(v, tolerance: defaultTolerance(v)))
    }
    return (text, .equalText(text))
  }

  /// 1e-9 · max(1, largest finite |element|).
  static func defaultTolerance(_ v: NumericValue) -> Double {
    let largest = v.elements.filter(\.isFinite).map(abs).max() ?? 0
    return defaultRelativeTolerance * max(1, largest)
  }

  /// Splits at the first `±`, `+/-` or `+-` that is not a leading sign; trims both sides.
  private static func splitTolerance(_ u: [Unicode.Scalar]) -> (String, String)? {
    var i = 0
    while i < u.count {
      var width = 0
      if u[i] == "±" {
        width = 1
      } else if i > 0 && u[i] == "+" && i + 2 < u.count && u[i + 1] == "/" && u[i + 2] == "-" {
        width = 3
      } else if i > 0 && u[i] == "+" && i + 1 < u.count && u[i + 1] == "-" {
        width = 2
      }
      if width > 0 {
        let left = String(String.UnicodeScalarView(u[0..<i])).trimmingSpaces()
        let right = String(String.UnicodeScalarView(u[(i + width)...])).trimmingSpaces()
        return (left, right)
      }
      i += 1
    }
    return nil
  }

  private static func numeric(_ text: String, _ node: SpecNode) throws(NotebookError) -> NumericValue {
    if text.isEmpty {
      throw node.error("missing the expected value before '±'", hint: "Write e.g. '0.2244 ± 1e-4'.")
    }
    switch NumericLiteral.parse(text) {
    case .success(let v): return v
    case .failure(let f):
      let column = text.contains("\n") ? node.position.column : node.position.column + f.offset
      throw NotebookError(
        position: SourcePosition(line: node.position.line, column: column), message: f.message,
        hint: "An expected value is a number, a list [1, 2] or a matrix [[1, 2], [3, 4]].")
    }
  }

  /// Line breaks (from a list written over several lines) become single spaces.
  private static func collapseLineBreaks(_ s: String) -> String {
    guard s.contains("\n") else { return s }
    return s.split(separator: "\n").map { String($0).trimmingSpaces() }.joined(separator: " ")
  }
}
