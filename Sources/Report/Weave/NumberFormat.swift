import Foundation
import Tensor

/// Number text in reports. Every number in one table uses the table's
/// significant digits (`%.<d>g`: no trailing zeros, exponent only for very
/// large or small magnitudes); NaN and infinities are spelled `nan`, `inf`,
/// `-inf` as in `results.json`.
public struct NumberFormat: Sendable {
  public var digits: Int

  public init(digits: Int = 7) { self.digits = digits }

  public func text(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == 0 { return "0" }
    if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x) }
    return String(format: "%.\(digits)g", x)
  }

  /// Plain-text matrix: a scalar as a number, a column vector `[a, b]ᵀ`, a
  /// row vector `[a, b]`, a matrix `[[a, b], [c, d]]`.
  public func text(_ m: Matrix) -> String {
    if m.isScalar { return text(m.storage[0]) }
    let inner = { (xs: [Double]) in "[" + xs.map { text($0) }.joined(separator: ", ") + "]" }
    if m.cols == 1 { return inner(m.storage) + "ᵀ" }
    if m.rows == 1 { return inner(m.storage) }
    return "[" + m.rowArrays.map(inner).joined(separator: ", ") + "]"
  }
}
