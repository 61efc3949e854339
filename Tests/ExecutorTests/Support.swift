import Executor
import Foundation
import Notebook

/// Runs notebook text through the executor (no cache, quiet).
func execute(_ text: String, directory: String = FileManager.default.currentDirectoryPath) -> [BlockOutcome] {
  let document = NotebookDocument.parse(text)
  return NotebookExecutor(document: document, options: ExecutionOptions(notebookDirectory: directory)).run()
}

/// The scalar at `path` of an outcome, or nil.
func number(_ o: BlockOutcome, _ path: String) -> Double? {
  if case .number(let x)? = o.results[path] { return x }
  return nil
}

/// The numbers at `path`, row-major.
func numbers(_ o: BlockOutcome, _ path: String) -> [Double] {
  o.results[path]?.numbers ?? []
}
