import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Which file of the report folder a request path names, if any (contract section 14: only the
/// report folder's files are served; anything else, `..` included, is 404).
///
/// The path (query and fragment dropped) is split at `/`, empty parts skipped, and each part
/// percent-decoded. It names nothing when a part does not decode, decodes to text holding `/`
/// or NUL (`%2f`, `%00`), or is `.`, `..` or starts with a dot (`%2e%2e` is caught after
/// decoding; no report file starts with a dot). The file and the folder are then both resolved
/// through `realpath(3)`, and the file must be a regular file strictly inside the folder, so a
/// symbolic link pointing out of it names nothing. An empty path (`/`) names `page`.
public struct ReportFiles: Sendable {
  /// The report folder (`<out>/<stem>/`); it need not exist yet.
  public var root: URL
  /// The file `/` stands for (`<stem>.html`).
  public var page: String

  public init(root: URL, page: String) {
    self.root = root
    self.page = page
  }

  /// The decoded parts of `requestPath`, or nil when the path cannot name a report file.
  /// `[]` is the root.
  public static func parts(of requestPath: String) -> [String]? {
    let path = requestPath.prefix { $0 != "?" && $0 != "#" }
    guard path.hasPrefix("/") else { return nil }
    var parts: [String] = []
    for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
      guard let part = String(raw).removingPercentEncoding else { return nil }
      guard !part.isEmpty, !part.hasPrefix("."), !part.contains("/"), !part.contains("\0") else { return nil }
      parts.append(part)
    }
    return parts
  }

  /// The real path of the file `requestPath` names, or nil (→ 404).
  public func file(for requestPath: String) -> URL? {
    guard var parts = ReportFiles.parts(of: requestPath) else { return nil }
    if parts.isEmpty { parts = [page] }
    guard let folder = ReportFiles.realPath(root.path) else { return nil }
    let candidate = parts.reduce(URL(fileURLWithPath: folder, isDirectory: true)) {
      $0.appendingPathComponent($1)
    }
    guard let real = ReportFiles.realPath(candidate.path), real.hasPrefix(folder + "/") else { return nil }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else {
      return nil
    }
    return URL(fileURLWithPath: real)
  }

  /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved; nil when
  /// the path does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
