import Tensor

/// Reader for numeric comma-separated files with a header row.
///
/// Format: RFC 4180 — cells separated by `,`, rows by `\n` or `\r\n`, a cell may be
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
  ///
  /// Memory: before the file is read, its size twice (the bytes and one
  /// transient UTF-8 check) plus 24 bytes per cell (the features, targets and
  /// the split's copies) is checked against `memoryLimit`, the cell count
  /// extrapolated from the separators in the first 64 KiB; rows are then
  /// parsed straight into the feature storage (no per-row copies of the text).
  /// `delimiter` nil detects the separator from the header line (`delimiter(of:)`).
  static func read(
    path: String, target: String, delimiter: CSVDelimiter? = nil, memoryLimit: Int = .max
  ) throws(DatasetError) -> RawData {
    var cells = 0
    if let size = FileBytes.size(path), size > 0 {
      let sample = try FileBytes.prefix(path, count: 1 << 16, key: "path")
      var separators = 1
      for b in sample
      where b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == 9 || b == UInt8(ascii: "\n")
        || b == delimiter?.byte
      {
        separators += 1
      }
      cells = Int((Double(separators) * Double(size) / Double(max(sample.count, 1))).rounded(.up))
      try MemoryCheck.check(
        2 * Double(size) + 24 * Double(cells), "about \(cells) cells of '\(path)' (\(size) bytes)",
        key: "path", limit: memoryLimit)
    }
    let bytes = try FileBytes.read(path, key: "path")
    guard bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) != nil }) else {
      throw DatasetError("'\(path)' is not UTF-8 text", key: "path")
    }
    return try parse(bytes, target: target, file: path, cells: cells, delimiter: delimiter)
  }

  /// `read` on text already in memory; `file` names it in messages.
  static func parse(
    _ text: String, target: String, file: String, delimiter: CSVDelimiter? = nil
  ) throws(DatasetError) -> RawData {
    try parse(Array(text.utf8), target: target, file: file, cells: 0, delimiter: delimiter)
  }

  /// `read` on UTF-8 bytes; `cells` (an upper bound, or 0) sizes the storage up front.
  static func parse(
    _ bytes: [UInt8], target: String, file: String, cells: Int, delimiter: CSVDelimiter? = nil
  ) throws(DatasetError) -> RawData {
    var names: [String] = []
    var targetIndex = 0
    var rowCount = 0
    var storage = [Double]()
    var values = [Double]()
    let separator = delimiter?.byte ?? CSVReader.delimiter(of: bytes)
    try forEachRow(bytes, file: file, delimiter: separator) { row throws(DatasetError) in
      guard !names.isEmpty else {
        names = row.cells
        targetIndex = try checkHeader(names, target: target, file: file, delimiter: delimiter)
        storage.reserveCapacity(cells)
        values.reserveCapacity(cells / max(names.count, 1) + 1)
        return
      }
      rowCount += 1
      guard row.cells.count == names.count else {
        throw DatasetError(
          "'\(file)' data row \(rowCount) (line \(row.line)) has \(row.cells.count) cells but the header has \(names.count)",
          hint: "Every row needs one cell per column (\(names.joined(separator: ", "))).", key: "path")
      }
      for (c, cell) in row.cells.enumerated() {
        guard let v = Double(cell), v.isFinite else {
          throw DatasetError(
            "'\(file)' data row \(rowCount) (line \(row.line)), column '\(names[c])': \(cell.isEmpty ? "the cell is empty" : "'\(cell)' is not a number")",
            hint: "Every cell must be a finite number; encode categories as numbers.", key: "path")
        }
        if c == targetIndex { values.append(v) } else { storage.append(v) }
      }
    }
    guard !names.isEmpty else {
      throw DatasetError(
        "'\(file)' is empty", hint: "A CSV file needs a header row naming its columns.", key: "path")
    }
    guard rowCount > 0 else {
      throw DatasetError("'\(file)' has a header but no data rows", key: "path")
    }
    return RawData(features: Matrix(rows: rowCount, cols: names.count - 1, storage: storage), values: values)
  }

  /// The index of the `target` column; throws when it is missing, repeated or alone.
  /// `delimiter` is the block's `delimiter:` (nil: detected), for the hint.
  static func checkHeader(
    _ names: [String], target: String, file: String, delimiter: CSVDelimiter? = nil
  ) throws(DatasetError) -> Int {
    let matches = names.indices.filter { names[$0] == target }
    guard let targetIndex = matches.first else {
      throw DatasetError(
        "'\(file)' has no column '\(target)'; its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))",
        hint: joinedHeaderHint(names, delimiter: delimiter)
          ?? NameSuggestion.closest(to: target, among: names).map { "Did you mean '\($0)'?" }
          ?? "Set 'target' to one of these column names.",
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
    return targetIndex
  }

  /// One non-blank row: its 1-based line number and trimmed cells.
  struct Row {
    var line: Int
    var cells: [String]
  }

  /// Splits `text` into rows of trimmed cells, honouring quotes (a quoted cell may
  /// hold commas and line breaks). Blank lines are dropped.
  static func splitRows(_ text: String, file: String) throws(DatasetError) -> [Row] {
    var rows: [Row] = []
    let bytes = Array(text.utf8)
    try forEachRow(bytes, file: file, delimiter: delimiter(of: bytes)) { row throws(DatasetError) in
      rows.append(row)
    }
    return rows
  }

  /// Calls `body` with each non-blank row of `bytes`, in order, as `splitRows` splits them;
  /// only one row's cells are held at a time.
  static func forEachRow(
    _ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","),
    _ body: (Row) throws(DatasetError) -> Void
  ) throws(DatasetError) {
    var cells: [String] = []
    var cell: [UInt8] = []
    var quoted = false
    var inQuotes = false
    var line = 1
    var rowLine = 1
    func finishCell() {
      let s = String(decoding: cell, as: UTF8.self)
      cells.append(quoted ? s : trim(s))
      cell.removeAll(keepingCapacity: true)
      quoted = false
    }
    func finishRow() throws(DatasetError) {
      finishCell()
      if !(cells.count == 1 && cells[0].isEmpty) { try body(Row(line: rowLine, cells: cells)) }
      cells.removeAll(keepingCapacity: true)
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
        try finishRow()
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
    try finishRow()
  }

  /// The cell separator: `,`, unless the first non-blank line holds no `,` (outside quotes)
  /// but a `;` (then `;`) or a tab (then tab).
  static func delimiter(of bytes: [UInt8]) -> UInt8 {
    var inQuotes = false
    var seen: Set<UInt8> = []
    for b in bytes {
      if b == UInt8(ascii: "\n") {
        if seen.contains(where: { $0 != UInt8(ascii: " ") && $0 != 9 && $0 != 13 }) { break }
        seen = []
        continue
      }
      if b == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes { seen.insert(b) }
    }
    if seen.contains(UInt8(ascii: ",")) { return UInt8(ascii: ",") }
    if seen.contains(UInt8(ascii: ";")) { return UInt8(ascii: ";") }
    if seen.contains(9) { return 9 }
    return UInt8(ascii: ",")
  }

  /// `delimiter(of:)` of a text's UTF-8 bytes.
  static func delimiter(of text: String) -> UInt8 { delimiter(of: Array(text.utf8)) }

  /// A hint when the header is one column that looks like several joined by another separator
  /// (`hours|score|passed`, `hours score passed`), else `nil`. Without `delimiter:` (`delimiter`
  /// nil) it names the `delimiter:` to write when there is one for that separator; with one,
  /// it says which delimiter was used.
  static func joinedHeaderHint(_ names: [String], delimiter: CSVDelimiter? = nil) -> String? {
    guard names.count == 1, let only = names.first else { return nil }
    if let delimiter {
      let other = CSVDelimiter.allCases.first { $0 != delimiter && only.contains($0.rawValue) }
      return "The header reads as one column split at \(delimiter.spelling)"
        + (other.map { "; the file seems to use \($0.spelling): write `delimiter: \($0.spelling)`." } ?? ".")
    }
    guard let separator = ["|", " ", ":"].first(where: { only.contains($0) }) else { return nil }
    let fix =
      CSVDelimiter(rawValue: separator).map { "write `delimiter: \($0.spelling)`" }
      ?? "save the file as comma-separated"
    return "The header reads as one column; gradbook separates cells with ',' (or ';' or a tab), "
      + "not '\(separator)': \(fix)."
  }

  static func trim(_ s: String) -> String {
    var sub = Substring(s)
    while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
    while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
    return String(sub)
  }
}
