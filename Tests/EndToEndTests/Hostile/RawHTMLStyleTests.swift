import Foundation
import Testing

/// Raw HTML in prose loses `style=` (as on GitHub), so a notebook cannot lay a
/// full-page overlay over its report.
@Suite struct RawHTMLStyleTests {
  @Test func aFullPageOverlayLosesItsStyle() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let overlay =
      #"<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff;z-index:9999" class="note">Nothing to see</div>"#
    try Hostile.write("# Overlay\n\n\(overlay)\n\nText.\n", to: dir.appendingPathComponent("nb.md"))
    let r = try CLI.run(["run", "nb.md", "--out", "out", "--format", "html", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb/nb.html"), encoding: .utf8)
    #expect(html.contains(#"<div class="note">Nothing to see</div>"#))
    #expect(!html.contains("position:fixed"))
    #expect(!html.contains("z-index:9999"))
  }
}
