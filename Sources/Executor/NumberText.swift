import Foundation
import Tensor

/// Short number text for labels inside pictures and notes.
public enum NumberText {
  /// `%.6g` per element; matrices as `[[a, b], [c, d]]`, vectors as `[a, b]`.
  public static func brief(_ m: Matrix) -> String {
    if m.isScalar { return short(m.storage[0]) }
    if m.isVector { return "[" + m.storage.map { short($0) }.joined(separator: ", ") + "]" }
    return "["
      + m.rowArrays.map { "[" + $0.map { short($0) }.joined(separator: ", ") + "]" }.joined(separator: ", ")
      + "]"
  }

  /// `%.<digits>g` with NaN and infinities spelled out.
  public static func short(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return String(format: "%.\(digits)g", x)
  }
}
