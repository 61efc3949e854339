import Foundation
import Tensor

/// How numbers are written for a reader: in report tables, picture labels and
/// notes. `results.json` never goes through here; it keeps full precision.
///
/// The display rule, applied to every shown number:
/// 1. NaN and infinities are spelled `nan`, `inf`, `-inf` (as in `results.json`).
/// 2. A number is rounded to `digits` significant digits (at most 15, the
///    digits a `Double` always carries exactly: so `-0.6000000000000001`,
///    float noise in the 16th and 17th digit, shows as `-0.6`), written as
///    `%g` does: no trailing zeros, an exponent only for very large or very
///    small magnitudes.
/// 3. A whole number below 10¹⁵ is written without a decimal point or exponent.
/// 4. Zero has no sign: `-0`, and a negative number that rounds to zero, show
///    as `0`.
/// 5. In `mean ± std`, a standard deviation at most 10⁻¹² of its mean's
///    magnitude is rounding noise of the mean over seeds (identical runs give
///    1.11e-16 next to 0.93) and shows as `0`.
public enum NumberText {
  /// The most significant digits ever shown (`DBL_DIG`).
  public static let maximumDigits = 15

  /// A standard deviation at most this fraction of `|mean|` shows as 0 (rule 5).
  public static let noiseRatio = 1e-12

  /// `x` by the display rule with `digits` significant digits (1…15).
  public static func short(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == 0 { return "0" }
    if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x) }
    let d = min(max(digits, 1), maximumDigits)
    let text = String(format: "%.\(d)g", x)
    return unsignedZero(text)
  }

  /// `mean ± std` by the display rule, the std shown as `0` when it is
  /// rounding noise next to the mean (rule 5).
  public static func meanStd(_ mean: Double, _ std: Double, digits: Int) -> String {
    let shownStd = std.isFinite && abs(std) <= abs(mean) * noiseRatio ? 0 : std
    return short(mean, digits: digits) + " ± " + short(shownStd, digits: digits)
  }

  /// `%.6g` per element; matrices as `[[a, b], [c, d]]`, vectors as `[a, b]`.
  public static func brief(_ m: Matrix) -> String {
    if m.isScalar { return short(m.storage[0]) }
    if m.isVector { return "[" + m.storage.map { short($0) }.joined(separator: ", ") + "]" }
    return "["
      + m.rowArrays.map { "[" + $0.map { short($0) }.joined(separator: ", ") + "]" }.joined(separator: ", ")
      + "]"
  }

  /// `-0`, `-0.000` or `-0e+00` (a negative number rounded to zero) without its sign.
  static func unsignedZero(_ text: String) -> String {
    guard text.hasPrefix("-") else { return text }
    let digits = text.dropFirst().prefix { $0 != "e" && $0 != "E" }
    return digits.allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
  }
}
