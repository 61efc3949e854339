/// The source of a `student=question` or `student=hide` block as the student sees it (contract
/// section 11): a question's `expect:` values become a bare `?` (value and tolerance) and its
/// `printed:` entries go; a hidden block loses its `expect:` and `printed:` entries. Everything
/// else is kept byte for byte.
///
/// The `expect:` keys are read by parsing the entry's YAML, so a flow mapping
/// (`expect: {loss: 0.5}`) is rewritten to block form; an entry that does not parse is removed
/// (fail closed: nothing of it can leak).
public enum StudentRewrite {
  /// What happens to body lines: kept, removed, or replaced by other lines (without prefix).
  enum Edit {
    case remove
    case replace([String])
  }

  /// The edits of `block` under `mode`, by 0-based body line (the first line of an entry holds the
  /// replacement; its other lines are removed).
  static func edits(_ block: BlockSource, mode: StudentMode) -> [Int: Edit] {
    if mode == .show { return [:] }
    let entries = CheckEntries(of: block)
    var edits: [Int: Edit] = [:]
    for span in entries.spans {
      for i in span.lines { edits[i] = .remove }
      guard mode == .question, span.key == "expect" else { continue }
      let text = span.lines.map { entries.lines[$0] }.joined(separator: "\n")
      guard let node = try? SpecNode.parseYAML(text, firstLine: 1, columnOffset: 0),
        let expect = node["expect"]
      else { continue }
      let keys = expect.entries().map(\.key)
      edits[span.lines.lowerBound] = .replace(["expect:"] + keys.map { "  \(quotedKey($0)): ?" })
    }
    return edits
  }

  /// `key` as a YAML mapping key: plain when it is made of letters, digits and `_ . / - [ ]`
  /// (not starting with `-`, `[` or a digit-only word issue), else double-quoted.
  static func quotedKey(_ key: String) -> String {
    let plain = key.unicodeScalars.allSatisfy {
      $0.isASCIILetter || $0.isASCIIDigit || "_./-=".unicodeScalars.contains($0)
    }
    if plain, let first = key.unicodeScalars.first, first.isASCIILetter { return key }
    return "\""
      + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  /// The block's body as the student sees it (lines joined with `\n`).
  public static func body(_ block: BlockSource, mode: StudentMode) -> String {
    let edits = edits(block, mode: mode)
    if edits.isEmpty { return block.body }
    let lines =
      block.bodyLineCount == 0 ? [] : block.body.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for (i, line) in lines.enumerated() {
      switch edits[i] {
      case nil: out.append(String(line))
      case .remove: break
      case .replace(let new): out += new
      }
    }
    return out.joined(separator: "\n")
  }

  /// The block's full source text (fences included) as the student sees it. Body line `n` is
  /// line `n + 1` of `rawText`; the text before a body line's content (a list item's
  /// indentation) is repeated on replacement lines.
  public static func rawText(_ block: BlockSource, mode: StudentMode) -> String {
    let edits = edits(block, mode: mode)
    if edits.isEmpty { return block.rawText }
    let raw = splitKeepingEndings(block.rawText)
    let body = block.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard raw.count >= block.bodyLineCount + 1 else { return fallback(block, mode: mode) }
    var out = raw[0].text + raw[0].ending
    for (n, line) in raw.enumerated().dropFirst() {
      let i = n - 1
      guard i < block.bodyLineCount, let edit = edits[i] else {
        out += line.text + line.ending
        continue
      }
      guard case .replace(let new) = edit else { continue }
      let content = i < body.count ? body[i] : ""
      let prefix = line.text.hasSuffix(content) ? String(line.text.dropLast(content.count)) : ""
      let ending = line.ending.isEmpty ? "\n" : line.ending
      for l in new { out += prefix + l + ending }
    }
    return out
  }

  /// Fences around the rewritten body, for a block whose text does not line up with its body.
  private static func fallback(_ block: BlockSource, mode: StudentMode) -> String {
    let fence = String(repeating: block.fenceCharacter, count: block.fenceLength)
    return fence + block.info + "\n" + body(block, mode: mode) + "\n" + fence + "\n"
  }

  /// Lines of `text` with their line endings (`\n`, `\r\n`, `\r`; empty for a last line without).
  static func splitKeepingEndings(_ text: String) -> [(text: String, ending: String)] {
    var lines: [(String, String)] = []
    var current = ""
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = iterator.next()
    while let c = pending {
      pending = iterator.next()
      if c == "\n" {
        lines.append((current, "\n"))
        current = ""
      } else if c == "\r" {
        if pending == "\n" {
          pending = iterator.next()
          lines.append((current, "\r\n"))
        } else {
          lines.append((current, "\r"))
        }
        current = ""
      } else {
        current.unicodeScalars.append(c)
      }
    }
    if !current.isEmpty { lines.append((current, "")) }
    return lines
  }
}

/// The runnable notebook handed to students, `<name>-student.notebook.md` (contract section 11):
/// the source with every `solution` fragment removed (fences and content), question and hidden
/// blocks rewritten by `StudentRewrite`, every other byte kept.
public enum StudentNotebook {
  /// The student notebook's text.
  public static func text(of document: NotebookDocument) -> String {
    var skipping = Set<Int>()
    for solution in document.solutions {
      let end = solution.closeSegment ?? (document.segments.count - 1)
      for i in solution.openSegment...end { skipping.insert(i) }
    }
    var out = ""
    for (n, segment) in document.segments.enumerated() where !skipping.contains(n) {
      switch segment {
      case .text(let text): out += text
      case .block(let i):
        let block = document.blocks[i]
        // A malformed solution fence is not shown to the student at all (fail closed).
        if block.kindText == "solution" { continue }
        out += StudentRewrite.rawText(block, mode: block.studentMode)
      }
    }
    return out
  }
}
