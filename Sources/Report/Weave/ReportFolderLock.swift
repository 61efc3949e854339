import Foundation

/// An exclusive `flock(2)` on a lock file beside the report folders, held while a
/// run reads or writes what the lock guards.
///
/// Lock files: `<out>/.<stem>.lock` for a notebook's report folder `<out>/<stem>/`,
/// its staging and set-aside folders and its cache `<out>/.cache/<stem>/`; and
/// `<out>/.index.html.lock` for `<out>/index.html` (report stems never hold a dot,
/// so the names cannot meet). A lock file is never inside a report folder and is
/// never deleted (deleting a lock file while another process waits on it would let
/// two processes hold "the" lock) and never written: a file of that name that is
/// not gradbook's keeps its bytes. The kernel releases the lock
/// when the process ends, however it ends (SIGKILL included), so a lock is never
/// left stale.
public final class ReportFolderLock: @unchecked Sendable {
  /// The lock file.
  public let url: URL
  private var descriptor: Int32

  /// The lock file for the report folder `target` (`<parent>/.<name>.lock`).
  public static func url(forReport target: URL) -> URL {
    target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock")
  }

  /// The lock file for `<out>/index.html`.
  public static func url(forIndexIn out: URL) -> URL { out.appendingPathComponent(".index.html.lock") }

  /// Why a lock could not be taken.
  public enum Failure: Error, Sendable {
    /// Another process holds it (its process id, when known) and we may not wait.
    case held(by: Int32?)
    /// The lock file cannot be opened or locked (`errno`).
    case system(Int32)
  }

  /// Takes the lock at `url` (creating the file). When another process holds it:
  /// with `wait`, calls `waiting` once (with the holder's process id, if known) and
  /// blocks until it is free; without, throws `.held`.
  public init(url: URL, wait: Bool, waiting: (Int32?) -> Void = { _ in }) throws(Failure) {
    self.url = url
    descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .system(errno) }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      guard code == EWOULDBLOCK else {
        close(descriptor)
        throw .system(code)
      }
      let holder = Self.holder(url)
      guard wait else {
        close(descriptor)
        throw .held(by: holder)
      }
      waiting(holder)
      while flock(descriptor, LOCK_EX) != 0 {
        let code = errno
        guard code == EINTR else {
          close(descriptor)
          throw .system(code)
        }
      }
    }
  }

  /// The process holding a `flock` on the file at `url`, read from `/proc/locks`
  /// (lines `N: FLOCK ADVISORY WRITE PID MAJ:MIN:INODE 0 EOF`; waiters' lines,
  /// marked `->`, are skipped); nil when it cannot be told.
  static func holder(_ url: URL) -> Int32? {
    var info = stat()
    guard stat(url.path, &info) == 0,
      let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8)
    else { return nil }
    for line in table.split(separator: "\n") where !line.contains("->") {
      let fields = line.split(separator: " ")
      guard fields.count >= 6, fields[1] == "FLOCK", let inode = fields[5].split(separator: ":").last,
        UInt64(inode) == UInt64(info.st_ino)
      else { continue }
      return Int32(fields[4])
    }
    return nil
  }

  /// Releases the lock (also done when the object goes away or the process ends).
  public func release() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
