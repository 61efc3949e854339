import Foundation
import Testing

@testable import Report

@Suite struct KaTeXAssetsTests {
  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reportkit-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func copyWritesScriptsStylesAndRealFontFiles() throws {
    #expect(KaTeXAssets.isInstalled)
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try KaTeXAssets.copy(into: folder)
    try KaTeXAssets.copy(into: folder)  // overwriting an earlier copy works
    let katex = folder.appendingPathComponent("katex")
    for name in ["katex.min.css", "katex.min.js", "auto-render.js"] {
      #expect(FileManager.default.fileExists(atPath: katex.appendingPathComponent(name).path))
    }
    let fontsFolder = katex.appendingPathComponent("fonts")
    let fonts = try FileManager.default.contentsOfDirectory(atPath: fontsFolder.path)
    #expect(fonts.contains("KaTeX_Main-Regular.woff2"))
    #expect(!fonts.contains { $0.hasSuffix(".ttf") })
    let attributes = try FileManager.default.attributesOfItem(atPath: fontsFolder.path)
    #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
    let font = try Data(contentsOf: fontsFolder.appendingPathComponent("KaTeX_Main-Regular.woff2"))
    #expect(Array(font.prefix(4)) == Array("wOF2".utf8))
  }

  /// With a shared folder, reports get hard links to one copy made there once (same inode,
  /// same bytes as the installation); a changed installation gets a new shared copy.
  @Test func reportsShareOneCopyThroughHardLinks() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let shared = folder.appendingPathComponent(".cache")
    let a = folder.appendingPathComponent("a")
    let b = folder.appendingPathComponent("b")
    try KaTeXAssets.copy(into: a, shared: shared)
    try KaTeXAssets.copy(into: b, shared: shared)
    let copies = try FileManager.default.contentsOfDirectory(atPath: shared.path)
    #expect(copies.count == 1)
    #expect(copies.first?.hasPrefix("katex-") == true)
    func inode(_ url: URL) throws -> UInt64? {
      (try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?
        .uint64Value
    }
    let css = "katex/katex.min.css"
    #expect(try inode(a.appendingPathComponent(css)) == inode(b.appendingPathComponent(css)))
    #expect(
      try Data(contentsOf: a.appendingPathComponent(css))
        == Data(contentsOf: KaTeXAssets.systemDirectory.appendingPathComponent("katex.min.css")))
    let font = "katex/fonts/KaTeX_Main-Regular.woff2"
    #expect(try inode(a.appendingPathComponent(font)) == inode(b.appendingPathComponent(font)))
    // Another installation (here: a copy of the system one) gets its own shared copy.
    let other = folder.appendingPathComponent("other")
    try KaTeXAssets.copy(into: other)
    try FileManager.default.createDirectory(
      at: other.appendingPathComponent("katex/contrib"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: other.appendingPathComponent("katex/auto-render.js"),
      to: other.appendingPathComponent("katex/contrib/auto-render.js"))
    try KaTeXAssets.copy(
      into: folder.appendingPathComponent("c"), from: other.appendingPathComponent("katex"), shared: shared)
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path).count == 2)
  }

  @Test func missingInstallationNamesThePackages() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      try KaTeXAssets.copy(into: folder, from: folder.appendingPathComponent("absent"))
      Issue.record("expected an error")
    } catch {
      #expect(error.message.hasPrefix("KaTeX not found (no "))
      #expect(
        error.hint
          == "install the Debian packages libjs-katex and fonts-katex, e.g. with scripts/install-deps")
    }
  }

  @Test func headHTMLLoadsFilesAndRendersBracketDelimiters() {
    let head = KaTeXAssets.headHTML(relativePath: "../katex")
    #expect(head.contains(#"<link rel="stylesheet" href="../katex/katex.min.css">"#))
    #expect(head.contains(#"<script defer src="../katex/katex.min.js"></script>"#))
    #expect(head.contains(#"<script defer src="../katex/auto-render.js"></script>"#))
    #expect(head.contains(#"{left:"\\[",right:"\\]",display:true}"#))
    #expect(head.contains(#"{left:"\\(",right:"\\)",display:false}"#))
    #expect(head.contains("throwOnError:false"))
    #expect(!head.contains("$"))
  }

  @Test func inlineHeadHTMLIsSelfContained() throws {
    let head = try KaTeXAssets.inlineHeadHTML()
    #expect(head.contains("url(data:font/woff2;base64,"))
    #expect(!head.contains("url(fonts/"))
    #expect(!head.contains(".woff)"))
    #expect(head.contains("renderMathInElement"))
    #expect(head.components(separatedBy: "</script>").count == 4)
  }

  @Test func fontsAreInlinedOnePerFace() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data([1, 2, 3]).write(to: folder.appendingPathComponent("A.woff2"))
    let css =
      "@font-face{font-family:A;src:url(fonts/A.woff2) format('woff2'),url(fonts/A.woff) format('woff');font-weight:400}"
    let inlined = try KaTeXAssets.inlineFonts(css, fontsFolder: folder)
    #expect(
      inlined
        == "@font-face{font-family:A;src:url(data:font/woff2;base64,AQID) format('woff2');font-weight:400}")
    #expect(KaTeXAssets.scriptSafe("a</SCRIPT>b") == #"a<\/SCRIPT>b"#)
  }
}
