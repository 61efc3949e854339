/// Makes the contract's `expect:` forms valid YAML before the body is parsed, without moving
/// anything: only single quotes are inserted, and their columns are recorded so positions are
/// mapped back exactly.
///
/// Inside a mapping introduced by a line `expect:` (every following line indented more than it),
/// an entry `KEY: VALUE` is rewritten when VALUE is
///
/// * a flow list followed by a tolerance: `[[-0.1005, -0.2010], [-0.1206, -0.2412]] ± 1e-4`
///   (also `+-` or `+/-`; the list may span lines) → `'[[…]] ± 1e-4'`. As written it is invalid
///   YAML (a flow sequence followed by text);
/// * a comparison starting with `>`: `>= 0.95`, `> 0.9` → `'>= 0.95'`. As written YAML would read
///   `>` as the start of a folded block scalar.
///
/// * (on any line) a parameter reference `${name}` that is an item of a flow list or mapping →
///   `'${name}'` (see `flowParameterQuotes`);
/// * a bare `?` (an unanswered check, section 11) → `'?'`. As written YAML would read it as a
///   complex-key indicator.
///
/// Everything else is left alone (`0.2244 ± 1e-4` and `"<= 0.5"` are already valid YAML). Values
/// holding a quote character are never rewritten.
enum ExpectQuoting {
  /// The rewritten lines and, per 0-based line, the 1-based columns (in the original line)
  /// before which a `'` was inserted.
  static func apply(_ lines: [String]) -> (lines: [String], insertions: [Int: [Int]]) {
    var text = lines.map { Array($0.unicodeScalars) }
    var insertions: [Int: [Int]] = [:]
    var expectIndent: Int?
    var i = 0
    while i < text.count {
      let line = text[i]
      let indent = line.prefix(while: { $0 == " " }).count
      if indent == line.count || line[indent] == "#" || isBlank(line[indent...]) {
        i += 1
        continue
      }
      if let e = expectIndent, indent > e {
        if let valueStart = entryValueStart(line, from: indent) {
          if line[valueStart] == "[", let end = flowListWithTolerance(text, line: i, column: valueStart) {
            insertions[i, default: []].append(valueStart + 1)
            insertions[end.line, default: []].append(end.column + 1)
            i = end.line + 1
            continue
          }
          if line[valueStart] == "?",
            isBlank(line[(valueStart + 1)...]) || commentFollows(line, valueStart + 1)
          {
            insertions[i, default: []].append(valueStart + 1)
            insertions[i, default: []].append(valueStart + 2)
          }
          if line[valueStart] == ">", let end = comparisonEnd(line, from: valueStart) {
            insertions[i, default: []].append(valueStart + 1)
            insertions[i, default: []].append(end + 1)
          }
        }
      } else {
        expectIndent = isExpectLine(line[indent...]) ? indent : nil
      }
      i += 1
    }
    for (lineIndex, line) in text.enumerated() where insertions[lineIndex] == nil {
      let columns = flowParameterQuotes(line)
      if !columns.isEmpty { insertions[lineIndex] = columns }
    }
    for (lineIndex, columns) in insertions {
      for c in columns.sorted(by: >) { text[lineIndex].insert("'", at: c - 1) }
    }
    return (text.map { String(String.UnicodeScalarView($0)) }, insertions)
  }

  /// Columns (1-based) before which quotes make each `${name}` standing as an item of a flow
  /// collection (`[${w}, 0.25]`, `{a: ${x}}`) a quoted scalar: unquoted, YAML reads its `{` as a
  /// flow mapping. The parameter is still substituted (section 13), as a number when its value is
  /// one.
  private static func flowParameterQuotes(_ s: [Unicode.Scalar]) -> [Int] {
    var columns: [Int] = []
    var i = 0
    while i + 1 < s.count {
      guard s[i] == "$", s[i + 1] == "{", let close = s[(i + 2)...].firstIndex(of: "}") else {
        i += 1
        continue
      }
      var before = i - 1
      while before >= 0 && isSpace(s[before]) { before -= 1 }
      var after = close + 1
      while after < s.count && isSpace(s[after]) { after += 1 }
      let opens =
        before >= 0
        && (s[before] == "[" || s[before] == "," || (s[before] == ":" && s[..<before].contains("{")))
      let closes = after < s.count && (s[after] == "," || s[after] == "]" || s[after] == "}")
      if opens && closes && !s[(i + 2)..<close].contains(where: { $0 == "'" || $0 == "\"" }) {
        columns += [i + 1, close + 2]
      }
      i = close + 1
    }
    return columns
  }

  /// Whether only spaces and then a `#` comment follow index `from` (at least one space first).
  private static func commentFollows(_ s: [Unicode.Scalar], _ from: Int) -> Bool {
    var j = from
    while j < s.count && isSpace(s[j]) { j += 1 }
    return j > from && j < s.count && s[j] == "#"
  }

  private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" }
  private static func isBlank(_ s: ArraySlice<Unicode.Scalar>) -> Bool { s.allSatisfy(isSpace) }

  /// `expect:` with optional spaces and a comment.
  private static func isExpectLine(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    let word = Array("expect".unicodeScalars)
    guard s.count > word.count, Array(s.prefix(word.count)) == word else { return false }
    var j = s.startIndex + word.count
    while j < s.endIndex && isSpace(s[j]) { j += 1 }
    guard j < s.endIndex && s[j] == ":" else { return false }
    j += 1
    while j < s.endIndex && isSpace(s[j]) { j += 1 }
    return j == s.endIndex || s[j] == "#"
  }

  /// Index of the first character of the value of `KEY: VALUE` (plain or quoted key), or `nil`.
  private static func entryValueStart(_ line: [Unicode.Scalar], from start: Int) -> Int? {
    var j = start
    if line[j] == "\"" || line[j] == "'" {
      let q = line[j]
      j += 1
      while j < line.count && line[j] != q { j += 1 }
      guard j < line.count else { return nil }
      j += 1
      while j < line.count && isSpace(line[j]) { j += 1 }
      guard j < line.count && line[j] == ":" else { return nil }
    } else {
      while j < line.count && !(line[j] == ":" && (j + 1 == line.count || isSpace(line[j + 1]))) { j += 1 }
      guard j < line.count else { return nil }
    }
    j += 1
    while j < line.count && isSpace(line[j]) { j += 1 }
    guard j < line.count && line[j] != "#" else { return nil }
    return j
  }

  /// For a flow list starting at (`line`, `column`) and followed by `± TOL`: the position just
  /// after `TOL` (0-based line and index). `nil` when the value has another form.
  private static func flowListWithTolerance(_ text: [[Unicode.Scalar]], line: Int, column: Int)
    -> (line: Int, column: Int)?
  {
    var depth = 0
    var l = line
    var c = column
    // Find the matching ']'.
    scan: while l < text.count {
      while c < text[l].count {
        switch text[l][c] {
        case "[": depth += 1
        case "]":
          depth -= 1
          if depth == 0 { break scan }
        case "'", "\"", "#", "{", "}": return nil
        default: break
        }
        c += 1
      }
      l += 1
      c = 0
    }
    guard l < text.count, depth == 0 else { return nil }
    let s = text[l]
    var j = c + 1
    while j < s.count && isSpace(s[j]) { j += 1 }
    if j < s.count && s[j] == "±" {
      j += 1
    } else if j + 1 < s.count && s[j] == "+" && s[j + 1] == "-" {
      j += 2
    } else if j + 2 < s.count && s[j] == "+" && s[j + 1] == "/" && s[j + 2] == "-" {
      j += 3
    } else {
      return nil
    }
    while j < s.count && isSpace(s[j]) { j += 1 }
    let tokenStart = j
    while j < s.count && !isSpace(s[j]) && s[j] != "#" {
      if s[j] == "'" || s[j] == "\"" { return nil }
      j += 1
    }
    guard j > tokenStart else { return nil }
    let end = j
    while j < s.count && isSpace(s[j]) { j += 1 }
    guard j == s.count || s[j] == "#" else { return nil }
    return (l, end)
  }

  /// For `> x` or `>= x` starting at `start`: the index just after `x`. `nil` for a block scalar
  /// header such as `>-` or for other text.
  private static func comparisonEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
    var j = start + 1
    if j < s.count && s[j] == "=" { j += 1 }
    while j < s.count && isSpace(s[j]) { j += 1 }
    let tokenStart = j
    while j < s.count && !isSpace(s[j]) && s[j] != "#" {
      if s[j] == "'" || s[j] == "\"" { return nil }
      j += 1
    }
    guard j > tokenStart else { return nil }
    if s[tokenStart..<j].allSatisfy({ $0 == "-" || $0 == "+" }) { return nil }
    let end = j
    while j < s.count && isSpace(s[j]) { j += 1 }
    guard j == s.count || s[j] == "#" else { return nil }
    return end
  }
}
