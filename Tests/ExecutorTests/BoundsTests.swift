import Foundation
import Tensor
import Testing

@testable import Executor

/// Memory-limit parsing and the file digest of the cache key.
@Suite struct BoundsTests {
  @Test func memoryLimitSizesAndTheirRange() {
    #expect(MemoryBudget.parse("4G") == 4 << 30)
    #expect(MemoryBudget.parse("512M") == 512 << 20)
    #expect(MemoryBudget.parse("2.5GB") == Int(2.5 * 1_073_741_824))
    #expect(MemoryBudget.parse("1048576") == 1 << 20)
    #expect(MemoryBudget.parse("1M") == MemoryBudget.minimumLimit)
    #expect(MemoryBudget.parse("1048576G") == MemoryBudget.maximumLimit)
    for bad in ["infG", "nanM", "-1G", "0", "lots", "G", ""] {
      #expect(MemoryBudget.parse(bad) == nil, "\(bad)")
      #expect(
        MemoryBudget.limitProblem(bad) == "--memory-limit takes a size like 4G, 512M or a number of bytes")
    }
    #expect(MemoryBudget.limitProblem("0.0001K") == "--memory-limit must be at least 1M (got 0.0001K)")
    #expect(MemoryBudget.limitProblem("1023K") == "--memory-limit must be at least 1M (got 1023K)")
    #expect(
      MemoryBudget.limitProblem("99999999999G")
        == "--memory-limit must be at most 1048576G (got 99999999999G)")
    #expect(MemoryBudget.limitProblem("4G") == nil)
  }

  /// Every layer's output counts, activation layers included (the old estimate
  /// counted dense outputs only and was half the measured peak).
  @Test func networkEstimateCountsEveryLayersOutputs() {
    // 2-16-1 with tanh and sigmoid: 65 parameters; outputs 2 + 16 + 16 + 1 + 1 per row.
    let bytes = MemoryBudget.network(widths: [2, 16, 1], layerWidths: [2, 16, 16, 1, 1], rows: 100_000)
    #expect(bytes == 8 * (4 * 65 + 3 * 100_000 * 36))
    #expect(MemoryBudget.network(widths: [3], layerWidths: [3], rows: 0) == 0)
  }

  @Test func digestFollowsEveryByteAndTheLength() throws {
    let empty = FileDigest.digest(of: [])
    #expect(empty == "0:" + String(format: "%016llx%016llx", FNV1a.offsetBasis, ~FNV1a.offsetBasis))
    var seen: Set<String> = [empty]
    // One changed byte anywhere, or one more zero byte, changes the digest.
    let base = [UInt8](repeating: 7, count: 20)
    for i in base.indices {
      var changed = base
      changed[i] = 8
      seen.insert(FileDigest.digest(of: changed))
    }
    seen.insert(FileDigest.digest(of: base))
    seen.insert(FileDigest.digest(of: base + [0]))
    #expect(seen.count == 23)
  }

  @Test func fileDigestEqualsTheDigestOfItsBytesAcrossChunks() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: url) }
    // Longer than one 1 MiB chunk, and not a multiple of 8 bytes.
    let bytes = (0..<((1 << 20) + 13)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    try Data(bytes).write(to: url)
    #expect(FileDigest.digest(path: url.path) == FileDigest.digest(of: bytes))
    #expect(FileDigest.digest(path: url.path, maximumBytes: 100)?.hasPrefix("\(bytes.count):unread:") == true)
    #expect(FileDigest.digest(path: url.path + "-missing") == nil)
  }
}
