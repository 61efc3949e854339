import Executor
import Foundation
import Notebook
import Testing

/// `NotebookExecutor.cachePlan()` finds the keys `run()` stores under, without running.
@Suite struct CachePlanTests {
  static let notebook = """
    # Plan

    ```{data xor}
    source: xor
    n: 24
    ```

    ```{model net}
    layers: [dense 2->3, tanh, dense 3->1, sigmoid]
    loss: bce
    ```

    ```{train base}
    model: net
    data: xor
    epochs: 2
    ```

    ```{graph g}
    x = 3
    y = x^2
    ```
    """

  /// A fresh cache folder under the temporary directory.
  static func cache() -> BlockCache {
    BlockCache(
      directory: FileManager.default.temporaryDirectory.appendingPathComponent(
        "gradbook-plan-\(UUID().uuidString)", isDirectory: true))
  }

  /// The `.json` entries in `cache`'s folder, without the extension, sorted.
  static func storedKeys(_ cache: BlockCache) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: cache.directory.path)
      .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  @Test func thePlanNamesTheKeysTheRunStored() throws {
    let cache = Self.cache()
    defer { try? FileManager.default.removeItem(at: cache.directory) }
    let executor = NotebookExecutor(
      document: NotebookDocument.parse(Self.notebook), options: ExecutionOptions(notebookDirectory: "."),
      cache: cache)
    #expect(executor.cachePlan() == nil)
    let outcomes = executor.run()
    #expect(outcomes.allSatisfy { $0.status == .ok })
    let plan = try #require(executor.cachePlan())
    #expect(plan.keys.count == 4)
    #expect(plan.keys.sorted() == (try Self.storedKeys(cache)))
    #expect(Set(plan.keys).count == 4)
  }

  @Test func aBlockMissingFromTheCacheMeansNoPlan() throws {
    let cache = Self.cache()
    defer { try? FileManager.default.removeItem(at: cache.directory) }
    let document = NotebookDocument.parse(Self.notebook)
    let executor = NotebookExecutor(
      document: document, options: ExecutionOptions(notebookDirectory: "."), cache: cache)
    _ = executor.run()
    // An edited model changes its key and the key of the train block naming it.
    let edited = NotebookExecutor(
      document: NotebookDocument.parse(
        Self.notebook.replacingOccurrences(of: "2->3, tanh, dense 3->1", with: "2->4, tanh, dense 4->1")),
      options: ExecutionOptions(notebookDirectory: "."), cache: cache)
    #expect(edited.cachePlan() == nil)
    _ = edited.run()
    let before = try #require(executor.cachePlan())
    let after = try #require(edited.cachePlan())
    #expect(before.keys[0] == after.keys[0])
    #expect(before.keys[1] != after.keys[1])
    #expect(before.keys[2] != after.keys[2])
    #expect(before.keys[3] == after.keys[3])
  }

  @Test func aFailingBlockMeansNoPlan() {
    let cache = Self.cache()
    defer { try? FileManager.default.removeItem(at: cache.directory) }
    let text = Self.notebook.replacingOccurrences(of: "model: net", with: "model: nett")
    let executor = NotebookExecutor(
      document: NotebookDocument.parse(text), options: ExecutionOptions(notebookDirectory: "."), cache: cache)
    let outcomes = executor.run()
    #expect(outcomes[2].status == .error)
    #expect(executor.cachePlan() == nil)
  }
}
