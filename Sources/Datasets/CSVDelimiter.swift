/// The cell separator of a `csv` data block (`delimiter:`), overriding the detection from the
/// header line (`CSVReader.delimiter(of:)`).
///
/// Spellings: `","`, `";"`, `"|"`, a tab (`"\t"` in double quotes, or the word `tab`), a space
/// (`" "`, or the word `space`). With `space` every single space separates two cells, as
/// NumPy's `savetxt` writes them; runs of spaces give empty cells, which are an error.
public enum CSVDelimiter: String, Sendable, Equatable, CaseIterable {
  case comma = ","
  case semicolon = ";"
  case tab = "\t"
  case pipe = "|"
  case space = " "

  /// The byte that separates cells.
  public var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first ?? ",") }

  /// The delimiter spelled `text` (see the type's spellings), nil for any other text. A
  /// single-quoted YAML `'\t'` (a backslash and a `t`) is read as a tab too.
  public init?(spelling text: String) {
    switch text {
    case "tab", "\\t": self = .tab
    case "space": self = .space
    default: self.init(rawValue: text)
    }
  }

  /// How the delimiter is written in a notebook: `","`, `";"`, `tab`, `"|"`, `space`.
  public var spelling: String {
    switch self {
    case .tab: "tab"
    case .space: "space"
    case .comma, .semicolon, .pipe: "\"\(rawValue)\""
    }
  }

  /// The accepted spellings for a hint: `",", ";", tab, "|" or space`.
  public static var spellings: String {
    let all = allCases.map(\.spelling)
    return all.dropLast().joined(separator: ", ") + " or " + (all.last ?? "")
  }
}
