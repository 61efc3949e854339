import Foundation
import Notebook

/// The memory a block may allocate, checked before the big allocations
/// (network parameters, activations of a batch, generated data) so that an
/// oversized block stops with a clear error instead of exhausting the machine.
///
/// Estimates count 8 bytes per `Double` and are deliberately simple:
/// parameters ×4 (values, gradients, two optimizer moments), activations ×3
/// (values, gradients, one scratch copy).
public struct MemoryBudget: Sendable, Equatable {
  /// The limit in bytes (default 4 GB).
  public var limit: Int

  public static let defaultLimit = 4 * 1024 * 1024 * 1024

  public init(limit: Int = MemoryBudget.defaultLimit) { self.limit = limit }

  /// Throws when `bytes` exceed the limit.
  public func check(_ bytes: Double, for what: String, at position: SourcePosition) throws {
    guard bytes > Double(limit) else { return }
    throw NotebookError(
      position: position,
      message: "\(what) would need about \(MemoryBudget.text(bytes)), more than the memory limit of "
        + MemoryBudget.text(Double(limit)),
      hint: "Make it smaller, or raise the limit with --memory-limit (e.g. --memory-limit 16G).")
  }

  /// `1.5 GB`, `300 MB`.
  public static func text(_ bytes: Double) -> String {
    let gb = bytes / 1_073_741_824
    if gb >= 1 { return String(format: "%.1f GB", gb) }
    return String(format: "%.0f MB", bytes / 1_048_576)
  }

  /// Parses `4G`, `512M`, `2.5GB`, `1073741824`.
  public static func parse(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
    let units: [(String, Double)] = [
      ("GB", 1_073_741_824), ("G", 1_073_741_824), ("MB", 1_048_576), ("M", 1_048_576), ("KB", 1024),
      ("K", 1024),
    ]
    for (suffix, scale) in units where t.hasSuffix(suffix) {
      guard let v = Double(t.dropLast(suffix.count)), v > 0 else { return nil }
      return Int(v * scale)
    }
    guard let v = Int(t), v > 0 else { return nil }
    return v
  }
}

extension MemoryBudget {
  /// Bytes for a network's parameters (with gradients and optimizer state)
  /// and the activations of `rows` samples through it.
  static func network(widths: [Int], rows: Int) -> Double {
    var parameters = 0.0
    var activations = 0.0
    for (a, b) in zip(widths, widths.dropFirst()) {
      parameters += Double(a) * Double(b) + Double(b)
    }
    for w in widths { activations += Double(w) * Double(rows) }
    return 8 * (4 * parameters + 3 * activations)
  }
}
