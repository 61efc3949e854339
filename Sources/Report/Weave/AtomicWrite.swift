import Foundation

/// Output that never leaves a half-written report behind: files are written
/// into a fresh staging folder beside the target, which then replaces the
/// target folder by rename.
public enum AtomicWrite {
  /// Replaces the report folder `target` with the complete folder `staging`
  /// (both in the same parent, `staging` holding the ``ReportFolder`` marker).
  ///
  /// `target` must be absent, empty or marked as gradbook's; anything else throws
  /// ``ReportFolderError`` and nothing moves. When `target` exists the two folders
  /// are swapped in one step (`renameat2` with `RENAME_EXCHANGE`), so at every
  /// instant `target` is a complete report, old or new; the old one, now under
  /// the staging name, is then removed. Where the file system cannot swap, the
  /// old folder is renamed aside to `.<name>.old-<pid>` and the new one renamed
  /// in; a process killed between the two renames leaves the old report there,
  /// and the next run restores it (``StagingCleanup/recover(_:)``).
  public static func replaceDirectory(_ target: URL, with staging: URL) throws {
    let ownership = ReportFolder.ownership(of: target)
    switch ownership {
    case .absent:
      try rename(staging, to: target)
      return
    case .empty, .gradbook: break
    case .foreignFolder, .notAFolder: throw ReportFolderError(folder: target, ownership: ownership)
    }
    if exchange(staging, target) {
      ReportFolder.removeIfOwned(staging)
      return
    }
    let aside = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
    try rename(target, to: aside)
    do {
      try rename(staging, to: target)
    } catch {
      try? rename(aside, to: target)
      throw error
    }
    ReportFolder.removeIfOwned(aside)
  }

  /// `rename(2)`, throwing the POSIX error.
  static func rename(_ from: URL, to: URL) throws {
    guard Foundation.rename(from.path, to.path) == 0 else {
      let code = errno
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSLocalizedDescriptionKey: "cannot write \(to.path): \(String(cString: strerror(code)))",
          NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
        ])
    }
  }

  /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`: swaps two paths in one
  /// step. False when the C library lacks it or the file system refuses
  /// (`EINVAL`, `ENOSYS`, `EOPNOTSUPP`, …); nothing moved then.
  static func exchange(_ a: URL, _ b: URL) -> Bool {
    guard let swap = renameat2 else { return false }
    return swap(AT_FDCWD, a.path, AT_FDCWD, b.path, 2) == 0
  }

  /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc
  /// module does not declare it (it is behind `_GNU_SOURCE`).
  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
  private static let renameat2: RenameAt2? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: RenameAt2.self)
  }()

  /// Writes `data` to `url` through a temporary file and a rename(2), which
  /// replaces an existing file atomically.
  public static func write(_ data: Data, to url: URL) throws {
    let tmp = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try data.write(to: tmp)
    do {
      try rename(tmp, to: url)
    } catch {
      try? FileManager.default.removeItem(at: tmp)
      throw error
    }
  }
}
