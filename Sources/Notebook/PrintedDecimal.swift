/// A decimal number held as its digits, so that rounding is decimal, not binary:
/// value = (negative ? −1 : 1) × digits × 10^exponent, `digits` read as an integer.
///
/// The canonical form (`init(negative:digits:exponent:)` produces it) has no leading and no
/// trailing zero digits; zero is the empty digit list with exponent 0, and its sign is kept only
/// as written (`−0.0000` and `0.0000` compare equal through `isSameValue(as:)`).
public struct PrintedDecimal: Equatable, Sendable, CustomStringConvertible {
  /// Whether the number was written or computed with a minus sign.
  public var negative: Bool
  /// Decimal digits (0…9), most significant first; no leading or trailing zeros; empty for zero.
  public var digits: [UInt8]
  /// Power of ten of the last digit.
  public var exponent: Int

  /// The canonical form of (sign, digits, exponent): leading zeros dropped, trailing zeros moved
  /// into the exponent, zero as `[]` × 10⁰.
  public init(negative: Bool, digits: [UInt8], exponent: Int) {
    var d = Array(digits.drop { $0 == 0 })
    var e = exponent
    while let last = d.last, last == 0 {
      d.removeLast()
      e += 1
    }
    self.negative = negative
    self.digits = d
    self.exponent = d.isEmpty ? 0 : e
  }

  /// The nearest `Double` (for differences; comparisons use the digits).
  public var doubleValue: Double { Double(description) ?? .nan }

  /// Whether the value is zero (of either sign).
  public var isZero: Bool { digits.isEmpty }

  /// Equal values: same digits and exponent, and the same sign unless both are zero.
  public func isSameValue(as other: PrintedDecimal) -> Bool {
    if isZero && other.isZero { return true }
    return negative == other.negative && digits == other.digits && exponent == other.exponent
  }

  /// The decimal form of a finite `Double`: the digits of Swift's `description`, the shortest
  /// text that reads back as the same `Double` (0.1 is 1 × 10⁻¹, not the binary
  /// 0.1000000000000000055…). `nil` for NaN and infinities.
  public init?(shortest x: Double) {
    guard x.isFinite, let parsed = PrintedDecimal.parse(x.description) else { return nil }
    self = parsed.value
  }

  /// Rounds to `decimals` decimal places (negative: to tens, hundreds, …), half away from
  /// zero: the first dropped digit decides (5…9 rounds the magnitude up, so an exact half such
  /// as 0.12345 → 0.1235 goes away from zero). The sign is kept, so −0.00004 rounds to −0.0000.
  public func rounded(toDecimals decimals: Int) -> PrintedDecimal {
    let quantum = -decimals
    if exponent >= quantum || isZero { return self }
    let drop = quantum - exponent  // digits below the quantum, > 0
    if drop > digits.count {
      // |value| < 10^(quantum − 1): less than half a quantum.
      return PrintedDecimal(negative: negative, digits: [], exponent: 0)
    }
    var kept = Array(digits[0..<(digits.count - drop)])
    if digits[digits.count - drop] >= 5 {
      var i = kept.count - 1
      while i >= 0 && kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
    }
    return PrintedDecimal(negative: negative, digits: kept, exponent: quantum)
  }

  /// The value written with exactly `max(decimals, 0)` decimals, after rounding to `decimals`
  /// (`0.1235`, `-0.0000`, `1200` for −2); a minus sign for negative values, zero included.
  public func text(decimals: Int) -> String {
    let r = rounded(toDecimals: decimals)
    let shown = max(decimals, 0)
    // Digits of |r| × 10^shown as an integer.
    var integer = r.digits.map { Character(String($0)) }
    let zeros = r.exponent + shown
    if r.isZero {
      integer = []
    } else if zeros > 0 {
      integer += Array(repeating: "0", count: zeros)
    }
    if integer.count <= shown { integer = Array(repeating: "0", count: shown - integer.count + 1) + integer }
    let whole = String(integer[0..<(integer.count - shown)])
    let fraction = String(integer[(integer.count - shown)...])
    return (r.negative ? "-" : "") + whole + (shown > 0 ? "." + fraction : "")
  }

  /// `digits × 10^exponent` with its sign, e.g. `-12e-4`.
  public var description: String {
    (negative ? "-" : "") + (digits.isEmpty ? "0" : digits.map(String.init).joined()) + "e\(exponent)"
  }

  /// A decimal number as written and its decimals, or `nil` when `text` is not one.
  ///
  /// Accepted: an optional sign (`+`, `-` or the Unicode minus `−`), digits with an optional
  /// decimal point (`0.7990`, `.5`, `25`, `5.`), and an optional exponent `e`/`E` with an
  /// optional sign (`1.2e-3`). Decimals = digits after the point − exponent, trailing zeros
  /// included: `0.7990` → 4, `1.2e-3` → 4, `25` → 0, `1.2e3` → −2. Exponents of more than six
  /// digits are not accepted.
  public static func parse(_ text: String) -> (value: PrintedDecimal, decimals: Int)? {
    var u = Array(text.unicodeScalars)[...]
    var negative = false
    if let first = u.first, first == "+" || first == "-" || first == "\u{2212}" {
      negative = first != "+"
      u = u.dropFirst()
    }
    var digits: [UInt8] = []
    var fractionDigits = 0
    var seenPoint = false
    while let c = u.first {
      if let d = digitValue(c) {
        digits.append(d)
        if seenPoint { fractionDigits += 1 }
      } else if c == "." && !seenPoint {
        seenPoint = true
      } else {
        break
      }
      u = u.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var exponent = 0
    if let e = u.first, e == "e" || e == "E" {
      u = u.dropFirst()
      var exponentNegative = false
      if let s = u.first, s == "+" || s == "-" || s == "\u{2212}" {
        exponentNegative = s != "+"
        u = u.dropFirst()
      }
      guard !u.isEmpty, u.count <= 6, u.allSatisfy({ digitValue($0) != nil }) else { return nil }
      exponent = u.reduce(0) { $0 * 10 + Int(digitValue($1) ?? 0) }
      if exponentNegative { exponent = -exponent }
      u = u.dropFirst(u.count)
    }
    guard u.isEmpty else { return nil }
    let value = PrintedDecimal(negative: negative, digits: digits, exponent: exponent - fractionDigits)
    return (value, fractionDigits - exponent)
  }

  private static func digitValue(_ c: Unicode.Scalar) -> UInt8? {
    c.isASCII && c.value >= 48 && c.value <= 57 ? UInt8(c.value - 48) : nil
  }
}
