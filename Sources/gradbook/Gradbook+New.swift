import ArgumentParser
import Foundation
import Runner

extension Gradbook {
  /// `gradbook new NAME.md [--template worksheet|experiment|graph]`: writes a commented notebook
  /// that runs as it is; never overwrites a file (exit 2). Without a name, lists the templates.
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a commented notebook to start from (never overwrites a file).")
    @Argument(help: "The notebook to write, e.g. lecture.md; without it, the templates are listed.")
    var notebook: String?

    @Option(name: .long, help: "worksheet, experiment or graph.")
    var template: String = NotebookTemplate.worksheet.rawValue

    func run() throws {
      guard let notebook else {
        print("Templates (gradbook new NAME.md --template TEMPLATE):")
        for t in NotebookTemplate.allCases { print("  \(t.rawValue): \(t.summary)") }
        return
      }
      guard let chosen = NotebookTemplate(rawValue: template.lowercased()) else {
        throw ValidationError(
          "unknown template '\(template)': use "
            + NotebookTemplate.allCases.map(\.rawValue).joined(separator: ", "))
      }
      do {
        // `.withoutOverwriting` fails when the file exists, even if it appears meanwhile.
        try Data(chosen.text.utf8).write(to: URL(fileURLWithPath: notebook), options: .withoutOverwriting)
      } catch {
        let exists = FileManager.default.fileExists(atPath: notebook)
        FileHandle.standardError.write(
          Data(
            ("gradbook: cannot write '\(notebook)': "
              + (exists
                ? "the file exists (gradbook new never overwrites a file)" : "\(error.localizedDescription)")
              + "\n").utf8))
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      print("wrote \(notebook) (template \(chosen.rawValue)); run it with: gradbook check \(notebook)")
    }
  }
}
