import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs helper programs (`gnuplot`, `dot`) found on `PATH`, feeding `stdin` and collecting
/// `stdout` and `stderr` through pipes. No temporary files are written.
///
/// Input is written and both outputs are drained on separate threads so that a program that
/// writes a large output before reading all of its input cannot deadlock. `SIGPIPE` is
/// ignored process-wide on first use, so a program that exits early makes the write fail
/// (and be ignored) instead of killing gradbook.
enum ExternalProgram {
  /// What a finished program gave back.
  struct Output: Sendable {
    /// Exit status; for a program killed by a signal, 128 + the signal number.
    var status: Int32
    var stdout: Data
    var stderr: Data
  }

  /// The error thrown when `name` is not on `PATH`:
  /// message `"<name> not found on PATH"`, hint
  /// `"install the Debian package <package>, e.g. with scripts/install-deps"`.
  static func notFound(name: String, package: String) -> ReportError {
    ReportError(
      message: "\(name) not found on PATH",
      hint: "install the Debian package \(package), e.g. with scripts/install-deps")
  }

  /// The first executable file named `name` in the colon-separated `searchPath` (default:
  /// the `PATH` environment variable; empty entries mean the current directory, as in POSIX
  /// shells). A `name` containing `/` is taken as a path and only checked for being executable.
  static func find(_ name: String, searchPath: String? = nil) -> URL? {
    let fileManager = FileManager.default
    if name.contains("/") {
      return fileManager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
    }
    let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
      let folder = directory.isEmpty ? "." : String(directory)
      let candidate = folder + "/" + name
      var isDirectory: ObjCBool = false
      if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        fileManager.isExecutableFile(atPath: candidate)
      {
        return URL(fileURLWithPath: candidate)
      }
    }
    return nil
  }

  /// Runs `name` (looked up on `PATH`) with `arguments`, writes `input` to its standard input
  /// and closes it, and waits for it to exit. Throws only when the program cannot be found or
  /// started; a non-zero exit status is returned in `Output.status` for the caller to explain.
  static func execute(name: String, package: String, arguments: [String], input: Data)
    throws(ReportError) -> Output
  {
    guard let executable = find(name) else { throw notFound(name: name, package: package) }
    _ = ignoreSIGPIPE

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let stdinPipe = Pipe()
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    process.standardInput = stdinPipe
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    do {
      try process.run()
    } catch {
      throw ReportError(
        message: "could not start \(executable.path): \(error.localizedDescription)",
        hint: "reinstall the Debian package \(package), e.g. with scripts/install-deps")
    }

    let collected = Collected()
    let group = DispatchGroup()
    let queue = DispatchQueue.global()
    let writer = stdinPipe.fileHandleForWriting
    let outReader = stdoutPipe.fileHandleForReading
    let errReader = stderrPipe.fileHandleForReading
    queue.async(group: group) {
      // A program that exits before reading everything makes this write fail with EPIPE.
      try? writer.write(contentsOf: input)
      try? writer.close()
    }
    queue.async(group: group) {
      collected.stdout = (try? outReader.readToEnd()) ?? Data()
    }
    queue.async(group: group) {
      collected.stderr = (try? errReader.readToEnd()) ?? Data()
    }
    group.wait()
    process.waitUntilExit()

    let status: Int32
    switch process.terminationReason {
    case .exit: status = process.terminationStatus
    case .uncaughtSignal: status = 128 + process.terminationStatus
    @unknown default: status = process.terminationStatus
    }
    return Output(status: status, stdout: collected.stdout, stderr: collected.stderr)
  }

  /// The lines of a program's standard error, decoded as UTF-8 (invalid bytes repaired),
  /// trimmed of surrounding white space, empty lines dropped.
  static func messageLines(_ stderr: Data) -> [String] {
    String(decoding: stderr, as: UTF8.self)
      .split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// Set once, process-wide: writes to a closed pipe return EPIPE instead of raising SIGPIPE.
  private static let ignoreSIGPIPE: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
  }()

  /// Outputs filled by the reader threads; read only after `DispatchGroup.wait()`, which
  /// orders the writes before the reads.
  private final class Collected: @unchecked Sendable {
    var stdout = Data()
    var stderr = Data()
  }
}
