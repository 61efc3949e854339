/// Reads the help topics out of `docs/notebook-format.md`; `HelpSource+GeneratedFiles.swift`
/// writes them as Swift source (`HelpTopics+Generated1.swift`, …), so the guide is the one
/// source of `gradbook help`.
///
/// A topic is every line between `<!-- help: NAME — SUMMARY -->` and
/// `<!-- /help: NAME -->` (each marker alone on its line). A topic may have
/// several parts, joined by one blank line in the order they appear; the
/// summary is given once, on any part. Parts of different topics may nest or
/// overlap: marker lines never belong to a topic's text. Leading and trailing
/// blank lines of each part are dropped.
public enum HelpSource {
  /// A problem in the markers, with its line in the guide (from 1).
  public struct MarkerError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "docs/notebook-format.md:\(line): \(message)" }

    /// The problem `message` at `line` of the guide (0 when no line is to blame).
    public init(line: Int, message: String) {
      self.line = line
      self.message = message
    }
  }

  /// The topics of `markdown`, in the order their first part appears.
  /// - Throws: `MarkerError` for a part opened twice, a close without an open,
  ///   a part never closed, a topic without a summary, or a malformed name.
  public static func topics(in markdown: String) throws(MarkerError) -> [HelpTopic] {
    var order: [String] = []
    var summaries: [String: String] = [:]
    var parts: [String: [[Substring]]] = [:]
    var open: [String: (line: Int, lines: [Substring])] = [:]
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, raw) in lines.enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if let (name, summary) = try marker(line, prefix: "<!-- help:", at: i + 1) {
        if open[name] != nil {
          throw MarkerError(line: i + 1, message: "help topic '\(name)' opened again before it was closed")
        }
        if let summary {
          if summaries[name] != nil {
            throw MarkerError(line: i + 1, message: "help topic '\(name)' has a second summary")
          }
          summaries[name] = summary
        }
        if !order.contains(name) { order.append(name) }
        open[name] = (i + 1, [])
        continue
      }
      if let (name, _) = try marker(line, prefix: "<!-- /help:", at: i + 1) {
        guard let part = open.removeValue(forKey: name) else {
          throw MarkerError(line: i + 1, message: "'/help: \(name)' closes no open help topic")
        }
        parts[name, default: []].append(trimmed(part.lines))
        continue
      }
      for name in open.keys { open[name]?.lines.append(line) }
    }
    if let unclosed = open.min(by: { $0.value.line < $1.value.line }) {
      throw MarkerError(line: unclosed.value.line, message: "help topic '\(unclosed.key)' is never closed")
    }
    var topics: [HelpTopic] = []
    for name in order {
      guard let summary = summaries[name] else {
        throw MarkerError(
          line: 0, message: "help topic '\(name)' has no summary (`<!-- help: NAME — SUMMARY -->`)")
      }
      let text = (parts[name] ?? []).map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
      topics.append(HelpTopic(name: name, summary: summary, markdown: text))
    }
    return topics
  }

  /// `(NAME, SUMMARY)` of a marker line `PREFIX NAME — SUMMARY -->` (the summary
  /// optional), `nil` for any other line. Names are `[a-z][a-z0-9-]*`.
  static func marker(_ line: Substring, prefix: String, at number: Int) throws(MarkerError) -> (
    String, String?
  )? {
    guard line.hasPrefix(prefix), line.hasSuffix("-->") else { return nil }
    let inner = line.dropFirst(prefix.count).dropLast(3).trimmingSpaces()
    let pieces = inner.split(separator: "—", maxSplits: 1)
    let name = (pieces.first.map { $0.trimmingSpaces() }) ?? ""
    let summary = pieces.count > 1 ? pieces[1].trimmingSpaces() : nil
    let valid =
      name.first.map { $0 >= "a" && $0 <= "z" } == true
      && name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    guard valid else { throw MarkerError(line: number, message: "bad help topic name '\(name)'") }
    return (name, summary?.isEmpty == true ? nil : summary)
  }

  /// `lines` without leading and trailing blank lines.
  static func trimmed(_ lines: [Substring]) -> [Substring] {
    let isBlank: (Substring) -> Bool = { $0.allSatisfy { $0 == " " || $0 == "\t" } }
    guard let first = lines.firstIndex(where: { !isBlank($0) }),
      let last = lines.lastIndex(where: { !isBlank($0) })
    else { return [] }
    return Array(lines[first...last])
  }
}

extension Substring {
  /// Without leading and trailing spaces.
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
