import Foundation

/// Proof that gradbook wrote a report folder: the marker file `.gradbook`.
///
/// Every report folder gets the marker first, while it is still a staging
/// folder, so any folder gradbook leaves behind (complete, staged or set aside)
/// either holds the marker or is empty. gradbook replaces or deletes only such
/// folders (``ownership(of:)`` is `.absent`, `.empty` or `.gradbook`); a folder
/// without the marker holding anything at all, a file, or a symbolic link is
/// never replaced. The marker holds one fixed line (``markerContents``), nothing
/// from the notebook, so every report's marker is byte-identical.
public enum ReportFolder {
  /// The marker's file name inside a report folder.
  public static let markerName = ".gradbook"
  /// The marker's exact contents; a file of that name with other contents is no proof.
  public static let markerContents =
    "This folder was written by gradbook; gradbook replaces or deletes it as a whole.\n"

  /// What stands at a report folder's path.
  public enum Ownership: Equatable, Sendable {
    /// Nothing (or a file where a parent folder should be): nothing there to lose.
    case absent
    /// An empty folder: replacing it loses nothing.
    case empty
    /// A folder holding gradbook's marker.
    case gradbook
    /// A folder without the marker that holds something.
    case foreignFolder
    /// A file, a symbolic link or anything else that is not a folder.
    case notAFolder
  }

  /// Reads what stands at `url` without following a symbolic link there. A folder
  /// that cannot be listed counts as `.foreignFolder` (it might hold anything).
  public static func ownership(of url: URL) -> Ownership {
    var info = stat()
    // ENOTDIR: a file stands where a parent folder should be; writing fails there with its own message.
    guard lstat(url.path, &info) == 0 else {
      return errno == ENOENT || errno == ENOTDIR ? .absent : .notAFolder
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else { return .notAFolder }
    if hasMarker(url) { return .gradbook }
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
      return .foreignFolder
    }
    if entries.isEmpty { return .empty }
    // A run killed while writing the marker leaves a staging folder holding only
    // the beginning of it: nothing there but a part of gradbook's own fixed line.
    if entries == [markerName], let bytes = markerBytes(url), Data(markerContents.utf8).starts(with: bytes) {
      return .empty
    }
    return .foreignFolder
  }

  /// Whether `folder` holds a regular file `.gradbook` with exactly ``markerContents``.
  public static func hasMarker(_ folder: URL) -> Bool {
    markerBytes(folder) == Data(markerContents.utf8)
  }

  /// The bytes of `folder/.gradbook` when it is a regular file no longer than the marker; else nil.
  private static func markerBytes(_ folder: URL) -> Data? {
    let marker = folder.appendingPathComponent(markerName)
    var info = stat()
    guard lstat(marker.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
      Int(info.st_size) <= markerContents.utf8.count
    else { return nil }
    return FileManager.default.contents(atPath: marker.path)
  }

  /// Writes the marker into `folder` (which must exist and not hold one yet) with
  /// one `open(O_EXCL)` and `write`: should the process die meanwhile, the folder
  /// holds an empty or partial marker and nothing else, which ``ownership(of:)``
  /// counts as `.empty`.
  public static func mark(_ folder: URL) throws {
    let path = folder.appendingPathComponent(markerName).path
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw posixError(errno, path) }
    defer { close(fd) }
    let bytes = Array(markerContents.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw posixError(errno, path) }
      done += n
    }
  }

  /// A Foundation error carrying the POSIX `code` (so messages give the system's reason).
  private static func posixError(_ code: Int32, _ path: String) -> Error {
    CocoaError(
      .fileWriteUnknown,
      userInfo: [
        NSLocalizedDescriptionKey: "cannot write \(path): \(String(cString: strerror(code)))",
        NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
      ])
  }

  /// Removes `folder` when ``ownership(of:)`` proves gradbook may (`.empty` or
  /// `.gradbook`); returns whether it is gone. Anything else is left in place.
  ///
  /// The marker goes last, so a process killed while removing a report leaves a
  /// folder that still holds its marker (and is removed by the next run).
  @discardableResult
  public static func removeIfOwned(_ folder: URL) -> Bool {
    let fm = FileManager.default
    switch ownership(of: folder) {
    case .absent: return true
    case .empty: return (try? fm.removeItem(at: folder)) != nil
    case .gradbook:
      for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name != markerName {
        try? fm.removeItem(at: folder.appendingPathComponent(name))
      }
      return (try? fm.removeItem(at: folder)) != nil
    case .foreignFolder, .notAFolder: return false
    }
  }
}

/// A report folder that gradbook may not replace (it holds something gradbook did not write).
public struct ReportFolderError: Error, CustomStringConvertible, Sendable {
  public var folder: URL
  public var ownership: ReportFolder.Ownership
  public init(folder: URL, ownership: ReportFolder.Ownership) {
    self.folder = folder
    self.ownership = ownership
  }

  /// `'PATH' is a folder gradbook did not write (no .gradbook marker in it)` or
  /// `'PATH' is a file, not a report folder gradbook wrote`.
  public var description: String {
    switch ownership {
    case .notAFolder: "'\(folder.path)' is a file gradbook did not write"
    case .absent, .empty, .gradbook, .foreignFolder:
      "'\(folder.path)' is a folder gradbook did not write (it has no \(ReportFolder.markerName) marker)"
    }
  }
}
