import Notebook
import Tensor

extension Expectation {
  /// Checks this expectation against a block's results.
  ///
  /// `near(v, tol)` passes when the shapes agree (a 1-row or 1-column matrix
  /// matches a vector of the same length) and every |got − expected| ≤ tol;
  /// NaN never passes. `compare(op, x)` needs a scalar. `equalText` compares
  /// text or booleans.
  func evaluate(against results: ResultSet) -> ExpectationOutcome {
    var out = ExpectationOutcome(
      path: path, check: checkText, got: results[path], passed: false, difference: nil,
      line: position.line, column: position.column, reason: nil)
    if case .unanswered = check {
      out.unanswered = true
      out.got = nil
      out.reason = "unanswered"
      return out
    }
    guard let got = results[path] else {
      let known = results.paths
      out.reason = "no result path '\(path)'"
      out.hint = known.isEmpty ? nil : NameSuggestion.hint(for: path, among: known)
      return out
    }
    switch check {
    case .near(let expected, let tolerance):
      let e = expected.flatNumbers
      let g = got.numbers
      guard shapesCompatible(expected, got), e.count == g.count else {
        out.reason = "expected \(expected.shapeText), got \(got.shapeDescription)"
        return out
      }
      var worst = 0.0
      for (a, b) in zip(g, e) {
        let d = abs(a - b)
        if d.isNaN {
          worst = .nan
          break
        }
        worst = max(worst, d)
      }
      out.difference = worst
      out.passed = !worst.isNaN && worst <= tolerance
      if !out.passed {
        if !worst.isNaN {
          out.reason =
            "off by \(NumberText.short(worst, digits: 3)), more than \(NumberText.short(tolerance))"
        } else if g.contains(where: \.isNaN) {
          out.reason = "got NaN"
        } else {
          out.reason = "the expected value is NaN, which no value equals"
          out.hint = "Write the number you expect."
        }
      }
    case .compare(let op, let bound):
      guard case .number(let x) = got else {
        out.reason = "expected a number, got \(got.shapeDescription)"
        return out
      }
      switch op {
      case .ge: out.passed = x >= bound
      case .le: out.passed = x <= bound
      case .gt: out.passed = x > bound
      case .lt: out.passed = x < bound
      case .eq: out.passed = x == bound
      }
      out.difference = abs(x - bound)
      if !out.passed { out.reason = "\(x) is not \(op.rawValue) \(bound)" }
    case .unanswered:
      break
    case .equalText(let text):
      switch got {
      case .text(let t): out.passed = t == text
      case .bool(let b): out.passed = String(b) == text
      default: out.passed = false
      }
      if !out.passed { out.reason = "expected '\(text)'" }
    }
    return out
  }

  private func shapesCompatible(_ e: NumericValue, _ g: ResultValue) -> Bool {
    switch (e, g) {
    case (.scalar, .number): return true
    case (.vector, .vector): return true
    case (.matrix(let rows), .vector): return rows.count == 1 || rows.allSatisfy { $0.count == 1 }
    case (.matrix(let rows), .matrix(let grows)):
      return rows.count == grows.count && rows.first?.count == grows.first?.count
    case (.vector(let v), .matrix(let grows)):
      return grows.count == v.count && grows.allSatisfy { $0.count == 1 }
    default: return false
    }
  }
}

extension NumericValue {
  /// Every number in row-major order.
  var flatNumbers: [Double] {
    switch self {
    case .scalar(let x): return [x]
    case .vector(let v): return v
    case .matrix(let m): return m.flatMap { $0 }
    }
  }

  var shapeText: String {
    switch self {
    case .scalar: return "a scalar"
    case .vector(let v): return "a vector of \(v.count)"
    case .matrix(let m): return "a \(m.count)×\(m.first?.count ?? 0) matrix"
    }
  }
}
