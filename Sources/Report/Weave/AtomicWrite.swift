import Foundation

/// Output that never leaves a half-written report behind: files are written
/// into a fresh staging folder beside the target, which then replaces the
/// target folder by rename.
public enum AtomicWrite {
  /// Replaces `target` with `staging` (both folders in the same parent):
  /// the old folder is renamed aside, the new one renamed in, the old removed.
  public static func replaceDirectory(_ target: URL, with staging: URL) throws {
    let fm = FileManager.default
    let aside = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
    var hadOld = false
    if fm.fileExists(atPath: target.path) {
      try fm.moveItem(at: target, to: aside)
      hadOld = true
    }
    do {
      try fm.moveItem(at: staging, to: target)
    } catch {
      if hadOld { try? fm.moveItem(at: aside, to: target) }
      throw error
    }
    if hadOld { try? fm.removeItem(at: aside) }
  }

  /// Writes `data` to `url` through a temporary file and a rename(2), which
  /// replaces an existing file atomically.
  public static func write(_ data: Data, to url: URL) throws {
    let tmp = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    try data.write(to: tmp)
    guard Foundation.rename(tmp.path, url.path) == 0 else {
      let code = errno
      let reason = String(cString: strerror(code))
      try? FileManager.default.removeItem(at: tmp)
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSLocalizedDescriptionKey: "cannot write \(url.path): \(reason)",
          NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
        ])
    }
  }
}
