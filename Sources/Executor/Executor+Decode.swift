import Notebook

extension NotebookExecutor {
  /// Decodes and validates every block's body without running anything:
  /// one entry per block, nil when the block decodes, else its first error.
  /// Used by `gradbook check`-style linting and by the fuzz targets.
  public static func decodeAll(_ document: NotebookDocument) -> [NotebookError?] {
    decodeProblems(document).map(\.first)
  }

  /// Every decoding problem of every block, one list per block (empty when the block decodes),
  /// each sorted by position.
  public static func decodeProblems(_ document: NotebookDocument) -> [[NotebookError]] {
    document.blocks.map { block in
      switch decode(block) {
      case .success: return []
      case .failure(let error as NotebookErrors): return error.errors
      case .failure(let error as NotebookError): return [error]
      case .failure(let error):
        return [NotebookError(line: block.line, column: block.column, message: "\(error)")]
      }
    }
  }

  /// One block's header checked and its body decoded (`BlockSpecs.decodeCollecting`): the spec,
  /// or a `NotebookError` (one problem) or `NotebookErrors` (several).
  static func decode(_ block: BlockSource) -> Result<ParsedBlock, any Error> {
    Result {
      if let headerError = block.headerError { throw headerError }
      guard let kind = block.kind else {
        throw NotebookError(
          line: block.line, column: block.column, message: "unknown block kind '\(block.kindText)'")
      }
      return try BlockSpecs.parseWithOptions(block, kind: kind)
    }
  }
}

extension BlockSource {
  /// `error` with the note naming the parameter its position came from, if any
  /// (`parameterNote(at:)`).
  func noted(_ error: NotebookError) -> NotebookError {
    var error = error
    if let note = parameterNote(at: error.position) { error.message += " (\(note))" }
    return error
  }
}
