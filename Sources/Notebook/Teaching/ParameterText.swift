/// Substitution of `${name}` in text (contract section 13).
///
/// A reference is `${NAME}` or `${NAME:-fallback}`; only declared parameter names are replaced
/// (the fallback is ignored then: a parameter always has a value). Any other `${VAR}` is left as
/// written, so environment variables in data paths still work (a parameter of the same name
/// wins because it is replaced first).
public enum ParameterText {
  /// One replaced reference: where it was (scalar offsets in the original text), how long it was,
  /// and how long its replacement is.
  public struct Replacement: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var replacementLength: Int
    public var name: String
  }

  /// The parameter named by a reference starting at `u[start]` (`$`), and the reference's length.
  static func reference(in u: [Unicode.Scalar], at start: Int, values: ParameterValues) -> (
    ParameterValues.Entry, Int
  )? {
    guard start + 2 < u.count, u[start] == "$", u[start + 1] == "{" else { return nil }
    var j = start + 2
    while j < u.count && u[j] != "}" && u[j] != ":" { j += 1 }
    let name = String(String.UnicodeScalarView(u[(start + 2)..<min(j, u.count)]))
    guard let entry = values[name] else { return nil }
    if j < u.count && u[j] == ":" {
      guard j + 1 < u.count, u[j + 1] == "-" else { return nil }
      while j < u.count && u[j] != "}" { j += 1 }
    }
    guard j < u.count else { return nil }
    return (entry, j + 1 - start)
  }

  /// `text` with every declared reference replaced by its value's text, and the replacements.
  public static func substitute(_ text: String, _ values: ParameterValues) -> (String, [Replacement]) {
    guard !values.entries.isEmpty, text.contains("${") else { return (text, []) }
    let u = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var replacements: [Replacement] = []
    var i = 0
    while i < u.count {
      if let (entry, length) = reference(in: u, at: i, values: values) {
        let value = entry.text.unicodeScalars
        replacements.append(
          Replacement(offset: i, length: length, replacementLength: value.count, name: entry.name))
        out.append(contentsOf: value)
        i += length
      } else {
        out.append(u[i])
        i += 1
      }
    }
    return (String(out), replacements)
  }

  /// The whole-text reference: the entry when `text` is exactly one `${name}` (or
  /// `${name:-…}`) of a declared parameter, else `nil`.
  public static func wholeReference(_ text: String, _ values: ParameterValues) -> ParameterValues.Entry? {
    let u = Array(text.unicodeScalars)
    guard let (entry, length) = reference(in: u, at: 0, values: values), length == u.count else { return nil }
    return entry
  }

  /// Maps a 1-based column of substituted text back to the original: a column inside a
  /// replacement maps to the `$` of its reference; columns after it shift back.
  public static func originalColumn(_ column: Int, _ replacements: [Replacement]) -> Int {
    var shift = 0
    for r in replacements.sorted(by: { $0.offset < $1.offset }) {
      let start = r.offset + 1 + shift  // 1-based column of the replacement in the new text
      if column < start { break }
      if column < start + r.replacementLength { return r.offset + 1 }
      shift += r.replacementLength - r.length
    }
    return column - shift
  }
}
