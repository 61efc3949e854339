import Foundation
import Testing

/// The reports as a reader's browser shows them: headless Chromium opens each page (see
/// `BrowserCheck` for how) and the tests assert that math rendered, every image loaded, no
/// console error occurred and no script from the notebook ran.
@Suite(.serialized) struct BrowserTests {
  /// `output/` of the checkout: the committed reports.
  static let output = CLI.root.appendingPathComponent("output", isDirectory: true)

  /// `output/*/*.html`, sorted (hidden folders such as `.cache` and staging folders skipped).
  static func committedReports() throws -> [URL] {
    let fm = FileManager.default
    guard fm.fileExists(atPath: output.path) else { return [] }
    var reports: [URL] = []
    for folder in try fm.contentsOfDirectory(atPath: output.path).sorted() where !folder.hasPrefix(".") {
      let dir = output.appendingPathComponent(folder, isDirectory: true)
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      for file in try fm.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".html") {
        reports.append(dir.appendingPathComponent(file))
      }
    }
    return reports
  }

  /// The checks every report passes: it loaded, each math span became KaTeX (and the page has
  /// KaTeX output when its HTML has math), no raw delimiter is left in visible text, every
  /// image and font loaded, and nothing went wrong: no error, failed load, dialog, event
  /// handler attribute or script URL.
  static func expectRendered(
    _ page: BrowserCheck.Page, html: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(page.problem == nil, "\(page)", sourceLocation: sourceLocation)
    if html.contains("<span class=\"math") {
      #expect(page.katex > 0, "math in the HTML but no KaTeX output: \(page)", sourceLocation: sourceLocation)
    }
    #expect(page.katex >= page.mathSpans, "\(page)", sourceLocation: sourceLocation)
    #expect(page.unrenderedMath.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.katexErrors.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.rawDelimiters.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.brokenImages.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.fontsFailed.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.errors.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.loadFailures.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.dialogs.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.handlers.isEmpty, "\(page)", sourceLocation: sourceLocation)
    #expect(page.scriptURLs.isEmpty, "\(page)", sourceLocation: sourceLocation)
  }

  /// Issue 7's main assertion, on every report committed in `output/` and on `index.html`.
  @Test func everyCommittedReportRendersInTheBrowser() throws {
    let reports = try Self.committedReports()
    try #require(
      !reports.isEmpty,
      "no reports in \(Self.output.path)/*/*.html: run `make run` (gradbook run notebooks/ --out output) and commit output/"
    )
    var pages = reports.map {
      (label: "\($0.deletingLastPathComponent().lastPathComponent)/\($0.lastPathComponent)", file: $0)
    }
    let index = Self.output.appendingPathComponent("index.html")
    let hasIndex = FileManager.default.fileExists(atPath: index.path)
    if hasIndex { pages.append((label: "index.html", file: index)) }
    let outcome = try BrowserCheck.run(pages)
    #expect(outcome.pages.count == pages.count)
    #expect(outcome.uncaught.isEmpty, "\(outcome.uncaught)")
    for (label, file) in pages {
      let page = try #require(outcome.page(label), "\(label) missing from the browser's result")
      let html = try String(contentsOf: file, encoding: .utf8)
      Self.expectRendered(page, html: html)
      if label != "index.html" {
        // Something of the report is on screen, not an empty or blank page.
        #expect(page.text.contains("Woven by gradbook"), "\(label)")
      }
    }
    if hasIndex {
      // Every link of the index leads to a report that exists.
      let html = try String(contentsOf: index, encoding: .utf8)
      let links = Self.hrefs(in: html)
      // Student handouts (`<name>-student/`, written by `--variant student`) are not indexed.
      for report in reports where !report.deletingLastPathComponent().lastPathComponent.hasSuffix("-student")
      {
        let link = "\(report.deletingLastPathComponent().lastPathComponent)/\(report.lastPathComponent)"
        #expect(links.contains(link), "index.html does not link to \(link) (a stale report folder?)")
      }
      for link in links {
        let target = Self.output.appendingPathComponent(link.removingPercentEncoding ?? link)
        #expect(FileManager.default.fileExists(atPath: target.path), "index.html links to missing \(link)")
      }
    }
  }

  /// Graph pictures stay legible at 100 % zoom (issue 16): the INF721 graphs notebook's
  /// pictures are inline SVG whose node labels render at 10 CSS px or more, in a 1000 px
  /// wide frame, and the plots' PNGs are drawn at twice their display size.
  @Test func graphLabelsAreLegibleAndFiguresAreHighDensity() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["run", "notebooks/inf721-graphs.md", "--out", out.path, "--quiet", "--no-cache"])
    #expect(r.status == 0, "\(r.stderr)")
    let html = out.appendingPathComponent("inf721-graphs/inf721-graphs.html")
    let text = try String(contentsOf: html, encoding: .utf8)
    #expect(text.contains("<figure class=\"graph\">"))
    let outcome = try BrowserCheck.run([(label: "graphs", file: html)])
    let page = try #require(outcome.page("graphs"))
    Self.expectRendered(page, html: text)
    let smallest = try #require(page.graphLabelMinPx, "no graph labels found: \(page)")
    #expect(smallest >= 10, "smallest graph label \(smallest) CSS px")
    // Every <img> declares its display size as half its pixel size.
    for match in text.matches(of: /<img src="([^"]+)"[^>]* width="(\d+)" height="(\d+)"/) {
      let png = try Data(contentsOf: html.deletingLastPathComponent().appendingPathComponent(String(match.1)))
      let pixels = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
      #expect(pixels == 2 * Int(match.2)!, "\(match.1)")
    }
  }

  /// `--self-contained`: one HTML file that still renders math (KaTeX and its fonts inlined)
  /// and shows its figures (data URIs) once `figures/` and `katex/` are deleted.
  @Test func selfContainedReportNeedsNoFolders() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run([
      "run", "notebooks/cmu-autodiff.md", "--self-contained", "--out", out.path, "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let folder = out.appendingPathComponent("cmu-autodiff", isDirectory: true)
    let html = folder.appendingPathComponent("cmu-autodiff.html")
    let fm = FileManager.default
    // The run drew the graph pictures (dot is installed): the test is about showing them.
    let figures = folder.appendingPathComponent("figures")
    let pictures = (try? fm.contentsOfDirectory(atPath: figures.path)) ?? []
    #expect(pictures.count >= 2, "figures/ holds \(pictures); stderr: \(r.stderr)")
    for sub in ["figures", "katex"] { try? fm.removeItem(at: folder.appendingPathComponent(sub)) }
    #expect(
      try fm.contentsOfDirectory(atPath: folder.path).sorted() == [
        ".gradbook", "cmu-autodiff.html", "cmu-autodiff.md", "results.json",
      ])

    let outcome = try BrowserCheck.run([(label: "self-contained", file: html)])
    #expect(outcome.uncaught.isEmpty, "\(outcome.uncaught)")
    let page = try #require(outcome.page("self-contained"))
    let text = try String(contentsOf: html, encoding: .utf8)
    Self.expectRendered(page, html: text)
    #expect(page.mathSpans >= 20, "\(page)")
    // The two graph pictures stand inline as SVG (no file to lose); any image is a data URI.
    #expect(page.graphPictures == pictures.count, "\(page)")
    for image in page.images { #expect(image.src.hasPrefix("data:image/png;base64,"), "\(image.src)") }
    // KaTeX's fonts came from the inlined style sheet (katex/fonts/ is gone).
    #expect(page.fontsLoaded > 0, "\(page)")
    #expect(!page.scripts.contains { $0.hasPrefix("src:") }, "\(page.scripts)")
  }

  /// Issue 7: `<script>alert(1)</script>` in a block name, in values and in a table cell (and
  /// raw HTML with event handlers and `javascript:` URLs in prose) gives a page where no
  /// script runs and each payload shows as text.
  @Test func scriptsFromTheNotebookNeverRun() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let fixture = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/xss.md")
    let r = try CLI.run(["run", fixture.path, "--out", out.path, "--quiet"])
    // Its blocks fail on purpose (the error messages quote the payloads).
    #expect(r.status == 1, "\(r.stderr)")
    let html = out.appendingPathComponent("xss/xss.html")
    let source = try String(contentsOf: html, encoding: .utf8)
    let outcome = try BrowserCheck.run([(label: "xss", file: html)], markers: ["alert(", "PWNED"])
    #expect(outcome.uncaught.isEmpty, "\(outcome.uncaught)")
    let page = try #require(outcome.page("xss"))
    #expect(page.problem == nil)
    // Nothing ran: no dialog, the title the page's scripts could have changed is intact, no
    // script element carries a payload, no element has an event handler or a script URL.
    #expect(page.dialogs.isEmpty, "\(page)")
    #expect(page.title == "XSS <script>alert(1)</script> <script>document.title='PWNED'</script>")
    #expect(page.markerScripts.isEmpty, "\(page)")
    #expect(page.handlers.isEmpty, "\(page)")
    #expect(page.scriptURLs.isEmpty, "\(page)")
    #expect(page.errors.isEmpty, "\(page)")
    // The only scripts are KaTeX's (and the checker's tripwire, which `scripts` leaves out).
    #expect(
      page.scripts.filter { $0.hasPrefix("src:") } == ["src:katex/katex.min.js", "src:katex/auto-render.js"],
      "\(page.scripts)")
    let inline = page.scripts.filter { $0.hasPrefix("inline:") }
    #expect(inline.count == 1 && inline[0].contains("renderMathInElement(document.body"), "\(inline)")
    // Each payload is on screen as text.
    let payload = "<script>alert(1)</script>"
    for shown in [
      "invalid block name '\(payload)'",  // block name, in the error box
      "activation '\(payload)'",  // a value: a layer of a model
      "<script>document.title='PWNED'</script>.csv",  // a value: a CSV path
      "script\t\(payload)",  // a table cell
      "title\t<script>document.title='PWNED'</script>",  // a table cell
      "Script payloads must stay text \(payload)",  // a heading
      "x\(payload)",  // the expected text of a check
    ] {
      #expect(page.text.contains(shown), "not shown as text: \(shown)")
    }
    // The raw HTML's harmless parts are kept: the link texts, the div, the images (without
    // their handlers; the files do not exist, so they are failed loads, not scripts), the
    // graph picture.
    #expect(page.text.contains("a javascript: link"))
    #expect(page.text.contains("javascript: link."))
    #expect(page.text.contains("a div with an event handler"))
    #expect(page.brokenImages == ["x", "missing.png"], "\(page)")
    #expect(page.images.count == 2, "\(page)")
    #expect(page.graphPictures == 1, "\(page)")
    let handlerInHTML = source.contains("onerror") || source.contains("onmouseover")
    let scriptURLInHTML = source.contains("javascript:alert")
    #expect(!handlerInHTML, "an event handler attribute reached the HTML")
    #expect(!scriptURLInHTML, "a javascript: URL reached the HTML")
    // Math in the same page still renders (prose and a table cell); TeX holding a payload is
    // TeX, not HTML.
    #expect(page.katex == page.mathSpans, "\(page)")
    #expect(page.mathSpans == 3, "\(page)")
    #expect(page.katexErrors.isEmpty, "\(page)")
  }

  /// The harness itself sees what it checks: a page with a running script, a dialog, a
  /// console error, an exception, a missing image, raw TeX and an event handler is reported
  /// with each of them (so a clean report above means something).
  @Test func harnessReportsEveryKindOfProblem() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.html")
    let html = """
      <!DOCTYPE html><html><head><meta charset="utf-8"><title>clean</title></head><body>
      <p>Display $$x^2$$ and inline <span class="math inline">\\(y\\)</span> never rendered.</p>
      <img src="missing.png" alt="missing">
      <b onclick="void 0">bold</b> <a href="javascript:void(0)">link</a>
      <script>alert('one'); document.title = 'PWNED'; console.error('boom');</script>
      <script>notDefinedAnywhere();</script>
      </body></html>
      """
    try Data(html.utf8).write(to: bad)
    let outcome = try BrowserCheck.run([(label: "bad", file: bad)], markers: ["PWNED"])
    let page = try #require(outcome.page("bad"))
    #expect(page.dialogs == ["alert(one)"])
    #expect(page.title == "PWNED")
    #expect(page.markerScripts.count == 1)
    #expect(page.errors.contains("console.error: boom"), "\(page.errors)")
    #expect(page.errors.contains { $0.contains("notDefinedAnywhere") }, "\(page.errors)")
    #expect(page.loadFailures == ["<img> missing.png"])
    #expect(page.brokenImages == ["missing.png"])
    #expect(page.rawDelimiters.count == 2, "\(page.rawDelimiters)")
    #expect(page.unrenderedMath == ["\\(y\\)"])
    #expect(page.katex == 0)
    #expect(page.mathSpans == 1)
    #expect(page.handlers == ["b onclick=void 0"])
    #expect(page.scriptURLs == ["a href=javascript:void(0)"])
    // Chromium's own console log saw the exception too.
    #expect(outcome.uncaught.contains { $0.contains("notDefinedAnywhere") }, "\(outcome.consoleLines)")
  }

  /// A page that blocks for good (a real `alert()`, which the tripwire cannot intercept at the
  /// top level) is killed at the time limit, with the browser's helper processes.
  @Test func aBlockedBrowserIsKilledAtTheTimeLimit() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("blocks.html")
    try Data("<!DOCTYPE html><title>t</title><script>alert(1)</script><p>after</p>".utf8).write(to: page)
    let run = try Chromium.dumpDOM(of: page, timeout: 3)
    #expect(run.timedOut)
    #expect(run.dom.isEmpty)
  }

  /// The `href` values of `<a>` elements in `html`.
  static func hrefs(in html: String) -> [String] {
    var links: [String] = []
    var rest = Substring(html)
    while let open = rest.range(of: "<a href=\"") {
      rest = rest[open.upperBound...]
      guard let close = rest.firstIndex(of: "\"") else { break }
      links.append(String(rest[..<close]).replacingOccurrences(of: "&amp;", with: "&"))
      rest = rest[close...]
    }
    return links
  }
}
