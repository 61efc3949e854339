import Executor
import Foundation

/// `output/index.html`: every report of a folder run with its status.
///
/// Its second line is a fixed comment (``head``): the proof that gradbook
/// wrote the file (``mayReplace(_:)``), so a run never overwrites an
/// `index.html` of the user's own.
public enum IndexPage {
  /// The page's first two lines; an existing `index.html` is replaced only when it starts so.
  public static let head =
    "<!DOCTYPE html>\n<!-- Written by gradbook; every run of a folder of notebooks replaces this file. -->\n"

  /// Whether gradbook may write `url`: nothing is there (or cannot be), or a regular file (not a
  /// symbolic link) that starts with ``head``. A folder there is left for the
  /// write to fail on (a rename cannot replace a folder with a file).
  public static func mayReplace(_ url: URL) -> Bool {
    var info = stat()
    // ENOTDIR: a file stands where `--out` should be; writing fails there with its own message.
    guard lstat(url.path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return true
    case S_IFREG:
      guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
      defer { try? handle.close() }
      let prefix = (try? handle.read(upToCount: head.utf8.count)) ?? Data()
      return prefix == Data(head.utf8)
    default: return false
    }
  }

  public struct Entry: Sendable {
    public var title: String
    public var notebook: String
    public var link: String
    public var blocks: Int
    public var failedBlocks: Int
    public var checks: Int
    public var failedChecks: Int
    public init(
      title: String, notebook: String, link: String, blocks: Int, failedBlocks: Int, checks: Int,
      failedChecks: Int
    ) {
      self.title = title
      self.notebook = notebook
      self.link = link
      self.blocks = blocks
      self.failedBlocks = failedBlocks
      self.checks = checks
      self.failedChecks = failedChecks
    }
  }

  /// Removes the temporary files `.index.html.tmp-<pid>` that a killed run left in
  /// `out` (``AtomicWrite/write(_:to:)``): only regular files whose bytes are a
  /// beginning of an index page (``head``, or a part of it). Call it while holding
  /// the index lock (``ReportFolderLock/url(forIndexIn:)``).
  public static func removeLeftovers(in out: URL) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: out.path) else { return }
    let start = Data(head.utf8)
    for name in names where name.hasPrefix(".index.html.tmp-") {
      let url = out.appendingPathComponent(name)
      var info = stat()
      guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
        let handle = FileHandle(forReadingAtPath: url.path)
      else { continue }
      let prefix = (try? handle.read(upToCount: start.count)) ?? Data()
      try? handle.close()
      if start.starts(with: prefix) { try? FileManager.default.removeItem(at: url) }
    }
  }

  public static func render(_ entries: [Entry]) -> String {
    var h = head + "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    h +=
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>gradbook reports</title>\n"
    h += "<style>\n\(HTMLWeaver.stylesheet)</style>\n</head>\n<body>\n<main>\n<h1>Reports</h1>\n"
    h +=
      "<div class=\"table-wrap\"><table class=\"results\"><thead><tr><th>Notebook</th><th>Source</th><th>Blocks</th><th>Checks</th><th>Status</th></tr></thead><tbody>\n"
    for e in entries {
      let ok = e.failedBlocks == 0 && e.failedChecks == 0
      h += "<tr><td><a href=\"\(HTMLText.escape(e.link))\">\(HTMLText.escape(e.title))</a></td>"
      h += "<td><code>\(HTMLText.escape(e.notebook))</code></td>"
      h += "<td class=\"num\">\(e.blocks - e.failedBlocks)/\(e.blocks)</td>"
      h += "<td class=\"num\">\(e.checks - e.failedChecks)/\(e.checks)</td>"
      h +=
        ok
        ? "<td class=\"pass\">✔ ok</td>"
        : "<td class=\"fail\">✘ \(e.failedBlocks) block(s), \(e.failedChecks) check(s) failed</td>"
      h += "</tr>\n"
    }
    h +=
      "</tbody></table></div>\n<footer>Woven by gradbook \(ProgramVersion.current).</footer>\n</main>\n</body>\n</html>\n"
    return h
  }
}
