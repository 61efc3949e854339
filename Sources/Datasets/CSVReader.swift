import Tensor

/// Reader for numeric comma-separated files with a header row.
///
/// Format: RFC 4180 — cells separated by `,` (or by `;` or a tab when the header line holds
/// no `,` but one of those: the dialects spreadsheets write), rows by `\n` or `\r\n`, a cell may be
/// quoted with `"` (a doubled `""` inside stands for one quote). Blank lines are
/// skipped. The first non-blank line is the header; every later line is a data row
/// with exactly as many cells as the header. Cells are trimmed of spaces and tabs and
/// must parse as finite numbers (`1`, `-2.5`, `3e-4`).
enum CSVReader {
  /// The rows of `path`: features = every column but `target`, in file order;
  /// targets = the `target` column. Labels are set when every target is a whole number.
  ///
  /// Errors name the file and: the missing target column (listing the columns),
  /// the line and column of a non-numeric cell, a row with the wrong cell count.
  static func read(path: String, target: String) throws(DatasetError) -> RawData {
    let bytes = try FileBytes.read(path, key: "path")
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw DatasetError("'\(path)' is not UTF-8 text", key: "path")
    }
    return try parse(text, target: target, file: path)
  }

  /// `read` on text already in memory; `file` names it in messages.
  static func parse(_ text: String, target: String, file: String) throws(DatasetError) -> RawData {
    let lines = try splitRows(text, file: file, delimiter: delimiter(of: text))
    guard let header = lines.first else {
      throw DatasetError(
        "'\(file)' is empty", hint: "A CSV file needs a header row naming its columns.", key: "path")
    }
    let names = header.cells
    let matches = names.indices.filter { names[$0] == target }
    guard let targetIndex = matches.first else {
      throw DatasetError(
        "'\(file)' has no column '\(target)'; its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))",
        hint: joinedHeaderHint(names) ?? NameSuggestion.closest(to: target, among: names).map {
          "Did you mean '\($0)'?"
        } ?? "Set 'target' to one of these column names.",
        key: "target")
    }
    guard matches.count == 1 else {
      throw DatasetError(
        "'\(file)' has \(matches.count) columns named '\(target)' (columns \(matches.map { $0 + 1 }))",
        hint: "Rename the columns so that the target is unique.", key: "target")
    }
    guard names.count >= 2 else {
      throw DatasetError(
        "'\(file)' has only the target column '\(target)' and no feature column", key: "path")
    }
    let rows = lines.dropFirst()
    guard !rows.isEmpty else {
      throw DatasetError("'\(file)' has a header but no data rows", key: "path")
    }
    let d = names.count - 1
    var storage = [Double]()
    storage.reserveCapacity(rows.count * d)
    var values = [Double]()
    values.reserveCapacity(rows.count)
    for (r, row) in rows.enumerated() {
      guard row.cells.count == names.count else {
        throw DatasetError(
          "'\(file)' data row \(r + 1) (line \(row.line)) has \(row.cells.count) cells but the header has \(names.count)",
          hint: "Every row needs one cell per column (\(names.joined(separator: ", "))).", key: "path")
      }
      for (c, cell) in row.cells.enumerated() {
        guard let v = Double(cell), v.isFinite else {
          throw DatasetError(
            "'\(file)' data row \(r + 1) (line \(row.line)), column '\(names[c])': \(cell.isEmpty ? "the cell is empty" : "'\(cell)' is not a number")",
            hint: "Every cell must be a finite number; encode categories as numbers.", key: "path")
        }
        if c == targetIndex { values.append(v) } else { storage.append(v) }
      }
    }
    return RawData(features: Matrix(rows: rows.count, cols: d, storage: storage), values: values)
  }

  /// One non-blank row: its 1-based line number and trimmed cells.
  struct Row {
    var line: Int
    var cells: [String]
  }

  /// Splits `text` into rows of trimmed cells, honouring quotes (a quoted cell may
  /// hold commas and line breaks). Blank lines are dropped.
  static func splitRows(
    _ text: String, file: String, delimiter: UInt8 = UInt8(ascii: ",")
  ) throws(DatasetError) -> [Row] {
    var rows: [Row] = []
    var cells: [String] = []
    var cell: [UInt8] = []
    var quoted = false
    var inQuotes = false
    var line = 1
    var rowLine = 1
    let bytes = Array(text.utf8)
    func finishCell() {
      let s = String(decoding: cell, as: UTF8.self)
      cells.append(quoted ? s : trim(s))
      cell.removeAll(keepingCapacity: true)
      quoted = false
    }
    func finishRow() {
      finishCell()
      if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(line: rowLine, cells: cells)) }
      cells.removeAll()
    }
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == UInt8(ascii: "\"") {
          if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
            cell.append(b)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if b == UInt8(ascii: "\n") { line += 1 }
          cell.append(b)
        }
      } else if b == UInt8(ascii: "\"") && cell.allSatisfy({ $0 == 32 || $0 == 9 }) {
        cell.removeAll()
        inQuotes = true
        quoted = true
      } else if b == delimiter {
        finishCell()
      } else if b == UInt8(ascii: "\n") {
        finishRow()
        line += 1
        rowLine = line
      } else if b != UInt8(ascii: "\r") {
        cell.append(b)
      }
      i += 1
    }
    if inQuotes {
      throw DatasetError(
        "'\(file)' line \(rowLine): a quoted cell is never closed", hint: "Add the closing '\"'.",
        key: "path")
    }
    finishRow()
    return rows
  }

  /// The cell separator: `,`, unless the first non-blank line holds no `,` (outside quotes)
  /// but a `;` (then `;`) or a tab (then tab).
  static func delimiter(of text: String) -> UInt8 {
    let firstLine = text.split(separator: "\n").first { !trim(String($0)).isEmpty }.map(String.init) ?? ""
    var inQuotes = false
    var seen: Set<UInt8> = []
    for b in firstLine.utf8 {
      if b == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes { seen.insert(b) }
    }
    if seen.contains(UInt8(ascii: ",")) { return UInt8(ascii: ",") }
    if seen.contains(UInt8(ascii: ";")) { return UInt8(ascii: ";") }
    if seen.contains(9) { return 9 }
    return UInt8(ascii: ",")
  }

  /// A hint when the header is one column that looks like several joined by another separator
  /// (`hours|score|passed`, `hours score passed`), else `nil`.
  static func joinedHeaderHint(_ names: [String]) -> String? {
    guard names.count == 1, let only = names.first,
      let separator = ["|", " ", ":"].first(where: { only.contains($0) })
    else { return nil }
    return "The header reads as one column; gradbook separates cells with ',' (or ';' or a tab), "
      + "not '\(separator)': save the file as comma-separated."
  }

  static func trim(_ s: String) -> String {
    var sub = Substring(s)
    while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
    while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
    return String(sub)
  }
}
