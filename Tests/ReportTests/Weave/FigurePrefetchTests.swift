import Executor
import Foundation
import Testing

@testable import Report

/// `FigurePrefetch` draws a block's figures into the figure cache, where the writer finds them.
@Suite struct FigurePrefetchTests {
  static func graphOutcome(status: BlockOutcome.Status) -> BlockOutcome {
    var outcome = BlockOutcome(index: 0, kind: "graph", name: "g", line: 1)
    outcome.status = status
    let figure = GraphFigure(
      nodes: [
        .init(id: "x", title: "x", lines: ["value = 3"], isInput: true, isOutput: false),
        .init(id: "y", title: "y", lines: ["x^2", "value = 9"], isInput: false, isOutput: true),
      ], edges: [.init(from: "x", to: "y")])
    outcome.content = [.figure(FigureRequest(stem: "graph-g-graph", caption: "g", kind: .graph(figure)))]
    return outcome
  }

  /// The files of `folder`, sorted (none when it does not exist).
  static func files(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test func aBlocksFiguresAreDrawnIntoTheCacheAndReadBackAsTheSameBytes() throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-prefetch-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: cache) }
    let outcome = Self.graphOutcome(status: .ok)
    let prefetch = FigurePrefetch(cache: cache)
    prefetch.draw(outcome)
    prefetch.wait()
    let files = Self.files(cache)
    #expect(files.filter { $0.hasSuffix(".png") }.count == 1)
    #expect(files.filter { $0.hasSuffix(".svg") }.count == 1)

    let drawings = FigureRenderer.drawAll(
      outcome.content.compactMap {
        if case .figure(let r) = $0 { return r }
        return nil
      }, cache: cache)
    let png = try #require(try? drawings.first?.png.get())
    let cached = try Data(
      contentsOf: cache.appendingPathComponent(try #require(files.first { $0.hasSuffix(".png") })))
    #expect(Data(png) == cached)
    #expect(drawings.first?.svg?.hasPrefix("<svg") == true)
    // Nothing new was drawn by the writer's pass.
    #expect(Self.files(cache) == files)
  }

  @Test func aFailedBlockHasNoFiguresToDraw() {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-prefetch-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: cache) }
    let prefetch = FigurePrefetch(cache: cache)
    prefetch.draw(Self.graphOutcome(status: .error))
    prefetch.wait()
    #expect(Self.files(cache).isEmpty)
  }

  /// Two notebooks of one run share the drawing queue; each waits for its own figures only,
  /// so the writer of one is not held up by the next notebook's figures.
  @Test func waitingOnASharedQueueWaitsForOnesOwnFiguresOnly() throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-prefetch-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: cache) }
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 2
    // Another notebook's drawing that does not end until this test lets it.
    let release = DispatchSemaphore(value: 0)
    queue.addOperation { release.wait() }
    defer { release.signal() }
    let prefetch = FigurePrefetch(cache: cache, queue: queue)
    prefetch.draw(Self.graphOutcome(status: .ok))
    let waited = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      prefetch.wait()
      waited.signal()
    }
    #expect(waited.wait(timeout: .now() + 60) == .success)
    #expect(Self.files(cache).filter { $0.hasSuffix(".png") }.count == 1)
  }
}
