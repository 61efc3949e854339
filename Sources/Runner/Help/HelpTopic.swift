import Tensor

/// One topic of `gradbook help TOPIC`: a named part of `docs/notebook-format.md`.
///
/// The topics are compiled in from `HelpTopics+Generated1.swift`, … (each at most 400 lines,
/// see `HelpSource.generatedFiles`), which `scripts/gen-help` writes from the
/// `<!-- help: NAME — SUMMARY -->` … `<!-- /help: NAME -->` parts of the guide
/// (`HelpSource.topics(in:)`); a test fails when the two differ.
public struct HelpTopic: Equatable, Sendable {
  /// The word after `gradbook help`, lower case (`step`, `front-matter`).
  public var name: String
  /// One line for the topic list (`one forward and backward pass`).
  public var summary: String
  /// The topic's Markdown, its parts joined by one blank line.
  public var markdown: String

  /// A topic as `HelpSource.topics(in:)` reads it from the guide.
  public init(name: String, summary: String, markdown: String) {
    self.name = name
    self.summary = summary
    self.markdown = markdown
  }

  /// The topic called `name`, compared without regard to case; `nil` when there is none.
  public static func named(_ name: String, in topics: [HelpTopic] = HelpTopic.all) -> HelpTopic? {
    let wanted = name.lowercased()
    return topics.first { $0.name == wanted }
  }

  /// The list `gradbook help` prints: a usage line, then one line per topic,
  /// `  NAME  SUMMARY` with the names padded to the longest one.
  public static func list(_ topics: [HelpTopic] = HelpTopic.all) -> String {
    let width = topics.map(\.name.count).max() ?? 0
    var lines = ["Topics (gradbook help TOPIC; the text of docs/notebook-format.md):"]
    for t in topics {
      lines.append("  " + t.name + String(repeating: " ", count: width - t.name.count) + "  " + t.summary)
    }
    lines.append("Commands (gradbook help COMMAND, or gradbook COMMAND --help): \(commandNames)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The subcommands whose option help `gradbook help COMMAND` prints instead of a topic.
  public static let commands = ["run", "check", "grade", "preview", "new"]

  static var commandNames: String { commands.joined(separator: ", ") }

  /// The one-line error for an unknown topic:
  /// `unknown help topic 'stpe' (did you mean 'step'?); topics: data, model, …`.
  /// The suggestion is the closest topic or command name by edit distance
  /// (`NameSuggestion.closest`), and is left out when none is close.
  public static func unknownMessage(_ name: String, topics: [HelpTopic] = HelpTopic.all) -> String {
    let names = topics.map(\.name)
    let suggestion =
      NameSuggestion.closest(to: name, among: names + commands)
      .map { " (did you mean '\($0)'?)" } ?? ""
    return "unknown help topic '\(name)'\(suggestion); topics: \(names.joined(separator: ", "))"
  }
}
