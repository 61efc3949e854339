import Dispatch
import Foundation

/// `(0..<count).map(body)` on worker threads: each worker takes the next index not yet taken,
/// and the values come back in index order, so the result is the same for any number of
/// workers (when `body` is). Used for `compare`'s runs and for drawing a report's figures.
public enum ConcurrentMap {
  /// `body(0)`, …, `body(count − 1)` on `min(workers, count)` threads (1 or fewer: in order on
  /// this thread).
  public static func map<Value: Sendable>(
    count: Int, workers: Int, _ body: @Sendable (Int) -> Value
  ) -> [Value] {
    let threads = Swift.max(1, Swift.min(workers, count))
    guard threads > 1 else { return (0..<count).map(body) }
    let slots = Slots<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let i = slots.take() { slots.set(i, body(i)) }
    }
    return slots.collected()
  }

  /// The next index to hand out and the values so far, behind one lock.
  private final class Slots<Value>: @unchecked Sendable {
    private var next = 0
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// The next index, or nil when every index is taken.
    func take() -> Int? {
      lock.withLock {
        guard next < values.count else { return nil }
        defer { next += 1 }
        return next
      }
    }

    func set(_ i: Int, _ value: Value) { lock.withLock { values[i] = value } }

    /// Every value, in index order (each index was set once by the time the workers return).
    func collected() -> [Value] { lock.withLock { values.compactMap { $0 } } }
  }
}
