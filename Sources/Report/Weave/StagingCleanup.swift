import Dispatch
import Foundation

/// Removes half-written report folders when the run is interrupted.
///
/// Report folders are written under a staging name and renamed into place
/// only when complete (``ReportWriter``). On SIGINT or SIGTERM the staging
/// folders of this process are removed and the process exits with 128 + the
/// signal number, leaving every previous report exactly as it was. A run
/// killed with SIGKILL cannot clean up; the next run that writes the same
/// report folder repairs and removes what it left (``recover(_:)``).
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

  /// Repairs what a killed run left beside the report folder `target`; call it
  /// only while holding `target`'s ``ReportFolderLock`` (every live run writing
  /// `target` holds it, so every staging or set-aside folder found then belongs
  /// to a run that is over).
  ///
  /// First, when `target` is missing but a set-aside folder `.<name>.old-<pid>`
  /// holding the marker is there (a run died between the two renames of
  /// ``AtomicWrite/replaceDirectory(_:with:)``), the newest such folder is renamed
  /// back to `target`, so the previous report is complete again. Then the other
  /// leftovers, `.<name>.staging-<pid>` and `.<name>.old-<pid>`, are removed when
  /// they are empty or hold the marker; anything else of those names is left alone.
  public static func recover(_ target: URL) {
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    let leftovers = entries.sorted().filter {
      $0.hasPrefix(".\(name).staging-") || $0.hasPrefix(".\(name).old-")
    }
    .map { parent.appendingPathComponent($0, isDirectory: true) }
    if ReportFolder.ownership(of: target) == .absent {
      let setAside = leftovers.filter {
        $0.lastPathComponent.hasPrefix(".\(name).old-") && ReportFolder.ownership(of: $0) == .gradbook
      }
      let newest = setAside.max { modificationTime($0) < modificationTime($1) }
      if let newest { try? AtomicWrite.rename(newest, to: target) }
    }
    for url in leftovers { ReportFolder.removeIfOwned(url) }
  }

  /// Seconds since 1970 of the last change of `url` (0 when unknown).
  private static func modificationTime(_ url: URL) -> Double {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
  }
}
