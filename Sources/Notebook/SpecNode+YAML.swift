import Yams

/// Maps a position in the YAML text handed to Yams (1-based line and column) to the notebook.
struct YAMLPositionMap: Sendable {
  /// Origin of each YAML line.
  var lines: [BodyLineOrigin]
  /// For lines past `lines`: notebook line of YAML line 1 and the column offset.
  var fallbackFirstLine: Int
  var fallbackColumnOffset: Int
  /// Columns (in original YAML line coordinates) before which `ExpectQuoting` inserted a quote,
  /// per 0-based YAML line.
  var insertions: [Int: [Int]] = [:]

  func position(line: Int, column: Int) -> SourcePosition {
    var c = column
    if let inserted = insertions[line - 1] {
      var shift = 0
      for q in inserted.sorted() {
        if c > q + shift { shift += 1 } else { break }
      }
      c -= shift
    }
    if line >= 1 && line <= lines.count {
      let o = lines[line - 1]
      if c <= o.insertedSpaces { return SourcePosition(line: o.sourceLine, column: max(1, o.baseColumn - 1)) }
      return SourcePosition(line: o.sourceLine, column: o.baseColumn + c - o.insertedSpaces - 1)
    }
    return SourcePosition(line: fallbackFirstLine + line - 1, column: c + fallbackColumnOffset)
  }
}

extension SpecNode {
  /// Parses a block body as a YAML mapping, positioned in the notebook.
  ///
  /// * The header's `key=value` options are merged in as scalars at the value's position, before
  ///   the body's keys; the body wins on conflict.
  /// * An empty body (or only comments) is an empty mapping.
  /// * The top-level node is positioned at the block's opening fence, so "missing key" errors
  ///   point at the block.
  /// * YAML syntax errors are reported at the notebook line and column; a top level that is not a
  ///   mapping is an error.
  /// * Values of an `expect:` mapping written `[[…]] ± tol` or `>= x` are quoted before parsing
  ///   (see `ExpectQuoting`); positions are unaffected.
  /// * `${name}` of the block's parameters is substituted in values (header values included),
  ///   see `substitutingParameters(_:)`.
  ///
  /// `startingAtBodyLine` (1-based) parses only the body from that line on — for a `graph` block,
  /// whose assignments end at a line `expect:` that starts the YAML part.
  public static func parseBody(_ block: BlockSource, startingAtBodyLine: Int = 1) throws(NotebookError)
    -> SpecNode
  {
    let all =
      block.bodyLineCount == 0
      ? [] : block.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = min(max(startingAtBodyLine, 1) - 1, all.count)
    let map = YAMLPositionMap(
      lines: Array(block.bodyOrigins.dropFirst(first)), fallbackFirstLine: block.bodyStartLine + first,
      fallbackColumnOffset: block.bodyIndent)
    let blockPosition = SourcePosition(line: block.line, column: block.column)
    let parsed = try parse(lines: Array(all[first...]), map: map, emptyPosition: blockPosition)
    var entries: [Entry]
    switch parsed.value {
    case .mapping(let e): entries = e
    case .null: entries = []
    default:
      throw NotebookError(
        position: parsed.position,
        message: "the block body must be a YAML mapping (key: value lines), got \(parsed.describedValue)",
        hint: "Write one option per line, e.g. 'model: mlp'.")
    }
    let bodyKeys = Set(entries.map(\.key))
    let fromHeader = block.attributes.filter { !bodyKeys.contains($0.key) }.map {
      Entry(
        key: $0.key, keyPosition: $0.position,
        value: SpecNode(.scalar($0.value, plain: true), at: $0.valuePosition))
    }
    entries = fromHeader + entries
    return SpecNode(.mapping(entries), at: blockPosition).substitutingParameters(block.parameters)
  }

  /// Parses YAML `text` whose first line is notebook line `firstLine` and whose columns are
  /// shifted right by `columnOffset` (so YAML column c is notebook column c + columnOffset).
  /// Empty text (or only comments) gives null at (`firstLine`, `columnOffset + 1`). Values of an
  /// `expect:` mapping are quoted as in `parseBody`.
  public static func parseYAML(_ text: String, firstLine: Int, columnOffset: Int) throws(NotebookError)
    -> SpecNode
  {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let map = YAMLPositionMap(lines: [], fallbackFirstLine: firstLine, fallbackColumnOffset: columnOffset)
    return try parse(
      lines: lines, map: map, emptyPosition: SourcePosition(line: firstLine, column: columnOffset + 1))
  }

  private static func parse(lines: [String], map: YAMLPositionMap, emptyPosition: SourcePosition)
    throws(NotebookError) -> SpecNode
  {
    var map = map
    let quoted = ExpectQuoting.apply(lines)
    map.insertions = quoted.insertions
    // Lines end with a line break, as in a YAML file (a final `|` block keeps its newline).
    let yaml = quoted.lines.map { $0 + "\n" }.joined()
    let root: Yams.Node?
    do {
      root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
    } catch let e as YamlError {
      throw translate(e, map: map, yaml: quoted.lines)
    } catch {
      throw NotebookError(position: emptyPosition, message: "invalid YAML: \(error)")
    }
    guard let root else { return SpecNode(.null, at: emptyPosition) }
    try checkValueCount(root, limit: maximumValues + yaml.utf8.count, map: map, fallback: emptyPosition)
    return try convert(root, map: map, fallback: emptyPosition)
  }

  /// Values (scalars, lists and mappings) a YAML text may expand to beyond
  /// one per byte of text: aliases (`*a`) repeat their anchor's value, so 9
  /// nested levels of 9 aliases would build 9⁹ values (gigabytes).
  public static let maximumValues = 100_000

  /// Throws when `root` holds more than `limit` values once aliases are
  /// expanded, before any value is built. Counting stops at the limit, so
  /// the check costs at most `limit` steps. The error points at the
  /// top-level key whose value crosses the limit (the root otherwise).
  private static func checkValueCount(
    _ root: Yams.Node, limit: Int, map: YAMLPositionMap, fallback: SourcePosition
  ) throws(NotebookError) {
    var count = 0
    func visit(_ node: Yams.Node) -> Bool {
      count += 1
      if count > limit { return false }
      switch node {
      case .scalar, .alias: return true
      case .sequence(let seq): return seq.allSatisfy(visit)
      case .mapping(let mapping): return mapping.allSatisfy { visit($0.key) && visit($0.value) }
      }
    }
    func position(_ node: Yams.Node) -> SourcePosition {
      node.mark.map { map.position(line: $0.line, column: $0.column) } ?? fallback
    }
    var culprit = root
    if case .mapping(let mapping) = root {
      count = 1
      for (k, v) in mapping where !(visit(k) && visit(v)) {
        culprit = k
        break
      }
    } else {
      _ = visit(root)
    }
    guard count > limit else { return }
    let name = culprit.scalar.map { "the value of '\($0.string)'" } ?? "this YAML"
    throw NotebookError(
      position: position(culprit),
      message: "\(name) expands to more than \(limit) values (its aliases '*' repeat their anchors)",
      hint: "Write the values out, or use fewer nested aliases; a block body may hold at most "
        + "\(maximumValues) values beyond one per character of its text.")
  }

  private static func convert(_ node: Yams.Node, map: YAMLPositionMap, fallback: SourcePosition)
    throws(NotebookError) -> SpecNode
  {
    let position = node.mark.map { map.position(line: $0.line, column: $0.column) } ?? fallback
    switch node {
    case .scalar(let s):
      if s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) {
        return SpecNode(.null, at: position)
      }
      return SpecNode(.scalar(s.string, plain: s.style == .plain), at: position)
    case .sequence(let seq):
      var elements: [SpecNode] = []
      for element in seq { elements.append(try convert(element, map: map, fallback: position)) }
      return SpecNode(.sequence(elements), at: position)
    case .mapping(let mapping):
      var entries: [Entry] = []
      for (k, v) in mapping {
        let keyPosition = k.mark.map { map.position(line: $0.line, column: $0.column) } ?? position
        guard case .scalar(let keyScalar) = k else {
          throw NotebookError(
            position: keyPosition, message: "a key must be plain text, not a list or mapping")
        }
        entries.append(
          Entry(
            key: keyScalar.string, keyPosition: keyPosition,
            value: try convert(v, map: map, fallback: keyPosition)))
      }
      return SpecNode(.mapping(entries), at: position)
    case .alias:
      throw NotebookError(position: position, message: "YAML aliases are not supported here")
    }
  }

  /// A Yams error as a notebook error, with a hint for the usual mistakes.
  private static func translate(_ e: YamlError, map: YAMLPositionMap, yaml: [String]) -> NotebookError {
    func at(_ mark: Mark) -> SourcePosition {
      // libyaml puts the end of the text on the line after the last one, which may not exist
      // (an unclosed block at the end of the notebook): point just after the last line instead.
      if mark.line > yaml.count, let last = yaml.last {
        return map.position(line: yaml.count, column: last.unicodeScalars.count + 1)
      }
      return map.position(line: mark.line, column: mark.column)
    }
    switch e {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var hint: String?
      var position = at(mark)
      let character = character(in: yaml, line: mark.line, column: mark.column)
      if problem.contains("did not find expected ',' or ']'")
        || problem.contains("did not find expected ',' or '}'"),
        let context
      {
        // An unclosed flow collection: the parser only notices at the next
        // token (often on the next line); point at the opening bracket.
        position = at(context.mark)
        let list = problem.hasSuffix("']'")
        hint =
          "Close the \(list ? "list" : "mapping") opened here with '\(list ? "]" : "}")', and separate its items with ','."
      } else if problem.contains("tab") || character == "\t" {
        hint = "Indent YAML with spaces, not tabs."
      } else if problem.contains("mapping values are not allowed") {
        hint = "Check the indentation of this line, and quote a value that contains ': '."
      } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-'")
      {
        hint = "Check the indentation: the entries of one mapping or list must start in the same column."
      } else if let context {
        let p = at(context.mark)
        hint = "The problem is \(context.text) that started at line \(p.line), column \(p.column)."
      }
      return NotebookError(position: position, message: "invalid YAML: \(problem)", hint: hint)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let first = at(context.mark)
      let second =
        secondOccurrence(of: key, after: context.mark, in: yaml).map {
          map.position(line: $0.line, column: $0.column)
        }
        ?? first
      return NotebookError(
        position: second, message: "duplicate key '\(key)'",
        hint: second == first
          ? "Each key may appear once in a mapping." : "'\(key)' is already given at line \(first.line).")
    case .reader(let problem, _, _, _):
      return NotebookError(
        position: map.position(line: 1, column: 1), message: "invalid YAML text: \(problem)")
    default:
      return NotebookError(position: map.position(line: 1, column: 1), message: "invalid YAML: \(e)")
    }
  }

  private static func character(in yaml: [String], line: Int, column: Int) -> Unicode.Scalar? {
    guard line >= 1 && line <= yaml.count else { return nil }
    let u = Array(yaml[line - 1].unicodeScalars)
    return column >= 1 && column <= u.count ? u[column - 1] : nil
  }

  /// The next line after `mark` where `key:` starts at the same column (Yams reports the first).
  private static func secondOccurrence(of key: String, after mark: Mark, in yaml: [String]) -> (
    line: Int, column: Int
  )? {
    guard mark.line >= 1 else { return nil }
    var index = mark.line
    while index < yaml.count {
      let u = Array(yaml[index].unicodeScalars)
      let start = mark.column - 1
      if start >= 0 && start < u.count {
        let rest = String(String.UnicodeScalarView(u[start...]))
        let prefixOK = u[0..<start].allSatisfy { $0 == " " || $0 == "-" }
        if prefixOK
          && (rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':"))
        {
          return (index + 1, mark.column)
        }
      }
      index += 1
    }
    return nil
  }
}
