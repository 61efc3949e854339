import Executor
import Foundation
import Notebook

/// `compare` of 4 variants × 2 seeds through the real executor, on 1 and 2
/// worker threads (each run on one BLAS thread, as `compare` does). The
/// training spec is inline, so the notebook is the data set and the compare
/// alone (a separate `train` block would add a serial run to both times), and
/// only the compare block is timed.
enum CompareScaling {
  static let notebook = """
    ```{data spiral}
    source: spiral
    n: 3000
    classes: 3
    split: {train: 0.8, test: 0.2}
    ```

    ```{model net}
    layers: [dense 2->128, relu, dense ->128, relu, dense ->3, softmax]
    loss: cross-entropy
    ```

    ```{compare rates}
    train: {model: net, data: spiral, learning-rate: 0.1, batch: 32, epochs: 10}
    vary:
      learning-rate: [0.01, 0.03, 0.1, 0.3]
    seeds: 2
    ```

    """

  /// Seconds of the `compare` block on `threads` compare workers (no cache): from the end of
  /// the block before it (data and model, the same serial work for any thread count) to its
  /// own end, read off `ExecutionOptions.onOutcome`.
  static func time(threads: Int) -> Double {
    let document = NotebookDocument.parse(notebook)
    var options = ExecutionOptions(
      notebookDirectory: FileManager.default.currentDirectoryPath, threads: threads)
    let ends = Ends()
    options.onOutcome = { _ in ends.append(ContinuousClock.now) }
    let outcomes = NotebookExecutor(document: document, options: options).run()
    for o in outcomes where o.status != .ok {
      print("warning: block \(o.index) did not run: \(o.error?.message ?? "")")
    }
    let times = ends.values
    guard times.count == 3 else { return .nan }
    let elapsed = times[2] - times[1]
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  /// When each block ended, in order.
  private final class Ends: @unchecked Sendable {
    private let lock = NSLock()
    private var instants: [ContinuousClock.Instant] = []
    func append(_ t: ContinuousClock.Instant) { lock.withLock { instants.append(t) } }
    var values: [ContinuousClock.Instant] { lock.withLock { instants } }
  }
}
