/// The top-level `expect:` and `printed:` entries of a block body, as spans of body lines
/// (contract sections 1, 10, 11). Used for the seed identity (a block's checks are not part of
/// it), the student notebook (checks blanked or removed) and submission fingerprints.
///
/// In a YAML body an entry starts at a line beginning `expect:` or `printed:` in column 1 and
/// runs over every following line that is blank, a comment, indented, or a `- ` item at column 1
/// (YAML allows a top-level key's list at the same indentation). In a `graph` body the YAML part
/// starts at the first line that is exactly `expect:` or `printed:` (trailing spaces allowed) and
/// runs to the end; every entry in it is a check entry.
public struct CheckEntries: Sendable, Equatable {
  /// One entry: its key and its 0-based body lines (the key's line first).
  public struct Span: Sendable, Equatable {
    public var key: String
    public var lines: Range<Int>
  }

  /// The body's lines (split at `\n`).
  public var lines: [String]
  /// The `expect:`/`printed:` spans in order.
  public var spans: [Span]

  /// The check entries of `block`'s body.
  public init(of block: BlockSource) {
    self.init(body: block.body, isGraph: block.kind == .graph)
  }

  /// The check entries of `body`; `isGraph` reads it as a `graph` body.
  public init(body: String, isGraph: Bool) {
    lines = body.isEmpty ? [] : body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    spans = []
    var i = 0
    while i < lines.count {
      guard let key = Self.topLevelKey(lines[i], isGraph: isGraph) else {
        i += 1
        continue
      }
      if isGraph {
        var start = i
        var current = key
        for j in (i + 1)..<max(i + 1, lines.count) where !Self.continues(lines[j]) {
          spans.append(Span(key: current, lines: start..<j))
          start = j
          current = Self.yamlKey(lines[j]) ?? lines[j]
        }
        spans.append(Span(key: current, lines: start..<lines.count))
        break
      }
      var end = i + 1
      while end < lines.count && Self.continues(lines[end]) { end += 1 }
      spans.append(Span(key: key, lines: i..<end))
      i = end
    }
  }

  /// `expect` or `printed` when `line` starts that top-level entry.
  private static func topLevelKey(_ line: String, isGraph: Bool) -> String? {
    for key in ["expect", "printed"] {
      if isGraph {
        var trimmed = Substring(line)
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" {
          trimmed = trimmed.dropLast()
        }
        if trimmed == key + ":" { return key }
      } else if line.hasPrefix(key + ":") {
        let rest = line.dropFirst(key.count + 1)
        if rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.first == "\r" { return key }
      }
    }
    return nil
  }

  /// The key of a top-level `key:` line, if any.
  private static func yamlKey(_ line: String) -> String? {
    guard let colon = line.firstIndex(of: ":"), line.first.map({ $0 != " " && $0 != "#" }) == true else {
      return nil
    }
    return String(line[..<colon])
  }

  /// Whether `line` belongs to the entry above it.
  private static func continues(_ line: String) -> Bool {
    guard let first = line.first else { return true }
    if first == " " || first == "\t" || first == "#" || first == "\r" { return true }
    return line.hasPrefix("- ") || line == "-"
  }

  /// Whether body line `index` lies in a check entry.
  public func isCheckLine(_ index: Int) -> Bool { spans.contains { $0.lines.contains(index) } }

  /// The body without its check entries: a block's identity for its seed and fingerprint.
  public var bodyWithoutChecks: String {
    lines.indices.filter { !isCheckLine($0) }.map { lines[$0] }.joined(separator: "\n")
  }
}
