import Dispatch
import Foundation

/// Removes half-written report folders when the run is interrupted.
///
/// Report folders are written under a staging name and renamed into place
/// only when complete (``ReportWriter``). On SIGINT or SIGTERM the staging
/// folders of this process are removed and the process exits with 128 + the
/// signal number, leaving every previous report exactly as it was. A run
/// killed with SIGKILL cannot clean up; the next run removes the leftovers.
public enum StagingCleanup {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var active: Set<String> = []
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  /// Installs the SIGINT and SIGTERM handlers (once).
  public static func install() {
    lock.withLock {
      guard sources.isEmpty else { return }
      for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
          let paths = lock.withLock { active }
          for p in paths { try? FileManager.default.removeItem(atPath: p) }
          FileHandle.standardError.write(
            Data("\ngradbook: interrupted; previous reports left unchanged\n".utf8))
          exit(128 + sig)
        }
        source.resume()
        sources.append(source)
      }
    }
  }

  static func begin(_ url: URL) { lock.withLock { _ = active.insert(url.path) } }
  static func end(_ url: URL) { lock.withLock { _ = active.remove(url.path) } }

  /// Removes staging and set-aside folders that a killed run left beside
  /// `target` (`.<name>.staging-<pid>`, `.<name>.old-<pid>`).
  static func removeLeftovers(beside target: URL) {
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for e in entries where e.hasPrefix(".\(name).staging-") || e.hasPrefix(".\(name).old-") {
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(e))
    }
  }
}
