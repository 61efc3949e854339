/// Fences that look executable but are not run: another tool's chunk (```` ```{python} ````)
/// and a plain fence whose info string starts with a block kind (```` ```model m ````).
///
/// Both are copied to the output unchanged; each gives one warning (a `NotebookError` used as a
/// positioned note, printed as `FILE:LINE:COLUMN: warning: MESSAGE (HINT)`), never an error.
enum FenceWarnings {
  /// The engines of other notebook tools (Quarto, R Markdown, Jupyter) whose chunks are copied
  /// unchanged (contract section 1).
  static let foreignEngines: Set<String> = [
    "python", "r", "julia", "bash", "sh", "sql", "js", "ojs", "mermaid", "dot", "octave", "ruby",
  ]

  /// The engine word of a `{…}` info string: the text after `{` (and blanks) up to a blank,
  /// `,` or `}` (`r` in `{r setup, echo=FALSE}`).
  static func engine(_ info: String) -> String {
    guard info.first == "{" else { return "" }
    let rest = info.dropFirst().drop { $0 == " " || $0 == "\t" }
    return String(rest.prefix { $0 != " " && $0 != "\t" && $0 != "," && $0 != "}" })
  }

  /// Whether the `{…}` info string names another tool's engine (exact, lower case as written).
  static func isForeign(_ info: String) -> Bool { foreignEngines.contains(engine(info)) }

  /// The warning for another tool's chunk whose `{` is at `position`.
  static func foreign(_ info: String, at position: SourcePosition) -> NotebookError {
    let engine = engine(info)
    return NotebookError(
      position: position, message: "'{\(engine)}' is another tool's code chunk; copied unchanged, not run",
      hint: "gradbook runs only {data}, {model}, {step}, {graph}, {gradcheck}, {train} and {compare} blocks.")
  }

  /// The warning for a plain fence whose info string's first word is a block kind (```` ```model m ````),
  /// or `nil` when it is not one. `position` is that of the first character of the info string.
  static func plain(_ info: String, at position: SourcePosition) -> NotebookError? {
    let word = String(info.prefix { $0 != " " && $0 != "\t" })
    guard BlockKind(rawValue: word) != nil else { return nil }
    return NotebookError(
      position: position, message: "this code block is not run: its info string '\(info)' has no braces",
      hint: "Did you mean ```{\(info)}?")
  }
}
