import Notebook

extension NotebookExecutor {
  /// Decodes and validates every block's body without running anything:
  /// one entry per block, nil when the block decodes, else its error.
  /// Used by `gradbook check`-style linting and by the fuzz targets.
  public static func decodeAll(_ document: NotebookDocument) -> [BlockFailure?] {
    document.blocks.map { block in
      do {
        if let headerError = block.headerError { throw headerError }
        guard let kind = block.kind else {
          return BlockFailure(line: block.line, column: block.column, message: "unknown block kind")
        }
        _ = try BlockSpecs.parse(block, kind: kind)
        return nil
      } catch let error as NotebookError {
        return BlockFailure(error)
      } catch {
        return BlockFailure(line: block.line, column: block.column, message: "\(error)")
      }
    }
  }
}
