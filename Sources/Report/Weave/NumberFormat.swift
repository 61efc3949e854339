import Executor
import Foundation
import Tensor

/// Number text in reports. Every number in one table uses the table's
/// significant digits, by the one display rule of `NumberText.short` (no
/// trailing zeros, no sign on zero, at most 15 significant digits, NaN and
/// infinities spelled `nan`, `inf`, `-inf` as in `results.json`).
public struct NumberFormat: Sendable {
  public var digits: Int

  public init(digits: Int = 7) { self.digits = digits }

  public func text(_ x: Double) -> String { NumberText.short(x, digits: digits) }

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
