import Executor
import Foundation
import Notebook

/// Runs notebook text through the executor (no cache, quiet).
func execute(_ text: String, directory: String = FileManager.default.currentDirectoryPath) -> [BlockOutcome] {
  let document = NotebookDocument.parse(text)
  return NotebookExecutor(document: document, options: ExecutionOptions(notebookDirectory: directory)).run()
}

/// The one number at `path` of an outcome (a scalar, or a one-element list
/// or matrix: values keep their shape), or nil.
func number(_ o: BlockOutcome, _ path: String) -> Double? {
  switch o.results[path] {
  case .number(let x)?: return x
  case .vector(let v)? where v.count == 1: return v[0]
  case .matrix(let m)? where m.count == 1 && m[0].count == 1: return m[0][0]
  default: return nil
  }
}

/// The numbers at `path`, row-major.
func numbers(_ o: BlockOutcome, _ path: String) -> [Double] {
  o.results[path]?.numbers ?? []
}
