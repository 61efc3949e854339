/// Markdown of the guide rendered as plain text for a terminal (`gradbook help`).
///
/// Line by line, keeping the guide's own line breaks:
/// - a fenced code block is kept byte for byte, fences included, indented by
///   two spaces (still a fence, so it can be copied into a notebook); an
///   indented code block is kept as it is;
/// - a heading `## 4. Title` becomes `Title` over a line of `-` (`=` for `#`),
///   a leading section number `4. ` left out;
/// - a table's cells are padded to their column's width, its delimiter row
///   drawn with `-`, the outer pipes dropped;
/// - in other lines, outside code spans: `**x**`, `*x*` and `_x_` (at word
///   boundaries) lose their marks, `[text](target)` becomes `text`, and `\*`
///   becomes `*`. Code spans keep their backticks and their text.
public enum TerminalMarkdown {
  /// `markdown` for the terminal; ends with one newline.
  public static func render(_ markdown: String) -> String {
    var out: [String] = []
    var fence: Substring?
    var table: [[String]] = []
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    func flushTable() {
      if !table.isEmpty { out += renderTable(table) }
      table = []
    }
    for line in lines {
      if let open = fence {
        if let close = fenceRun(line), close.first == open.first, close.count >= open.count,
          line.trimmingLeadingSpaces().dropFirst(close.count).allSatisfy({ $0 == " " })
        {
          fence = nil
        }
        out.append(line.isEmpty ? "" : "  " + line)
        continue
      }
      let trimmed = line.trimmingLeadingSpaces()
      if let run = fenceRun(line) {
        flushTable()
        fence = run
        out.append("  " + line)
        continue
      }
      if trimmed.hasPrefix("|") {
        table.append(cells(trimmed))
        continue
      }
      flushTable()
      if line.hasPrefix("    ") {
        out.append(String(line))
      } else if let heading = heading(line) {
        out.append(heading.text)
        out.append(String(repeating: heading.level == 1 ? "=" : "-", count: heading.text.count))
      } else {
        out.append(inline(line))
      }
    }
    flushTable()
    while out.last?.isEmpty == true { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }

  /// The fence characters opening `line` (CommonMark): up to three spaces, then at
  /// least three backticks or tildes; after backticks, no backtick may follow.
  static func fenceRun(_ line: Substring) -> Substring? {
    let trimmed = line.trimmingLeadingSpaces()
    guard line.count - trimmed.count <= 3, let mark = trimmed.first, mark == "`" || mark == "~" else {
      return nil
    }
    let run = trimmed.prefix { $0 == mark }
    guard run.count >= 3 else { return nil }
    if mark == "`" && trimmed.dropFirst(run.count).contains("`") { return nil }
    return run
  }

  /// The level and text of an ATX heading (`## 4. `step` — x` → 2, `` `step` — x``).
  static func heading(_ line: Substring) -> (level: Int, text: String)? {
    let level = line.prefix { $0 == "#" }.count
    guard level >= 1, level <= 6, line.dropFirst(level).first == " " else { return nil }
    var text = line.dropFirst(level + 1)
    let number = text.prefix { $0.isNumber || $0 == "." }
    if !number.isEmpty, number.last == ".", text.dropFirst(number.count).first == " " {
      text = text.dropFirst(number.count + 1)
    }
    return (level, inline(text))
  }

  /// The cells of a table row `| a | b |`, each without its spaces, rendered inline.
  static func cells(_ row: Substring) -> [String] {
    var body = row.dropFirst()
    if body.hasSuffix("|") { body = body.dropLast() }
    var cells: [String] = []
    var current = ""
    var inCode = false
    var escaped = false
    for c in body {
      if escaped {
        current.append(c)
        escaped = false
      } else if c == "\\" {
        current.append(c)
        escaped = true
      } else if c == "`" {
        inCode.toggle()
        current.append(c)
      } else if c == "|" && !inCode {
        cells.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    cells.append(current)
    return cells.map { inline(Substring(Substring($0).trimmingLeadingSpaces().trimmingTrailingSpaces())) }
  }

  /// A table with each column as wide as its widest cell; a delimiter row
  /// (cells of `-` and `:`) is drawn as dashes of that width.
  static func renderTable(_ rows: [[String]]) -> [String] {
    let isDelimiter: ([String]) -> Bool = { row in
      row.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { $0 == "-" || $0 == ":" } }
    }
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows where !isDelimiter(row) {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return rows.map { row in
      let padded = (0..<columns).map { i -> String in
        if isDelimiter(row) { return String(repeating: "-", count: widths[i]) }
        let cell = i < row.count ? row[i] : ""
        return cell + String(repeating: " ", count: widths[i] - cell.count)
      }
      return "  " + padded.joined(separator: "  ").trimmingTrailingSpaces()
    }
  }

  /// One line of prose without emphasis marks, link targets and backslash escapes;
  /// code spans (any number of backticks) are copied whole.
  static func inline(_ text: Substring) -> String {
    let chars = Array(text)
    var out = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "`" {
        let run = chars[i...].prefix { $0 == "`" }.count
        if let close = closingRun(chars, from: i + run, length: run) {
          out += String(chars[i..<(close + run)])
          i = close + run
        } else {
          out += String(repeating: "`", count: run)
          i += run
        }
      } else if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
        out.append(chars[i + 1])
        i += 2
      } else if c == "*" || c == "_" {
        let run = chars[i...].prefix { $0 == c }.count
        let before = i > 0 ? chars[i - 1] : " "
        let after = i + run < chars.count ? chars[i + run] : " "
        let isMark =
          run <= 3
          && (c == "*"
            ? !(before.isWhitespace && after.isWhitespace)
            : (!before.isLetter && !before.isNumber) || (!after.isLetter && !after.isNumber))
        if !isMark { out += String(repeating: String(c), count: run) }
        i += run
      } else if c == "[", let (label, end) = link(chars, at: i) {
        out += inline(Substring(label))
        i = end
      } else {
        out.append(c)
        i += 1
      }
    }
    return out
  }

  /// The index of the next run of exactly `length` backticks at or after `start`.
  static func closingRun(_ chars: [Character], from start: Int, length: Int) -> Int? {
    var j = start
    while j < chars.count {
      if chars[j] == "`" {
        let run = chars[j...].prefix { $0 == "`" }.count
        if run == length { return j }
        j += run
      } else {
        j += 1
      }
    }
    return nil
  }

  /// `[label](target)` at `i`: the label and the index after `)`.
  static func link(_ chars: [Character], at i: Int) -> (String, Int)? {
    guard let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
      let end = chars[(close + 1)...].firstIndex(of: ")")
    else { return nil }
    return (String(chars[(i + 1)..<close]), end + 1)
  }
}

extension Substring {
  fileprivate func trimmingLeadingSpaces() -> Substring { drop { $0 == " " } }
}

extension StringProtocol {
  fileprivate func trimmingTrailingSpaces() -> String {
    String(String(self).reversed().drop { $0 == " " }.reversed())
  }
}
