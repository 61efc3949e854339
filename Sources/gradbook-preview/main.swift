import ArgumentParser
import Foundation
import PreviewServer
import Runner

/// `gradbook-preview` — the program behind `gradbook preview` (kept apart so that `gradbook`
/// itself never links the HTTP server).
@main
struct GradbookPreview: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradbook preview",
    abstract: "Run a notebook, serve its report on 127.0.0.1, and re-run and reload the page on every save.")

  @Argument(help: "The notebook file (.md).")
  var notebook: String

  @Option(name: .long, help: "Port on 127.0.0.1 (default: 4848 or the next free one; 0: any free port).")
  var port: Int?

  @Option(name: .long, help: "Output folder; the notebook writes <out>/<name>/.")
  var out: String = "output"

  @Option(name: .customLong("set"), help: "Override a declared parameter: --set NAME=VALUE (repeatable).")
  var set: [String] = []

  @Flag(name: .long, help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    if let port, !(0...65535).contains(port) { throw ValidationError("--port takes 0 to 65535") }
    for s in set where PreviewOptions.parseSetting(s) == nil {
      throw ValidationError("--set takes NAME=VALUE, got '\(s)'")
    }
  }

  func run() async throws {
    var run = RunOptions()
    run.outputDirectory = out
    run.quiet = quiet
    var options = PreviewOptions(notebook: notebook, port: port, run: run)
    options.parameterOverrides = set.compactMap(PreviewOptions.parseSetting)
    let status = await PreviewServer.serve(options)
    throw ExitCode(status.rawValue)
  }

  /// Exit statuses follow the notebook contract: any command-line error is 2.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
  }
}
