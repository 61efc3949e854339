import Executor
import Foundation
import Notebook
import Report

extension NotebookRunner {
  /// `document` with the `--set` overrides applied; an undeclared name is a usage error (exit 2)
  /// that lists the declared parameters.
  static func parameterized(_ document: NotebookDocument, _ options: RunOptions, _ path: String) throws
    -> NotebookDocument
  {
    guard !options.parameterOverrides.isEmpty else { return document }
    do {
      return try document.applying(overrides: options.parameterOverrides)
    } catch {
      throw UsageError("\(path): --set: \(error)")
    }
  }

  /// Parses `NAME=VALUE` (the value may be empty or hold `=`); `nil` without `=` or name.
  public static func parseAssignment(_ text: String) -> (name: String, value: String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}

extension NotebookRunner {
  /// Writes the report of `options.variant` into `target` through its `ReportPlan`: the full
  /// report, or the student folder with `<name>-student.notebook.md` and no `results.json`.
  func writeVariant(
    _ document: NotebookDocument, _ outcomes: [BlockOutcome], _ path: String, _ target: URL,
    _ formats: Set<String>, _ outRoot: URL
  ) throws -> [String] {
    let plan = ReportPlan.make(document: document, outcomes: outcomes, variant: options.variant)
    var extra: [String: String] = [:]
    if options.variant == .student {
      extra[target.lastPathComponent + ".notebook.md"] = StudentNotebook.text(of: document)
    }
    return try ReportWriter.write(
      document: plan.document, outcomes: plan.outcomes, notebookPath: path, into: target, formats: formats,
      selfContained: options.selfContained,
      figureCache: options.useCache
        ? outRoot.appendingPathComponent(".cache/figures", isDirectory: true) : nil,
      resultsJSON: plan.writesResultsJSON, extraFiles: extra, log: log)
  }
}
