import Executor
import Foundation

/// Draws figures into the figure cache while the notebook still runs: a block's figures are
/// handed over as soon as its outcome is known, and gnuplot and dot work on them while the
/// blocks below train. ``ReportWriter`` then reads every picture back from the cache, so the
/// report is the same bytes as when it draws them itself.
///
/// At most one drawing per core at a time. A figure that cannot be drawn is left for the
/// writer, which draws it again and reports the problem.
public final class FigurePrefetch: @unchecked Sendable {
  private let cache: URL
  private let queue: OperationQueue

  /// A prefetch into the figure cache folder `cache`.
  public init(cache: URL) {
    self.cache = cache
    queue = OperationQueue()
    queue.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Starts drawing the figures of `outcome` (none unless its status is `ok`, as in the report):
  /// ``FigureRenderer/draw(_:cache:)``, as the writer's ``FigureRenderer/drawAll(_:cache:)``.
  public func draw(_ outcome: BlockOutcome) {
    guard outcome.status == .ok else { return }
    for case .figure(let request) in outcome.content {
      let cache = self.cache
      queue.addOperation { _ = FigureRenderer.draw(request, cache: cache) }
    }
  }

  /// Returns once every figure handed over is drawn (or given up).
  public func wait() {
    queue.waitUntilAllOperationsAreFinished()
  }
}
