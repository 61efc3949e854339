import ArgumentParser
import Foundation
import Runner

extension Gradbook {
  /// `gradbook help [TOPIC]`: the topics of docs/notebook-format.md on the terminal
  /// (`HelpTopic.all`, rendered by `TerminalMarkdown`). A command name prints that
  /// command's options; an unknown topic is one line on standard error, exit 2.
  struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "help",
      abstract: "Show a topic of the notebook format (gradbook help lists them), or a command's options.")
    @Argument(help: "A block kind (step, train, …), layers, losses, optimizers, …, or a command name.")
    var topic: [String] = []

    func run() throws {
      guard !topic.isEmpty else {
        print(HelpTopic.list(), terminator: "")
        return
      }
      let name = topic.joined(separator: "-").lowercased()
      if HelpTopic.commands.contains(name),
        let command = Gradbook.configuration.subcommands.first(where: { $0._commandName == name })
      {
        print(Gradbook.helpMessage(for: command))
        return
      }
      guard let found = HelpTopic.named(name) else {
        FileHandle.standardError.write(
          Data(("gradbook: " + HelpTopic.unknownMessage(topic.joined(separator: " ")) + "\n").utf8))
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      print("gradbook help \(found.name): \(found.summary)\n")
      print(TerminalMarkdown.render(found.markdown), terminator: "")
    }
  }
}
