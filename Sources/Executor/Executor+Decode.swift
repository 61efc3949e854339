import Foundation
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
    problems(document.blocks.map(decode), of: document.blocks)
  }

  /// ``decodeProblems(_:)`` of this executor's document, from the decoding ``run()`` uses.
  public func decodeProblems() -> [[NotebookError]] {
    NotebookExecutor.problems(decoded.all, of: document.blocks)
  }

  /// The problems of each decoding result, as ``decodeProblems(_:)`` lists them.
  static func problems(_ results: [Result<ParsedBlock, any Error>], of blocks: [BlockSource])
    -> [[NotebookError]]
  {
    zip(blocks, results).map { block, result in
      switch result {
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

/// A document's blocks decoded on first use, then kept (decoding is a YAML parse per block).
final class DecodedBlocks: @unchecked Sendable {
  private let document: NotebookDocument
  private let lock = NSLock()
  private var results: [Result<ParsedBlock, any Error>]?

  init(_ document: NotebookDocument) { self.document = document }

  /// ``NotebookExecutor/decode(_:)`` of every block, in order.
  var all: [Result<ParsedBlock, any Error>] {
    lock.withLock {
      if let results { return results }
      let decoded = document.blocks.map(NotebookExecutor.decode)
      results = decoded
      return decoded
    }
  }
}
