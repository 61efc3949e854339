/// A number, a vector or a matrix as written in a notebook.
///
/// `vector` is a flat list `[1, 2]`; `matrix` is a list of rows `[[1, 2], [3, 4]]` (rows of
/// equal length, at least one row). Which way a vector is oriented is the reader's business.
public enum NumericValue: Equatable, Sendable, CustomStringConvertible {
  /// A single number.
  case scalar(Double)
  /// A flat list of numbers.
  case vector([Double])
  /// A list of rows, all of the same length.
  case matrix([[Double]])

  /// All numbers in row-major order.
  public var elements: [Double] {
    switch self {
    case .scalar(let x): return [x]
    case .vector(let v): return v
    case .matrix(let m): return m.flatMap { $0 }
    }
  }

  /// Its shape as written.
  public var shape: WrittenShape {
    switch self {
    case .scalar: return .number
    case .vector(let v): return .list(v.count)
    case .matrix(let m): return .of(rows: m)
    }
  }

  /// Whether two values have a shape in common (so they can be compared element by element,
  /// see `WrittenShape.agrees(with:)`).
  public func hasCompatibleShape(with other: NumericValue) -> Bool { shape.agrees(with: other.shape) }

  /// `0.5`, `[1, 2]`, `[[1, 2], [3, 4]]`, numbers in Swift's shortest round-trip form
  /// (`nan`, `inf`, `-inf` for non-finite values).
  public var description: String {
    func f(_ x: Double) -> String {
      if x.isNaN { return "nan" }
      if x.isInfinite { return x > 0 ? "inf" : "-inf" }
      if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
      return "\(x)"
    }
    switch self {
    case .scalar(let x): return f(x)
    case .vector(let v): return "[" + v.map(f).joined(separator: ", ") + "]"
    case .matrix(let m):
      return "[" + m.map { "[" + $0.map(f).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
  }
}

/// Number syntax shared by every reader.
///
/// Accepted: decimal integers and decimals with an optional sign and exponent (`3`, `-0.5`,
/// `.5`, `1e-6`, `2.5E+3`), `_` between digits (`1_000`), and the YAML special values `.inf`,
/// `+.inf`, `-.inf`, `.nan` (any of the cases `.inf`, `.Inf`, `.INF`), plus `inf`, `infinity`
/// and `nan` in any case. Hexadecimal, octal and other forms are not numbers.
enum NumberSyntax {
  static func double(_ raw: String) -> Double? {
    let text = raw.trimmingSpaces()
    guard !text.isEmpty else { return nil }
    var body = Substring(text)
    var sign = 1.0
    if body.first == "+" || body.first == "-" {
      if body.first == "-" { sign = -1 }
      body = body.dropFirst()
    }
    switch body.lowercased() {
    case ".inf", "inf", "infinity": return sign * .infinity
    case ".nan", "nan": return text.first == "-" || text.first == "+" ? nil : .nan
    default: break
    }
    let cleaned = removingDigitSeparators(body)
    guard let cleaned, isDecimal(cleaned) else { return nil }
    guard let value = Double(cleaned) else { return nil }
    return sign * value
  }

  /// `[+-]?[0-9_]+` as an exact integer (no exponent, no point).
  static func integerText(_ raw: String) -> (negative: Bool, digits: String)? {
    let text = raw.trimmingSpaces()
    var body = Substring(text)
    var negative = false
    if body.first == "+" || body.first == "-" {
      negative = body.first == "-"
      body = body.dropFirst()
    }
    guard let cleaned = removingDigitSeparators(body), !cleaned.isEmpty,
      cleaned.unicodeScalars.allSatisfy(\.isASCIIDigit)
    else { return nil }
    return (negative, cleaned)
  }

  /// Removes `_` that sit between two digits; `nil` when an `_` sits anywhere else.
  private static func removingDigitSeparators(_ s: Substring) -> String? {
    let u = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    for (i, c) in u.enumerated() {
      if c == "_" {
        guard i > 0, i + 1 < u.count, u[i - 1].isASCIIDigit, u[i + 1].isASCIIDigit || u[i + 1] == "_" else {
          return nil
        }
        continue
      }
      out.append(c)
    }
    return String(out)
  }

  /// `(digits ('.' digits*)? | '.' digits) ([eE] [+-]? digits)?`
  private static func isDecimal(_ s: String) -> Bool {
    let u = Array(s.unicodeScalars)
    var i = 0
    var mantissaDigits = 0
    while i < u.count && u[i].isASCIIDigit {
      i += 1
      mantissaDigits += 1
    }
    if i < u.count && u[i] == "." {
      i += 1
      while i < u.count && u[i].isASCIIDigit {
        i += 1
        mantissaDigits += 1
      }
    }
    guard mantissaDigits > 0 else { return false }
    if i < u.count && (u[i] == "e" || u[i] == "E") {
      i += 1
      if i < u.count && (u[i] == "+" || u[i] == "-") { i += 1 }
      let start = i
      while i < u.count && u[i].isASCIIDigit { i += 1 }
      guard i > start else { return false }
    }
    return i == u.count
  }
}

/// Numbers and nested lists written inline as text, e.g. `[[-0.1005, -0.2010], [1, 2]]`: the
/// left side of an expectation `[[…]] ± 1e-4`, or a header attribute `input=[1,2]`.
///
/// Grammar: `value = number | "[" [value {"," value} [","]] "]"` with spaces, tabs and line
/// breaks allowed between tokens. A number alone is a scalar, a list of numbers a vector, a list
/// of lists of numbers a matrix (equal row lengths, at least one row). Errors carry the offset
/// (in Unicode scalars) of the offending token.
enum NumericLiteral {
  struct Failure: Error, Sendable {
    var offset: Int
    var message: String
  }

  private indirect enum Item {
    case number(Double, Int)
    case list([Item], Int)
  }

  static func parse(_ text: String) -> Result<NumericValue, Failure> {
    let u = Array(text.unicodeScalars)
    var i = 0
    func skip() {
      while i < u.count && (u[i] == " " || u[i] == "\t" || u[i] == "\n" || u[i] == "\r") { i += 1 }
    }
    func item() throws(Failure) -> Item {
      skip()
      guard i < u.count else { throw Failure(offset: i, message: "expected a number or '['") }
      let start = i
      if u[i] == "[" {
        i += 1
        var elements: [Item] = []
        skip()
        if i < u.count && u[i] == "]" {
          i += 1
          return .list([], start)
        }
        while true {
          elements.append(try item())
          skip()
          guard i < u.count else { throw Failure(offset: i, message: "missing ']'") }
          if u[i] == "," {
            i += 1
            skip()
            if i < u.count && u[i] == "]" {
              i += 1
              return .list(elements, start)
            }
            continue
          }
          if u[i] == "]" {
            i += 1
            return .list(elements, start)
          }
          throw Failure(offset: i, message: "expected ',' or ']'")
        }
      }
      while i < u.count && !" \t\n\r[],".unicodeScalars.contains(u[i]) { i += 1 }
      let token = String(String.UnicodeScalarView(u[start..<i]))
      if token.isEmpty { throw Failure(offset: start, message: "expected a number, got '\(u[start])'") }
      guard let x = NumberSyntax.double(token) else {
        throw Failure(offset: start, message: "expected a number, got '\(token)'")
      }
      return .number(x, start)
    }
    do throws(Failure) {
      let top = try item()
      skip()
      if i < u.count {
        throw Failure(offset: i, message: "unexpected '\(String(String.UnicodeScalarView(u[i...])))'")
      }
      return .success(try shape(top))
    } catch {
      return .failure(error)
    }
  }

  private static func shape(_ item: Item) throws(Failure) -> NumericValue {
    switch item {
    case .number(let x, _):
      return .scalar(x)
    case .list(let elements, _):
      if elements.isEmpty { return .vector([]) }
      if case .number = elements[0] {
        var v: [Double] = []
        for e in elements {
          switch e {
          case .number(let x, _): v.append(x)
          case .list(_, let at): throw Failure(offset: at, message: "expected a number, got a list")
          }
        }
        return .vector(v)
      }
      var rows: [[Double]] = []
      for e in elements {
        switch e {
        case .number(_, let at):
          throw Failure(offset: at, message: "expected a row (a list of numbers), got a number")
        case .list(let cells, let at):
          var row: [Double] = []
          for c in cells {
            switch c {
            case .number(let x, _): row.append(x)
            case .list(_, let inner): throw Failure(offset: inner, message: "expected a number, got a list")
            }
          }
          if let first = rows.first, first.count != row.count {
            throw Failure(
              offset: at,
              message:
                "rows must have the same length: row \(rows.count + 1) has \(row.count) values, row 1 has \(first.count)"
            )
          }
          rows.append(row)
        }
      }
      return .matrix(rows)
    }
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and line breaks.
  func trimmingSpaces() -> String {
    let u = Array(unicodeScalars)
    var lo = 0
    var hi = u.count
    let blank: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
    while lo < hi && blank.contains(u[lo]) { lo += 1 }
    while hi > lo && blank.contains(u[hi - 1]) { hi -= 1 }
    return String(String.UnicodeScalarView(u[lo..<hi]))
  }
}
