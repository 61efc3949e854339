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

  /// Installs the SIGINT and SIGTERM handlers (once): they remove this process's staging
  /// folders, print `message` and exit with `exitStatus(signal)` (`run`: 128 + the signal;
  /// `preview`, which Ctrl-C ends normally: 0). The handler holds the lock that
  /// ``renaming(_:)`` takes, so it never exits between the two renames of a report folder.
  public static func install(
    message: String = "gradbook: interrupted; previous reports left unchanged",
    exitStatus: @escaping @Sendable (Int32) -> Int32 = { 128 + $0 }
  ) {
    lock.withLock {
      guard sources.isEmpty else { return }
      for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
          lock.lock()  // never unlocked: the process ends here
          for p in active { try? FileManager.default.removeItem(atPath: p) }
          FileHandle.standardError.write(Data("\n\(message)\n".utf8))
          exit(exitStatus(sig))
        }
        source.resume()
        sources.append(source)
      }
    }
  }

  /// Runs `body` (the renames that put a report folder in place) where an interrupt cannot cut in.
  static func renaming<T>(_ body: () throws -> T) rethrows -> T { try lock.withLock(body) }

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
