import Notebook
import Tensor

extension NotebookRunner {
  /// The warning for a notebook without executable blocks (all of it is copied unchanged, which
  /// is usually a header written without braces): at line 1, column 1.
  static let nothingRuns = NotebookError(
    line: 1, column: 1, message: "the notebook has no executable blocks; nothing ran",
    hint: "An executable block's info string starts with '{', e.g. ```{step}.")

  /// The warnings of `document` for the terminal: its fence warnings (another tool's chunks,
  /// brace-less block kinds) and, when it has no executable block, `nothingRuns`.
  static func warnings(of document: NotebookDocument) -> [NotebookError] {
    document.warnings + (document.blocks.isEmpty ? [nothingRuns] : [])
  }

  /// `FILE:LINE:COLUMN: warning: MESSAGE (HINT)`; never changes the exit status.
  static func warningLine(_ path: String, _ w: NotebookError) -> String {
    "\(path):\(w.position.line):\(w.position.column): warning: " + ErrorText.terminal(w.message, hint: w.hint)
  }
}
