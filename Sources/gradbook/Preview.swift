import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension Gradbook {
  /// `gradbook preview …`: replaces this process with `gradbook-preview …` found beside the
  /// running executable (`/proc/self/exe`), so that `gradbook` never links the HTTP server and
  /// Ctrl-C reaches the preview directly. Without that program: a message saying how to build
  /// it, exit 2.
  struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Run a notebook, serve its report on 127.0.0.1, and re-run and reload the page on every save.",
      discussion: "Options: NOTEBOOK.md [--port N] [--out DIR] [--set NAME=VALUE]... [--quiet] "
        + "(see gradbook preview --help, answered by gradbook-preview).")

    @Argument(parsing: .allUnrecognized, help: "The notebook and the options of gradbook-preview.")
    var arguments: [String] = []

    /// The name of the preview program, expected beside `gradbook`.
    static let program = "gradbook-preview"

    func run() throws { Self.forward(arguments) }

    /// Replaces this process with `gradbook-preview arguments…`; returns never (exit 2 when the
    /// program is missing or cannot start). `Gradbook.main` calls it before parsing anything, so
    /// `--help` is answered by `gradbook-preview`.
    static func forward(_ arguments: [String]) -> Never {
      let me =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
      let beside = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(program)
      guard FileManager.default.isExecutableFile(atPath: beside.path) else {
        FileHandle.standardError.write(
          Data(
            ("gradbook: preview needs the program \(beside.path), which is not built "
              + "(build it with `swift build --product gradbook-preview`, or `make preview`; "
              + "add `-c release` for a release build of gradbook)\n").utf8))
        Foundation.exit(2)
      }
      let argv = ([beside.path] + arguments).map { strdup($0) } + [nil]
      execv(beside.path, argv)
      FileHandle.standardError.write(
        Data("gradbook: cannot start \(beside.path): \(String(cString: strerror(errno)))\n".utf8))
      Foundation.exit(2)
    }
  }
}
