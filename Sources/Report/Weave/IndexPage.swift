import Executor

/// `output/index.html`: every report of a folder run with its status.
public enum IndexPage {
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

  public static func render(_ entries: [Entry]) -> String {
    var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
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
