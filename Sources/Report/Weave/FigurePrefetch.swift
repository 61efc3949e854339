import Executor
import Foundation

/// Draws figures into the figure cache while the notebook still runs: a block's figures are
/// handed over as soon as its outcome is known, and gnuplot and dot work on them while the
/// blocks below train. ``ReportWriter`` then reads every picture back from the cache, so the
/// report is the same bytes as when it draws them itself.
///
/// At most one drawing per core at a time (per queue: a run over several notebooks shares one,
/// so the figures of one notebook and of the next do not oversubscribe the cores). A figure
/// that cannot be drawn is left for the writer, which draws it again and reports the problem.
public final class FigurePrefetch: @unchecked Sendable {
  private let cache: URL
  private let queue: OperationQueue
  private let pending = DispatchGroup()

  /// A queue for ``init(cache:queue:)``: one drawing per core at a time.
  public static func makeQueue() -> OperationQueue {
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
    return queue
  }

  /// A prefetch into the figure cache folder `cache`, drawing on `queue` (a queue of its own,
  /// ``makeQueue()``, when nil).
  public init(cache: URL, queue: OperationQueue? = nil) {
    self.cache = cache
    self.queue = queue ?? FigurePrefetch.makeQueue()
  }

  /// Starts drawing the figures of `outcome` (none unless its status is `ok`, as in the report):
  /// ``FigureRenderer/draw(_:cache:)``, as the writer's ``FigureRenderer/drawAll(_:cache:)``.
  public func draw(_ outcome: BlockOutcome) {
    guard outcome.status == .ok else { return }
    for case .figure(let request) in outcome.content {
      let (cache, pending) = (self.cache, self.pending)
      pending.enter()
      queue.addOperation {
        _ = FigureRenderer.draw(request, cache: cache)
        pending.leave()
      }
    }
  }

  /// Returns once every figure handed to this prefetch is drawn (or given up); figures other
  /// prefetches put on a shared queue are not waited for.
  public func wait() {
    pending.wait()
  }
}
