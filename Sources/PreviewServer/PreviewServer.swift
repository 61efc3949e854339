import Foundation
import Hummingbird
import Logging
import Report
import Runner

/// `gradbook preview NOTEBOOK.md` (contract section 14): run the notebook, serve its report
/// folder on the loopback address, and re-run and reload the pages on every change.
///
/// Order: the notebook must be readable (else exit 2); the first run writes the report (a
/// notebook whose blocks fail still writes one, with its error boxes); then the port is chosen
/// (``PortChoice``), the server started on `127.0.0.1` only and `URL: http://127.0.0.1:N/`
/// printed on standard output. Runs happen on a thread of their own, one at a time
/// (``PreviewLoop``); each report written raises the ``ReloadChannel`` generation, which
/// reloads every open page. SIGINT and SIGTERM end the process with status 0 through
/// ``StagingCleanup`` (the one owner of those signals): a run cut short leaves no staging
/// folder and the report folder as the last finished run wrote it.
public enum PreviewServer {
  /// The message printed when Ctrl-C stops the preview.
  static let stopMessage = "gradbook preview: stopped; the report folder is as the last run wrote it"

  /// Runs the preview; returns only when it cannot start (exit 1 or 2).
  public static func serve(_ options: PreviewOptions) async -> ExitStatus {
    let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: options.notebook, isDirectory: &isFolder),
      !isFolder.boolValue,
      FileManager.default.isReadableFile(atPath: options.notebook)
    else {
      log("gradbook: cannot read notebook '\(options.notebook)': preview takes one notebook file")
      return .usage
    }
    StagingCleanup.install(message: stopMessage, exitStatus: { _ in 0 })
    let loop = PreviewLoop(options: options, log: log)
    let first = loop.runOnce()
    if first.summary == nil { return first.usage ? .usage : .failed }

    let port: Int
    do {
      port = try PortChoice.pick(
        options.port, first: PreviewOptions.defaultPort, count: PreviewOptions.portsTried)
    } catch {
      log("gradbook: \(error)")
      return .usage
    }
    let channel = ReloadChannel()
    let responder = PreviewResponder(
      files: ReportFiles(root: loop.reportDirectory, page: loop.pageName), channel: channel, port: port)
    var logger = Logger(label: "gradbook-preview")
    logger.logLevel = .error
    let quiet = options.run.quiet
    let app = Application(
      responder: responder,
      configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
      onServerRunning: { _ in
        FileHandle.standardOutput.write(Data("URL: http://127.0.0.1:\(port)/\n".utf8))
        if !quiet { log("gradbook preview: watching \(options.notebook); Ctrl-C to stop") }
      },
      logger: logger)

    let thread = Thread {
      do {
        try loop.watch(after: first) { run in
          guard run.writtenAt != nil else { return }
          let generation = channel.publish()
          if !quiet {
            let pages = channel.subscribers
            log(
              "gradbook preview: report \(generation) written in \(String(format: "%.2f", run.seconds)) s; "
                + "\(pages) page\(pages == 1 ? "" : "s") reloading")
          }
        }
      } catch {
        log("gradbook: \(error)")
        exit(ExitStatus.failed.rawValue)
      }
    }
    thread.name = "gradbook preview runs"
    thread.start()
    do {
      // No graceful-shutdown signals: StagingCleanup owns SIGINT and SIGTERM.
      try await app.runService(gracefulShutdownSignals: [])
    } catch {
      log("gradbook: cannot serve on 127.0.0.1:\(port): \(error)")
      return .failed
    }
    return .ok
  }
}
