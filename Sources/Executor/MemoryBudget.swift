import Foundation
import Notebook

/// The memory a block may allocate, checked before the big allocations
/// (network parameters, activations of a batch, generated data) so that an
/// oversized block stops with a clear error instead of exhausting the machine.
///
/// Estimates count 8 bytes per `Double` and are deliberately simple:
/// parameters ×4 (values, gradients, two optimizer moments), the outputs of
/// every layer ×3 (values, gradients, one more copy), calibrated against the
/// peaks `scripts/bench-hostile` measures (within 2× for data, train and compare).
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

  /// The smallest limit accepted: 1 MB (a block cannot run in less).
  public static let minimumLimit = 1_048_576
  /// The largest limit accepted: 2⁵⁰ bytes (1048576G), far above any machine.
  public static let maximumLimit = 1 << 50

  /// Parses `4G`, `512M`, `2.5GB`, `1073741824` (1K = 1024 bytes); nil when
  /// ``limitProblem(_:)`` finds a problem.
  public static func parse(_ text: String) -> Int? {
    guard case .success(let bytes) = read(text) else { return nil }
    return bytes
  }

  /// Why `text` is not a memory limit, as printed after `Error: `, or nil
  /// when it is one. Sizes below ``minimumLimit`` (`0.0001K`) and above
  /// ``maximumLimit`` (`infG`, `99999999999G`) are refused, never rounded.
  public static func limitProblem(_ text: String) -> String? {
    guard case .failure(let problem) = read(text) else { return nil }
    return problem.message
  }

  struct Problem: Error {
    var message: String
  }

  /// The size in bytes, computed in `Double` and range-checked before it
  /// becomes an `Int` (so `infG` and `nanM` cannot trap).
  static func read(_ text: String) -> Result<Int, Problem> {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
    let units: [(String, Double)] = [
      ("GB", 1_073_741_824), ("G", 1_073_741_824), ("MB", 1_048_576), ("M", 1_048_576), ("KB", 1024),
      ("K", 1024), ("B", 1),
    ]
    var value: Double?
    for (suffix, scale) in units where t.hasSuffix(suffix) {
      value = Double(t.dropLast(suffix.count)).map { $0 * scale }
      break
    }
    if value == nil, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { value = Double(t) }
    guard let bytes = value, bytes.isFinite, bytes > 0 else {
      return .failure(Problem(message: "--memory-limit takes a size like 4G, 512M or a number of bytes"))
    }
    guard bytes >= Double(minimumLimit) else {
      return .failure(Problem(message: "--memory-limit must be at least 1M (got \(text))"))
    }
    guard bytes <= Double(maximumLimit) else {
      return .failure(Problem(message: "--memory-limit must be at most 1048576G (got \(text))"))
    }
    return .success(Int(bytes))
  }
}

extension MemoryBudget {
  /// Bytes of memory per byte of notebook text while it is read, scanned and
  /// woven (measured: a 50 MB notebook peaked at 2.5 GB).
  public static let bytesPerNotebookByte = 50.0

  /// Why the notebook at `path` is too large to read under `limit`, or nil:
  /// its size × ``bytesPerNotebookByte`` must fit (so a 4 GB limit reads
  /// notebooks up to about 80 MB).
  public static func notebookProblem(path: String, limit: Int) -> String? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.doubleValue
    else { return nil }
    let needed = size * bytesPerNotebookByte
    guard needed > Double(limit) else { return nil }
    return "notebook '\(path)' (\(text(size))) would need about \(text(needed)) to run, more than the "
      + "memory limit of \(text(Double(limit))); split it into smaller notebooks or raise the limit with "
      + "--memory-limit (e.g. --memory-limit 16G)"
  }

  /// Bytes kept per epoch of training: the epoch record, the result curves
  /// and the figure series (about 400 bytes).
  static func curves(epochs: Int) -> Double { 400 * (Double(epochs) + 1) }

  /// Bytes for a network's parameters (with gradients and optimizer state)
  /// and the activations of `rows` samples through it:
  /// 8 · (4 · Σ (aᵢ·bᵢ + bᵢ) + 3 · rows · Σ wₗ), where aᵢ→bᵢ are the dense
  /// layers (`widths`: the input, then each dense layer's outputs) and wₗ the
  /// input and every layer's output width, activation layers included
  /// (`layerWidths`): each output is kept with its gradient and one more copy
  /// (the evaluation pass after each epoch). Measured with a release build
  /// (`scripts/bench-hostile`): 2-16-1 and 2-64-1 networks on 10⁵ and 2·10⁵
  /// rows need 0.9–1.1× this above the process's own ~27 MB.
  static func network(widths: [Int], layerWidths: [Int], rows: Int) -> Double {
    var parameters = 0.0
    for (a, b) in zip(widths, widths.dropFirst()) {
      parameters += Double(a) * Double(b) + Double(b)
    }
    let activations = Double(layerWidths.reduce(0, +)) * Double(rows)
    return 8 * (4 * parameters + 3 * activations)
  }
}
