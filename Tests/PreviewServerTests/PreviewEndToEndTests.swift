import Foundation
import PreviewServer
import Testing

/// `gradbook preview` through the CLI: the page over HTTP, edits, reload events, failures,
/// a deleted notebook, Ctrl-C.
@Suite(.serialized) struct PreviewEndToEndTests {
  /// The text the HTML report shows for a loss (7 significant digits).
  static func shown(_ value: Double) -> String { String(format: "%.7g", value) }

  /// Reads the event stream (chunked) until a `reload` event; returns its generation and when it
  /// arrived. Every chunk read is added to `messages` (to check that nothing else is sent).
  static func nextReload(_ events: HTTPProbe, timeout: Double, messages: inout [String]) -> (Int, Date)? {
    let deadline = Date().addingTimeInterval(timeout)
    while let chunk = events.chunk(until: deadline) {
      messages.append(chunk)
      if let match = chunk.wholeMatch(of: /event: reload\ndata: ([0-9]+)\n\n/), let generation = Int(match.1)
      {
        return (generation, Date())
      }
    }
    return nil
  }

  /// Issue 15's first "done when": read the page, edit the notebook, see the new value in the
  /// page and a reload event within 1 s of the report being written; Ctrl-C exits 0 and leaves
  /// the report complete.
  @Test func editReloadsThePageWithinOneSecondOfTheReport() throws {
    let dir = try PreviewProcess.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    try PreviewProcess.notebook(weight: "0.5").write(to: notebook, atomically: true, encoding: .utf8)
    let preview = try PreviewProcess(notebook: "nb.md", out: "out", in: dir)
    let report = dir.appendingPathComponent("out/nb")
    let before = try PreviewProcess.loss(report)

    let page = try HTTPProbe.get(port: preview.port, path: "/")
    #expect(page.status == 200)
    #expect(page.headers["content-type"] == "text/html; charset=utf-8")
    #expect(page.body.contains(Self.shown(before)))
    #expect(page.body.contains("new EventSource(\"/__gradbook/events?since=0\")"))

    let events = try HTTPProbe(port: preview.port)
    events.send(path: "/__gradbook/events?since=0", host: "127.0.0.1:\(preview.port)")
    let head = try events.head(until: Date().addingTimeInterval(10))
    #expect(head.status == 200)
    #expect(head.headers["content-type"] == "text/event-stream")
    #expect(head.headers["transfer-encoding"] == "chunked")

    try PreviewProcess.save(PreviewProcess.notebook(weight: "0.75"), to: notebook)
    var messages: [String] = []
    let reload = try #require(Self.nextReload(events, timeout: 60, messages: &messages), "\(preview.stderr)")
    #expect(reload.0 == 1)
    let written = try #require(
      try FileManager.default.attributesOfItem(atPath: report.appendingPathComponent("results.json").path)[
        .modificationDate] as? Date)
    let delay = reload.1.timeIntervalSince(written)
    #expect(delay < 1.0, "reload \(delay) s after the report was written")

    let after = try PreviewProcess.loss(report)
    #expect(after != before)
    let reloaded = try HTTPProbe.get(port: preview.port, path: "/")
    #expect(reloaded.body.contains(Self.shown(after)))
    #expect(!reloaded.body.contains(Self.shown(before)))
    #expect(reloaded.body.contains("events?since=1\""))

    #expect(preview.interrupt() == 0)
    #expect(try PreviewProcess.loss(report) == after)
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: dir.appendingPathComponent("out").path
    )
    // The lock file `.nb.lock` stays by design (never inside a report folder, never deleted).
    .filter { $0.hasPrefix(".nb.") && $0 != ".nb.lock" }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  /// The served page is the file on disk with the script added; the file has no script.
  @Test func theReportOnDiskHasNoReloadScript() throws {
    let dir = try PreviewProcess.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try PreviewProcess.notebook(weight: "0.5").write(
      to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let preview = try PreviewProcess(notebook: "nb.md", out: "out", in: dir)
    let onDisk = try String(contentsOf: dir.appendingPathComponent("out/nb/nb.html"), encoding: .utf8)
    let served = try HTTPProbe.get(port: preview.port, path: "/nb.html")
    #expect(!onDisk.contains("EventSource"))
    #expect(served.body.replacingOccurrences(of: ReloadScript.element(generation: 0), with: "") == onDisk)
    #expect(preview.interrupt() == 0)
  }

  /// A block that fails shows its error box in the page and the server stays up; a notebook
  /// deleted and created again is run again.
  @Test func failuresAndADeletedNotebookKeepTheServerUp() throws {
    let dir = try PreviewProcess.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    try PreviewProcess.notebook(weight: "0.5").write(to: notebook, atomically: true, encoding: .utf8)
    let preview = try PreviewProcess(notebook: notebook.path, out: "out", in: dir)
    let report = dir.appendingPathComponent("out/nb")
    let events = try HTTPProbe(port: preview.port)
    events.send(path: "/__gradbook/events?since=0", host: "localhost:\(preview.port)")
    _ = try events.head(until: Date().addingTimeInterval(10))
    var messages: [String] = []

    try PreviewProcess.save(PreviewProcess.notebook(weight: "oops"), to: notebook)
    #expect(Self.nextReload(events, timeout: 60, messages: &messages)?.0 == 1, "\(preview.stderr)")
    let broken = try HTTPProbe.get(port: preview.port, path: "/")
    #expect(broken.status == 200)
    #expect(broken.body.contains("class=\"error-box\""))

    // Deleted: nothing is written, the last report is still served.
    try FileManager.default.removeItem(at: notebook)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(try HTTPProbe.get(port: preview.port, path: "/").body.contains("class=\"error-box\""))
    // Created again (a new file, as `mv` or a new editor buffer would).
    try PreviewProcess.notebook(weight: "0.9").write(to: notebook, atomically: true, encoding: .utf8)
    let reload = Self.nextReload(events, timeout: 60, messages: &messages)
    #expect(reload?.0 == 2, "\(preview.stderr)")
    let fixed = try HTTPProbe.get(port: preview.port, path: "/")
    #expect(!fixed.body.contains("class=\"error-box\""))
    #expect(fixed.body.contains(Self.shown(try PreviewProcess.loss(report))))
    #expect(preview.stderr.contains("the page keeps the last report"))
    // The channel sent reload events and nothing else.
    #expect(messages == [ReloadChannel.event(1), ReloadChannel.event(2)])
    #expect(preview.interrupt() == 0)
  }
}
