// Typed readers of SpecNode values. Every reader throws a NotebookError at the value's position
// with the expected and the actual value, e.g. "expected a number, got 'abc'".

extension SpecNode {
  /// The text of a scalar (numbers and booleans as written). Throws for null, lists, mappings.
  public func string() throws(NotebookError) -> String {
    guard case .scalar(let s, _) = value else { throw error("expected text, got \(describedValue)") }
    return s
  }

  /// A number: decimal, exponent (`1e-6`), `.inf`, `-.inf`, `.nan` (see `NumberSyntax`). Quoted
  /// numbers are accepted too.
  public func double() throws(NotebookError) -> Double {
    guard case .scalar(let s, _) = value, let x = NumberSyntax.double(s) else {
      throw error("expected a number, got \(describedValue)")
    }
    return x
  }

  /// An integer: digits with an optional sign, or a number with an integral value that is exactly
  /// representable (|x| ≤ 2⁵³), e.g. `1e3`.
  public func int() throws(NotebookError) -> Int {
    guard case .scalar(let s, _) = value else { throw error("expected an integer, got \(describedValue)") }
    if let (negative, digits) = NumberSyntax.integerText(s) {
      guard let magnitude = Int(digits) else { throw error("integer \(describedValue) is out of range") }
      return negative ? -magnitude : magnitude
    }
    if let x = NumberSyntax.double(s), x.isFinite, x == x.rounded(), abs(x) <= 9_007_199_254_740_992 {
      return Int(x)
    }
    throw error("expected an integer, got \(describedValue)")
  }

  /// An unsigned 64-bit integer (0 … 18446744073709551615), digits only (an integral number such as
  /// `1e3` is accepted up to 2⁵³).
  public func uint64() throws(NotebookError) -> UInt64 {
    guard case .scalar(let s, _) = value else {
      throw error("expected an unsigned integer, got \(describedValue)")
    }
    if let (negative, digits) = NumberSyntax.integerText(s) {
      if negative && digits.contains(where: { $0 != "0" }) {
        throw error("expected an unsigned integer (0 or more), got \(describedValue)")
      }
      guard let v = UInt64(digits) else { throw error("unsigned integer \(describedValue) is out of range") }
      return v
    }
    if let x = NumberSyntax.double(s), x.isFinite, x >= 0, x == x.rounded(), x <= 9_007_199_254_740_992 {
      return UInt64(x)
    }
    throw error("expected an unsigned integer (0 or more), got \(describedValue)")
  }

  /// A boolean: `true`/`false`, also `yes`/`no` and `on`/`off`, in any case.
  public func bool() throws(NotebookError) -> Bool {
    if case .scalar(let s, _) = value {
      switch s.trimmingSpaces().lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: break
      }
    }
    throw error("expected true or false, got \(describedValue)")
  }

  /// A number, a flat list of numbers (vector) or a list of lists of numbers (matrix, rows of
  /// equal length), exactly as written. A plain scalar written as an inline list (a header
  /// attribute such as `input=[1,2]`) is read as that list. Errors point at the offending element.
  public func numericValue() throws(NotebookError) -> NumericValue {
    switch value {
    case .scalar(let s, let plain):
      if plain && s.trimmingSpaces().hasPrefix("[") {
        switch NumericLiteral.parse(s) {
        case .success(let v): return v
        case .failure(let f):
          throw NotebookError(
            position: SourcePosition(line: position.line, column: position.column + f.offset),
            message: f.message)
        }
      }
      return .scalar(try double())
    case .sequence(let elements):
      if elements.isEmpty { return .vector([]) }
      if !elements[0].isSequence {
        var v: [Double] = []
        for e in elements {
          if e.isSequence { throw e.error("expected a number, got a list") }
          v.append(try e.double())
        }
        return .vector(v)
      }
      var rows: [[Double]] = []
      for (r, rowNode) in elements.enumerated() {
        guard case .sequence(let cells) = rowNode.value else {
          throw rowNode.error("expected a row (a list of numbers), got \(rowNode.describedValue)")
        }
        var row: [Double] = []
        for c in cells {
          if c.isSequence { throw c.error("expected a number, got a list") }
          row.append(try c.double())
        }
        if let first = rows.first, first.count != row.count {
          throw rowNode.error(
            "rows must have the same length: row \(r + 1) has \(row.count) values, row 1 has \(first.count)")
        }
        rows.append(row)
      }
      return .matrix(rows)
    default:
      throw error("expected a number or a list of numbers, got \(describedValue)")
    }
  }

  /// A flat list of numbers; a single number is read as a one-element list.
  public func doubles() throws(NotebookError) -> [Double] {
    switch try numericValue() {
    case .scalar(let x): return [x]
    case .vector(let v): return v
    case .matrix: throw error("expected a flat list of numbers like [1, 2], got a list of lists")
    }
  }

  /// A list of rows `[[1, 2], [3, 4]]` (equal lengths), exactly as written; `[]` for an empty
  /// list. A flat list or a number is an error (it is not promoted to one row).
  public func matrix() throws(NotebookError) -> [[Double]] {
    switch try numericValue() {
    case .matrix(let m): return m
    case .vector(let v) where v.isEmpty: return []
    case .vector: throw error("expected a list of rows like [[1, 2], [3, 4]], got a flat list")
    case .scalar: throw error("expected a list of rows like [[1, 2], [3, 4]], got \(describedValue)")
    }
  }
}
