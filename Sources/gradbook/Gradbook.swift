import ArgumentParser
import Executor
import Foundation
import NeuralNet
import Notebook
import Runner

/// `gradbook` — runs literate Markdown notebooks about backpropagation.
@main
struct Gradbook: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradbook",
    abstract: "Run literate Markdown notebooks about backpropagation and weave HTML and Markdown reports.",
    version: "0.1.0",
    subcommands: [Run.self, Check.self, Grade.self, Preview.self, New.self, Help.self])

  /// Exit statuses follow the notebook contract: any command-line error is 2
  /// (ArgumentParser's own default would be 64).
  static func main() {
    if CommandLine.arguments.dropFirst().first == "preview" {
      Preview.forward(Array(CommandLine.arguments.dropFirst(2)))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
  }
}

/// Options shared by `run` and `check`.
struct CommonOptions: ParsableArguments {
  @Argument(help: "Notebook files or folders of notebooks (.md).")
  var notebooks: [String]

  @Option(name: .long, help: "Output folder; each notebook writes <out>/<name>/.")
  var out: String = "output"

  @Option(
    name: .long,
    help: "Report formats: any of html, md, pdf, e.g. html,md,pdf (default: front matter, else html,md).")
  var format: String?

  @Flag(name: .long, help: "Run every block again instead of reusing cached results.")
  var noCache = false

  @Flag(name: .long, help: "Print nothing but errors; no progress bar.")
  var quiet = false

  @Flag(name: .long, help: "Write one HTML file with figures and KaTeX inlined.")
  var selfContained = false

  @Option(name: .long, help: "Worker threads for compare blocks (default: number of cores).")
  var threads: Int?

  @Option(name: .long, help: "Most memory one block may allocate, e.g. 4G or 512M (default 4G).")
  var memoryLimit: String?

  @Flag(
    name: .long,
    help: "Fail at once (exit 2) when another run is writing the same report folders, instead of waiting.")
  var noWait = false

  @Option(name: .customLong("set"), help: "Override a declared parameter: --set NAME=VALUE (repeatable).")
  var set: [String] = []

  @Option(name: .long, help: "solution (the full report, default) or student (the handout folder).")
  var variant: String = "solution"
  @Option(
    name: .long,
    help: "Training arithmetic of train and compare blocks without a precision: key: float64 or float32.")
  var precision: String?

  func validate() throws {
    if notebooks.isEmpty { throw ValidationError("name at least one notebook") }
    _ = try formats()
    if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
    if let m = memoryLimit, let problem = MemoryBudget.limitProblem(m) { throw ValidationError(problem) }
    for s in set where NotebookRunner.parseAssignment(s) == nil {
      throw ValidationError("--set takes NAME=VALUE, got '\(s)'")
    }
    if ReportVariant(rawValue: variant) == nil {
      throw ValidationError("--variant takes solution or student, got '\(variant)'")
    }
    if let p = precision, Precision(rawValue: p) == nil {
      throw ValidationError("--precision takes float64 or float32, not '\(p)'")
    }
  }

  func formats() throws -> Set<ReportFormat>? {
    guard let format else { return nil }
    var set = Set<ReportFormat>()
    for part in format.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces)
      guard let f = ReportFormat(rawValue: name) else {
        throw ValidationError("unknown format '\(name)': use html, md, pdf or a list like html,md,pdf")
      }
      set.insert(f)
    }
    if set.isEmpty { throw ValidationError("--format needs html, md, pdf or a list like html,md,pdf") }
    return set
  }

  func runOptions(check: Bool) throws -> RunOptions {
    var o = RunOptions()
    o.outputDirectory = out
    o.formats = try formats()
    o.useCache = !noCache
    o.quiet = quiet
    o.selfContained = selfContained
    o.failOnExpectations = check
    o.waitForLocks = !noWait
    if let threads { o.threads = threads }
    if let m = memoryLimit, let bytes = RunOptions.parseSize(m) { o.memoryLimit = bytes }
    o.parameterOverrides = set.compactMap(NotebookRunner.parseAssignment)
    o.variant = ReportVariant(rawValue: variant) ?? .solution
    if let p = precision.flatMap(Precision.init(rawValue:)) { o.precision = p }
    return o
  }
}

extension Gradbook {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run notebooks and write their reports (exit 1 when a block fails).")
    @OptionGroup var options: CommonOptions

    func run() throws {
      let status = NotebookRunner(options: try options.runOptions(check: false)).run(options.notebooks)
      throw ExitCode(status.rawValue)
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run notebooks and also fail (exit 1) on any failed expectation.")
    @OptionGroup var options: CommonOptions

    func run() throws {
      let status = NotebookRunner(options: try options.runOptions(check: true)).run(options.notebooks)
      throw ExitCode(status.rawValue)
    }
  }
}

extension Gradbook {
  struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Grade student submissions against a solution notebook (exit 1 when one cannot be read).")
    @Argument(help: "The solution notebook, then the submissions.")
    var notebooks: [String]

    @Option(name: .long, help: "Output folder for grades.csv, grades.html and feedback/.")
    var out: String = "grades"

    func validate() throws {
      if notebooks.count < 2 { throw ValidationError("name the solution and at least one submission") }
    }

    func run() throws {
      let runner = GradeRunner(
        solution: notebooks[0], submissions: Array(notebooks.dropFirst()), outputDirectory: out)
      throw ExitCode(runner.run().rawValue)
    }
  }
}
