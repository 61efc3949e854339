import Foundation
import NeuralNet
import Notebook
import Tensor

/// The program version that enters every cache key: a new version never
/// reuses results of an older one.
public enum ProgramVersion {
  public static let current = "0.1.0"

  /// The version plus a fingerprint of the running executable (its size and
  /// modification time, read through `/proc/self/exe`), so that a rebuilt
  /// program never reuses results cached by an older build of the same
  /// version. Falls back to the version alone when the file cannot be read.
  public static let cacheTag: String = {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date
    else { return current }
    return "\(current)+\(size.int64Value).\(Int64(date.timeIntervalSince1970 * 1000))"
  }()
}

/// Cache keys: a block is reused when its text (with the values of the parameters it uses,
/// so in effect the text after substitution), the blocks it names (through their own keys),
/// the files it reads (resolved path and content digest),
/// the notebook seed and the program version are unchanged.
enum CacheKey {
  /// 128-bit hex key from two FNV-1a passes over the key material. A missing
  /// input enters as `KEY=PATH#missing`, so it never matches a present file.
  /// A run-wide `--precision` other than float64 is part of the key (and
  /// float64 adds nothing, so default keys are unchanged).
  static func make(
    block: BlockSource, references: [String], seed: UInt64, inputs: [InputFile] = [],
    precision: Precision = .float64
  ) -> String {
    let files = inputs.map { "\($0.key)=\($0.path)#\($0.digest ?? "missing")" }
    let material =
      [
        "gradbook", ProgramVersion.cacheTag, "seed=\(seed)", block.kindText, block.name ?? "",
        block.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: " "), block.body,
        block.parameters.fingerprint(of: block.rawText),
      ] + references + files + (precision == .float64 ? [] : ["precision=\(precision.rawValue)"])
    return ContentHash.hex128(material.joined(separator: "\u{1F}"))
  }
}

/// Content hashes for cache file names.
public enum ContentHash {
  /// 128-bit hex: 64-bit FNV-1a of the text's UTF-8 bytes followed by FNV-1a
  /// of the same bytes in reverse order. Not cryptographic; a cache key, never
  /// a security boundary. (Reversing the `String` itself went character by
  /// character and was a sixth of a warm run.)
  public static func hex128(_ text: String) -> String {
    var utf8 = text
    let (a, b) = utf8.withUTF8 { bytes in (FNV1a.hash(bytes), FNV1a.hash(bytes.reversed())) }
    return String(format: "%016llx%016llx", a, b)
  }
}

/// Block outcomes stored as JSON files, one per key, in a folder.
///
/// A file that cannot be read or decoded is ignored (and overwritten by the
/// next store): the cache is never trusted over recomputing.
public final class BlockCache: @unchecked Sendable {
  public let directory: URL
  private let lock = NSLock()
  /// Keys stored or loaded in this run; the rest can be pruned.
  private var touched: Set<String> = []

  public init(directory: URL) {
    self.directory = directory
  }

  private func file(_ key: String) -> URL { directory.appendingPathComponent(key + ".json") }

  /// The stored outcome for `key`, or nil when absent or unreadable.
  public func load(key: String) -> BlockOutcome? {
    guard let data = try? Data(contentsOf: file(key)),
      let entry = try? JSONDecoder().decode(Entry.self, from: data),
      entry.key == key, entry.version == ProgramVersion.cacheTag
    else { return nil }
    lock.withLock { _ = touched.insert(key) }
    return entry.outcome
  }

  /// Whether an outcome is stored under `key` (not read, so not checked; ``load(key:)`` still
  /// ignores an unreadable one).
  public func contains(key: String) -> Bool {
    FileManager.default.fileExists(atPath: file(key).path)
  }

  /// Marks `keys` as used in this run, so ``pruneUntouched()`` keeps them (a run that reuses a
  /// whole report reads none of its outcomes).
  public func touch(_ keys: [String]) {
    lock.withLock { touched.formUnion(keys) }
  }

  /// Stores `outcome` under `key` (write to a temporary file, then rename).
  public func store(key: String, outcome: BlockOutcome) {
    guard outcome.status == .ok else { return }
    let entry = Entry(key: key, version: ProgramVersion.cacheTag, outcome: outcome)
    guard let data = try? JSONEncoder().encode(entry) else { return }
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let tmp = directory.appendingPathComponent(".\(key).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: tmp)
      _ = try? FileManager.default.removeItem(at: file(key))
      try FileManager.default.moveItem(at: tmp, to: file(key))
      lock.withLock { _ = touched.insert(key) }
    } catch {
      try? FileManager.default.removeItem(at: tmp)
    }
  }

  /// Removes entries that this run neither loaded nor stored.
  public func pruneUntouched() {
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
    let keep = lock.withLock { touched }
    for f in files where f.hasSuffix(".json") && !keep.contains(String(f.dropLast(5))) {
      try? FileManager.default.removeItem(at: directory.appendingPathComponent(f))
    }
  }

  private struct Entry: Codable {
    var key: String
    var version: String
    var outcome: BlockOutcome
  }
}
