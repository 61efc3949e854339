import Foundation

/// Scalar functions under names that do not collide with ``Operation``'s cases
/// (`Operation.exp`, `.log`, `.abs`, `.max`, … would shadow the C library inside it).
enum Math {
  static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
  static func log(_ x: Double) -> Double { Foundation.log(x) }
  static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  static func sin(_ x: Double) -> Double { Foundation.sin(x) }
  static func cos(_ x: Double) -> Double { Foundation.cos(x) }
  static func tan(_ x: Double) -> Double { Foundation.tan(x) }
  static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
  static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }

  /// `x` with 6 significant digits (`%.6g`), for messages.
  static func short(_ x: Double) -> String { String(format: "%.6g", x) }
}
