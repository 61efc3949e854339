import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Watches a list of files through Linux inotify and waits, debounced, for one of them to change.
///
/// Each file is watched through the folder that holds it, never through the file itself: editors
/// save by writing a new file and renaming it over the old one (a watch on the old inode would
/// go quiet), and a file deleted and created again must still be seen. Events are kept only when
/// they name a watched file (the report and cache folders beside a notebook make noise). A file
/// whose folder is missing is watched through its nearest existing ancestor, by the name of the
/// next path component; when that folder appears, the watches are set again.
///
/// Debouncing: after the first change, ``waitForChange(quiet:limit:timeout:)`` keeps reading until
/// `quiet` seconds pass without another change (editors save in several steps within
/// milliseconds), but never longer than `limit` seconds after the first change.
public final class FileWatcher {
  /// inotify's descriptor, -1 when inotify could not be started.
  private let descriptor: Int32
  /// Folder path for each watch descriptor.
  private var folders: [Int32: String] = [:]
  /// The names that matter in each watched folder, and the watched paths they stand for.
  private var interest: [String: [String: Set<String>]] = [:]
  /// The watched paths as given.
  public private(set) var paths: [String] = []

  /// Why inotify is unavailable.
  public struct Unavailable: Error, CustomStringConvertible {
    public var description: String
  }

  /// Starts inotify (close-on-exec). Throws when the system refuses (no inotify, or too many
  /// instances).
  public init() throws {
    descriptor = inotify_init1(Int32(IN_CLOEXEC))
    guard descriptor >= 0 else {
      throw Unavailable(description: "cannot watch files: inotify: \(String(cString: strerror(errno)))")
    }
  }

  deinit { close(descriptor) }

  /// The events that can mean a file changed, appeared or disappeared inside a watched folder.
  private static let mask: UInt32 =
    UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
    | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

  /// Replaces the watched files by `paths` (relative paths are taken from the current folder;
  /// a path through a symbolic link is watched both as written and where the link points).
  public func watch(_ paths: [String]) {
    self.paths = paths
    refresh()
  }

  /// Sets the watches for ``paths`` again (folders may have appeared or gone).
  private func refresh() {
    let previous = folders
    folders = [:]
    interest = [:]
    for path in paths {
      let given = URL(fileURLWithPath: path).standardizedFileURL
      for url in Set([given, given.resolvingSymlinksInPath()]) {
        var folder = url.deletingLastPathComponent()
        var name = url.lastPathComponent
        // The nearest existing ancestor, watched for the next component's name.
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
          name = folder.lastPathComponent
          folder = folder.deletingLastPathComponent()
        }
        interest[folder.path, default: [:]][name, default: []].insert(path)
      }
    }
    // Adding a folder watched already returns its descriptor again.
    for folder in interest.keys {
      let wd = inotify_add_watch(descriptor, folder, FileWatcher.mask)
      if wd >= 0 { folders[wd] = folder }
    }
    for wd in previous.keys where folders[wd] == nil { inotify_rm_watch(descriptor, wd) }
  }

  /// Blocks until a watched file changes (or `timeout` seconds pass, nil: forever), then
  /// debounces as the type's documentation says. Returns the watched paths that changed,
  /// empty on timeout.
  public func waitForChange(quiet: Double = 0.05, limit: Double = 0.5, timeout: Double? = nil) -> [String] {
    var changed = Set<String>()
    var first: Date?
    let start = Date()
    while true {
      let wait: Double
      if let first {
        wait = min(quiet, limit - Date().timeIntervalSince(first))
        if wait <= 0 { break }
      } else if let timeout {
        wait = timeout - Date().timeIntervalSince(start)
        if wait <= 0 { break }
      } else {
        wait = -1
      }
      var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&pfd, 1, wait < 0 ? -1 : Int32((wait * 1000).rounded(.up)))
      if ready < 0 && errno == EINTR { continue }
      if ready <= 0 {
        if first != nil { break }  // quiet long enough
        continue
      }
      let found = readEvents()
      if !found.isEmpty {
        changed.formUnion(found)
        if first == nil { first = Date() }
      }
    }
    return changed.sorted()
  }

  /// Reads the pending events; returns the watched paths they concern. Sets the watches again
  /// when a watched folder went away or a missing folder on the way to a watched file appeared.
  private func readEvents() -> Set<String> {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return [] }
    var changed = Set<String>()
    var needsRefresh = false
    var offset = 0
    let header = 16  // int wd; uint32 mask, cookie, len
    while offset + header <= count {
      let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
      let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
      let length = Int(
        buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
      let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
      let name = String(decoding: nameBytes, as: UTF8.self)
      offset += header + length
      if mask & (UInt32(IN_IGNORED) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
        // The folder itself went away: every file watched through it changed. (A watch
        // removed by `refresh` reports IN_IGNORED too; it is no longer in `folders`.)
        guard let folder = folders[wd] else { continue }
        for names in interest[folder]?.values ?? [:].values { changed.formUnion(names) }
        needsRefresh = true
        continue
      }
      guard let folder = folders[wd], let watched = interest[folder]?[name] else { continue }
      changed.formUnion(watched)
      // A folder on the way to a watched file appeared or went: watch deeper or higher.
      if !watched.contains(where: {
        URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().path == folder
      }) {
        needsRefresh = true
      } else if mask & UInt32(IN_ISDIR) != 0 {
        needsRefresh = true
      }
    }
    if needsRefresh { refresh() }
    return changed
  }
}
