/// Where one line of a block body came from: body column `c` (1-based) of this line is notebook
/// column `baseColumn + c - insertedSpaces - 1` on `sourceLine`; columns inside the spaces that
/// replaced a partly consumed tab map to the tab itself (`baseColumn - 1`).
struct BodyLineOrigin: Sendable, Equatable {
  var sourceLine: Int
  var baseColumn: Int
  var insertedSpaces: Int
}

/// One executable block of a notebook: a fenced code block whose info string starts with `{`.
///
/// Which fences are executable: fences at the top level of the document and fences inside list
/// items whose line holds only indentation before the fence. Fences inside block quotes
/// (`> ```{step}`) and fences opened on a list marker's line (`- ```{step}`) are ordinary code and
/// pass through unchanged — a quoted block is an example being shown, not run.
public struct BlockSource: Sendable {
  /// 0-based position among the notebook's executable blocks.
  public var index: Int
  /// The kind word as written (e.g. `stepp` when misspelt); empty when missing.
  public var kindText: String
  /// The kind, or `nil` when `kindText` is not a known kind (then `headerError` says so).
  public var kind: BlockKind?
  /// The block name (`blobs` in `{data blobs}`), if any.
  public var name: String?
  /// Position of the name in the header, if any.
  public var namePosition: SourcePosition?
  /// The `key=value` options of the header, in order.
  public var attributes: [BlockAttribute]
  /// The first problem with the header: malformed header, unknown kind (with a did-you-mean
  /// hint), bad name, `data`/`model` without a name, or a name already used by an earlier block.
  /// The block is still a block (its text is still replaced by its output) when this is set.
  public var headerError: NotebookError?
  /// The full info string as written (trimmed), e.g. `{train baseline seed=3}`.
  public var info: String
  /// The content lines with their indentation removed (the fence's indentation, plus the list
  /// item's when the block sits in one; a partly consumed tab becomes spaces), without their line
  /// endings, joined with `"\n"`. There is no trailing newline: a body of one line `a: 1` is
  /// `"a: 1"`, and an empty block has body `""` (see `bodyLineCount` to tell it from one blank line).
  public var body: String
  /// Number of content lines (between the fences).
  public var bodyLineCount: Int
  /// Notebook line of the first body line (the line after the opening fence, even when empty).
  public var bodyStartLine: Int
  /// Notebook line of the opening fence.
  public var line: Int
  /// Notebook column of the first fence character.
  public var column: Int
  /// Notebook line of the last line of the block (the closing fence when closed).
  public var endLine: Int
  /// The source text from the start of the opening fence's line through the closing fence line,
  /// including its line ending (through the end of the block's container when unclosed).
  public var rawText: String
  /// Whether a closing fence ended the block; an unclosed fence runs to the end of the document
  /// (or of the list item it sits in).
  public var isClosed: Bool
  /// Columns of indentation removed from body lines (tabs expand to multiples of 4): the column
  /// of the opening fence, counting from 0.
  public var bodyIndent: Int
  /// Fence character (`` ` `` or `~`) and length, so a weaver can write a fence that survives.
  public var fenceCharacter: Character
  /// Number of fence characters of the opening fence.
  public var fenceLength: Int

  /// Origin of each body line, for mapping YAML positions back to the notebook.
  var bodyOrigins: [BodyLineOrigin]
  /// Notebook column of the info string's `{`.
  public var infoColumn: Int = 1
  /// The parameter values `${name}` in this block is replaced with (section 13); set by
  /// `NotebookDocument.applying(_:)` (the defaults after `parse`).
  public var parameters = ParameterValues()
  /// The index in `NotebookDocument.solutions` of the `solution` block this block sits in, if any.
  public var solution: Int?

  /// The notebook position of `column` (1-based, Unicode scalars) on body line `bodyLine`
  /// (1-based). Lines past the body continue after the last body line.
  public func notebookPosition(bodyLine: Int, column: Int) -> SourcePosition {
    if bodyLine >= 1 && bodyLine <= bodyOrigins.count {
      let o = bodyOrigins[bodyLine - 1]
      if column <= o.insertedSpaces {
        return SourcePosition(line: o.sourceLine, column: max(1, o.baseColumn - 1))
      }
      return SourcePosition(line: o.sourceLine, column: o.baseColumn + column - o.insertedSpaces - 1)
    }
    return SourcePosition(line: bodyStartLine + max(0, bodyLine - 1), column: column + bodyIndent)
  }
}
