import Executor
import Foundation
import Notebook

/// `compare` of 4 variants × 2 seeds through the real executor, on 1 and 2
/// worker threads (each run on one BLAS thread, as `compare` does). The
/// training spec is inline, so the notebook is the data set and the compare
/// alone (a separate `train` block would add a serial run to both times).
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

  /// Seconds of the whole notebook on `threads` compare workers (no cache).
  static func time(threads: Int) -> Double {
    let document = NotebookDocument.parse(notebook)
    let options = ExecutionOptions(
      notebookDirectory: FileManager.default.currentDirectoryPath, threads: threads)
    var outcomes: [BlockOutcome] = []
    let t = seconds { outcomes = NotebookExecutor(document: document, options: options).run() }
    for o in outcomes where o.status != .ok {
      print("warning: block \(o.index) did not run: \(o.error?.message ?? "")")
    }
    return t
  }
}
