import Foundation
import Report

extension OutputPlan {
  /// Takes the run's locks: `<out>/.<stem>.lock` for every report folder and, when
  /// the run writes the index, `<out>/.index.html.lock` (``ReportFolderLock``), in
  /// the order of their paths, so two runs that need some of the same locks never
  /// wait on each other in a circle. Under each lock it repairs what a killed run
  /// left (``StagingCleanup/recover(_:)``, ``IndexPage/removeLeftovers(in:)``).
  ///
  /// A lock another process holds is waited for (saying so once, unless `quiet`);
  /// with `wait` false the run is refused at once (``UsageError``, exit 2), naming
  /// the lock, and every lock taken so far is released. When `<out>` cannot be
  /// created or a lock file cannot be opened, that part runs unlocked: nothing can
  /// be written there, and writing the report fails with its own message.
  func lock(wait: Bool, quiet: Bool, log: (String) -> Void) throws(UsageError) -> [ReportFolderLock] {
    guard (try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)) != nil else {
      return []
    }
    struct Need {
      var lock: URL
      var guards: String
      var target: URL?
    }
    var needs = entries.map {
      Need(lock: ReportFolderLock.url(forReport: $0.target), guards: $0.shown, target: $0.target)
    }
    if writesIndex {
      needs.append(
        Need(
          lock: ReportFolderLock.url(forIndexIn: out),
          guards: (outShown as NSString).appendingPathComponent("index.html"), target: nil))
    }
    var held: [ReportFolderLock] = []
    for need in needs.sorted(by: { $0.lock.path < $1.lock.path }) {
      let shownLock = (outShown as NSString).appendingPathComponent(need.lock.lastPathComponent)
      let lock: ReportFolderLock
      do throws(ReportFolderLock.Failure) {
        lock = try ReportFolderLock(url: need.lock, wait: wait) { holder in
          if !quiet {
            log(
              "gradbook: waiting for \(Self.otherRun(holder)) writing '\(need.guards)' (lock '\(shownLock)')")
          }
        }
      } catch {
        switch error {
        case .held(let holder):
          for h in held { h.release() }
          throw UsageError(
            "\(Self.otherRun(holder)) is writing '\(need.guards)' (lock '\(shownLock)'); "
              + "run again when it has finished, or leave out --no-wait to wait for it")
        case .system: continue
        }
      }
      held.append(lock)
      if let target = need.target {
        StagingCleanup.recover(target)
      } else {
        IndexPage.removeLeftovers(in: out)
      }
    }
    return held
  }

  /// `another gradbook run (process 123)`, or without the number when it is unknown.
  private static func otherRun(_ holder: Int32?) -> String {
    "another gradbook run" + (holder.map { " (process \($0))" } ?? "")
  }
}
