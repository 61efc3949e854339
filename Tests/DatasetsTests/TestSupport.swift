import Foundation
import Testing

@testable import Datasets
@testable import Tensor

/// A fresh temporary folder for one test, removed by `cleanUp()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/gradbook-datasets-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `name` inside the folder and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let full = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Writes UTF-8 `text` to `name` and returns the full path.
  @discardableResult
  func write(_ name: String, text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  func cleanUp() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Loads with a fresh generator seeded `seed`.
func load(_ source: DataSource, _ options: DataOptions = DataOptions(), seed: UInt64 = 1)
  throws(DatasetError) -> DataSplit
{
  var rng = RandomSource(seed: seed)
  return try DataLoader.load(source, options: options, rng: &rng)
}

/// The error thrown by `body`, or `nil` when it succeeds.
func datasetError(_ body: () throws(DatasetError) -> Void) -> DatasetError? {
  do {
    try body()
    return nil
  } catch {
    return error
  }
}

/// Column `j` of `m`.
func column(_ m: Matrix, _ j: Int) -> [Double] {
  (0..<m.rows).map { m[$0, j] }
}

func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

/// Population standard deviation (divisor N).
func std(_ v: [Double]) -> Double {
  let m = mean(v)
  return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
}
