import Foundation
import Testing

/// Issue 15's second "done when": headless Chromium shows the page, the test edits the
/// notebook, and the new value appears in the live DOM without the test reloading anything;
/// the page comes back at the same scroll position.
@Suite(.serialized) struct BrowserReloadTests {
  @Test func theOpenPageShowsTheNewValueAtTheSameScrollPosition() throws {
    let dir = try PreviewProcess.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("nb.md")
    // Prose before the block, so that the page scrolls.
    let prose = (1...60).map { "Paragraph \($0) of prose before the block.\n" }.joined(separator: "\n")
    let text = { (weight: String) in
      PreviewProcess.notebook(weight: weight).replacingOccurrences(
        of: "Some prose, long enough to scroll.", with: prose)
    }
    try text("0.5").write(to: notebook, atomically: true, encoding: .utf8)
    let preview = try PreviewProcess(notebook: "nb.md", out: "out", in: dir)
    let report = dir.appendingPathComponent("out/nb")
    let before = PreviewEndToEndTests.shown(try PreviewProcess.loss(report))

    let page = try DevTools(url: "http://127.0.0.1:\(preview.port)/")
    #expect(try page.waitFor("document.body.innerText.includes('\(before)')", timeout: 30))
    // Give the page a moment to open its reload channel, then scroll and leave a mark that
    // only this load of the page has.
    Thread.sleep(forTimeInterval: 0.5)
    _ = try page.evaluate("window.scrollTo(0, 400); window.gradbookTestMark = 1; window.scrollY")
    #expect(try page.evaluate("window.scrollY") == "400")

    try PreviewProcess.save(text("0.75"), to: notebook)
    let after = PreviewEndToEndTests.shown(try Self.waitForNewLoss(report, not: before))
    #expect(
      try page.waitFor("document.body.innerText.includes('\(after)')", timeout: 30), "\(preview.stderr)")
    #expect(try page.evaluate("document.body.innerText.includes('\(before)')") == "false")
    #expect(try page.evaluate("window.gradbookTestMark === undefined") == "true")
    #expect(
      try page.waitFor(
        "document.readyState === 'complete' && Math.abs(window.scrollY - 400) <= 2", timeout: 5))
    #expect(preview.interrupt() == 0)
  }

  /// The loss in results.json once it differs from `old` (as shown).
  static func waitForNewLoss(_ report: URL, not old: String) throws -> Double {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if let loss = try? PreviewProcess.loss(report), PreviewEndToEndTests.shown(loss) != old { return loss }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw DevTools.Failure(description: "the report did not change")
  }
}
