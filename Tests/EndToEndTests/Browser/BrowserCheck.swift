import Foundation

/// Opens HTML pages in headless Chromium, all in one launch, and reports what a reader's
/// browser saw: rendered math, loaded images and fonts, errors, dialogs, event handlers.
///
/// How it works. For each page, the page's HTML is read and two tags are put at the very start
/// of its `<head>`: a `<base href>` pointing at the page's folder (so `katex/…` and
/// `figures/…` resolve as when the file is opened directly) and a tripwire `<script>`. The
/// page then goes into an `<iframe srcdoc>` of one wrapper page (a srcdoc frame has the
/// wrapper's origin, so the wrapper can read its document). The wrapper waits for each
/// frame's `load` event (KaTeX renders on `DOMContentLoaded`, before it), turns lazy images
/// eager and waits for them and for the fonts, inspects the document and writes a JSON
/// summary (pure ASCII) into `<pre id="gradbook-result">`, which `--dump-dom` prints.
///
/// Console errors. The tripwire runs before any script of the page, so it sees everything:
/// uncaught exceptions (`error` events on the window), resources that failed to load (`error`
/// events of `<img>`, `<script>`, `<link>` caught in the capture phase), unhandled promise
/// rejections, `console.error` calls, and `alert`/`confirm`/`prompt`/`print`/`open`, which it
/// replaces by recorders (a real `alert()` would block headless Chromium until the time
/// limit). Hooking `window.onerror` from the wrapper after the frame loads would be too late,
/// and Chromium's `--enable-logging=stderr` log shows console messages without their level
/// and without failed resource loads, so it is only a second net: any `Uncaught` line there
/// is an error as well.
enum BrowserCheck {
  /// What the browser saw on one page (decoded from the wrapper's JSON).
  struct Page: Decodable, CustomStringConvertible {
    struct Image: Decodable {
      /// The `src` attribute, data URIs cut to their first 40 characters.
      var src: String
      var complete: Bool
      var naturalWidth: Int
      var loaded: Bool { complete && naturalWidth > 0 }
    }
    var label: String
    /// Why the page could not be inspected (it never loaded), if so.
    var problem: String?
    var title: String
    /// `.katex` elements (one per rendered formula).
    var katex: Int
    /// `span.math` elements written by the weaver.
    var mathSpans: Int
    /// `span.math` elements with no `.katex` inside: their text.
    var unrenderedMath: [String]
    /// `.katex-error` elements (TeX KaTeX could not parse): their message.
    var katexErrors: [String]
    /// Visible text (outside code, pre, script, style, textarea and KaTeX output) that still
    /// holds `$$`, `\(`, `\)`, `\[` or `\]`.
    var rawDelimiters: [String]
    var images: [Image]
    /// Font faces in state `loaded` / `error`.
    var fontsLoaded: Int
    var fontsFailed: [String]
    /// Uncaught exceptions, unhandled rejections, `console.error` calls.
    var errors: [String]
    /// `console.warn` calls (reported, not failures).
    var warnings: [String]
    /// Elements whose resource failed to load.
    var loadFailures: [String]
    /// Calls of alert, confirm, prompt, print, open.
    var dialogs: [String]
    /// The smallest rendered font size, in CSS pixels, of the text labels of inline graph
    /// pictures (`figure.graph svg text`): the SVG font size times the drawing's scale on
    /// screen. Nil when the page has no graph picture.
    var graphLabelMinPx: Double?
    /// Inline graph pictures (`figure.graph svg`).
    var graphPictures: Int?
    /// Attributes named `on…` on any element: `tag attribute=value`.
    var handlers: [String]
    /// `href`, `src`, `action`, `formaction`, `xlink:href` values with a `javascript:`,
    /// `vbscript:` or `data:text/html` URL.
    var scriptURLs: [String]
    /// The page's `<script>` elements (not the tripwire): `src:URL`, or `inline:TEXT` (the
    /// first 200 characters).
    var scripts: [String]
    /// `<script>` elements whose text holds one of the markers passed to `run`.
    var markerScripts: [String]
    /// `document.body.innerText`.
    var text: String

    /// Every image loaded (complete, with a width).
    var brokenImages: [String] { images.filter { !$0.loaded }.map(\.src) }

    var description: String {
      var s = "\(label): \(katex) KaTeX elements for \(mathSpans) math spans"
      let lists: [(String, [String])] = [
        ("unrendered math", unrenderedMath), ("KaTeX errors", katexErrors), ("raw delimiters", rawDelimiters),
        ("broken images", brokenImages), ("failed fonts", fontsFailed), ("errors", errors),
        ("warnings", warnings), ("load failures", loadFailures), ("dialogs", dialogs), ("handlers", handlers),
        ("script URLs", scriptURLs), ("marker scripts", markerScripts),
      ]
      if let problem { s += "; PROBLEM: \(problem)" }
      for (name, list) in lists where !list.isEmpty { s += "; \(name): \(list)" }
      return s
    }
  }

  /// The pages of one Chromium launch and its console.
  struct Outcome {
    var pages: [Page]
    /// Chromium's console lines from standard error.
    var consoleLines: [String]
    /// Console lines that report an uncaught exception.
    var uncaught: [String] { consoleLines.filter { $0.contains("Uncaught") } }
    var seconds: Double

    /// The page with this label (as passed to `run`).
    func page(_ label: String) -> Page? { pages.first { $0.label == label } }
  }

  /// Opens every `(label, file)` page in one Chromium launch. `markers`: strings whose
  /// presence in a `<script>` element's text is reported (`markerScripts`).
  static func run(_ files: [(label: String, file: URL)], markers: [String] = []) throws -> Outcome {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-browser-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    var pages: [[String: String]] = []
    for (label, file) in files {
      let html = try String(contentsOf: file, encoding: .utf8)
      pages.append(["label": label, "html": instrumented(html, folder: file.deletingLastPathComponent())])
    }
    let config: [String: Any] = ["pages": pages, "markers": markers, "waitMilliseconds": 5000]
    let json = String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
    // `<` only occurs inside JSON strings, where `\u003c` means the same; this keeps a
    // page's `</script>` from closing the wrapper's JSON element.
    let safeJSON = json.replacingOccurrences(of: "<", with: "\\u003c")
    let wrapper = """
      <!DOCTYPE html>
      <html><head><meta charset="utf-8"><title>gradbook browser check</title></head>
      <body><pre id="gradbook-result">pending</pre>
      <script type="application/json" id="gradbook-config">\(safeJSON)</script>
      <script>\(inspector)</script>
      </body></html>
      """
    let wrapperFile = work.appendingPathComponent("check.html")
    try Data(wrapper.utf8).write(to: wrapperFile)
    // Each page may wait up to 4 × 5 s of virtual time; virtual time runs ahead while the
    // page is idle, so a generous budget costs no wall time.
    let budget = 30_000 + 25_000 * files.count
    var run = try Chromium.dumpDOM(of: wrapperFile, virtualTimeBudget: budget)
    if !run.timedOut && run.dom.isEmpty {
      // Chromium itself failed (no DOM at all, e.g. a crashed helper on a loaded machine):
      // one more try; a page's own problems always produce a DOM.
      run = try Chromium.dumpDOM(of: wrapperFile, virtualTimeBudget: budget)
    }
    if run.timedOut {
      throw Chromium.Failure(
        description:
          "Chromium did not finish within the time limit (a JavaScript dialog such as alert() blocks "
          + "headless Chromium); console: \(run.consoleLines)")
    }
    guard let open = run.dom.range(of: "<pre id=\"gradbook-result\">"),
      let close = run.dom[open.upperBound...].range(of: "</pre>")
    else {
      throw Chromium.Failure(
        description: "no result in Chromium's DOM dump; console: \(run.consoleLines); stderr tail: "
          + String(run.stderr.suffix(2000)))
    }
    // The wrapper escapes every non-ASCII character and `<`, `>`, `&` in its JSON, so the
    // dumped text is the JSON itself.
    let text = String(run.dom[open.upperBound..<close.lowerBound])
    if text == "pending" {
      throw Chromium.Failure(
        description: "the wrapper page did not finish within Chromium's virtual time budget")
    }
    let data = Data(text.utf8)
    if let failure = try? JSONDecoder().decode([String: String].self, from: data),
      let message = failure["wrapperError"]
    {
      throw Chromium.Failure(description: "the wrapper page failed: \(message)")
    }
    guard let decoded = try? JSONDecoder().decode([Page].self, from: data) else {
      throw Chromium.Failure(description: "unreadable result from the wrapper page: \(text.prefix(2000))")
    }
    return Outcome(pages: decoded, consoleLines: run.consoleLines, seconds: run.seconds)
  }

  /// The page's HTML with `<base href="FOLDER/">` and the tripwire script inserted right after
  /// `<head…>` (or `<html…>`, or at the very start), before any of the page's own tags.
  static func instrumented(_ html: String, folder: URL) -> String {
    var base = folder.absoluteString
    if !base.hasSuffix("/") { base += "/" }
    let escapedBase = base.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
      of: "\"", with: "&quot;")
    let inserted = "<base href=\"\(escapedBase)\"><script id=\"gradbook-tripwire\">\(tripwire)</script>"
    for tag in ["<head", "<html"] {
      if let open = html.range(of: tag, options: .caseInsensitive),
        let end = html[open.upperBound...].firstIndex(of: ">")
      {
        let after = html.index(after: end)
        return String(html[..<after]) + inserted + String(html[after...])
      }
    }
    return inserted + html
  }

  /// Runs first in every inspected page: records errors, failed loads, console errors and
  /// warnings, and dialogs into `window.__gradbookTripwire`.
  static let tripwire = """
    (function(){
    var t = window.__gradbookTripwire = {errors: [], warnings: [], loadFailures: [], dialogs: []};
    function text(args){ return Array.prototype.map.call(args, function(a){ return String(a); }).join(' ').slice(0, 300); }
    window.addEventListener('error', function(e){
      var el = e.target;
      if (el && el !== window && el.nodeType === 1) {
        var where = el.getAttribute('src') || el.getAttribute('href') || '';
        t.loadFailures.push('<' + el.localName + '> ' + where.slice(0, 120));
      } else {
        t.errors.push('uncaught ' + e.message + ' (' + e.filename + ':' + e.lineno + ')');
      }
    }, true);
    window.addEventListener('unhandledrejection', function(e){ t.errors.push('unhandled rejection: ' + String(e.reason)); });
    var c = window.console, error = c.error, warn = c.warn;
    c.error = function(){ t.errors.push('console.error: ' + text(arguments)); return error.apply(c, arguments); };
    c.warn = function(){ t.warnings.push('console.warn: ' + text(arguments)); return warn.apply(c, arguments); };
    ['alert', 'confirm', 'prompt', 'print', 'open'].forEach(function(name){
      window[name] = function(){ t.dialogs.push(name + '(' + text(arguments) + ')'); return null; };
    });
    })();
    """

  /// The wrapper's script: loads every page into an iframe, inspects it, writes the JSON.
  static let inspector = #"""
    (async function(){
    const out = document.getElementById('gradbook-result');
    // JSON with every character outside printable ASCII, and < > &, as \uXXXX: the DOM dump
    // prints it verbatim.
    const ascii = s => s.replace(/[^\x20-\x7e]|[<>&]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    try {
      const config = JSON.parse(document.getElementById('gradbook-config').textContent);
      const sleep = ms => new Promise(r => setTimeout(r, ms));
      const wait = config.waitMilliseconds;
      const inspect = async (frame, page) => {
        const win = frame.contentWindow, doc = frame.contentDocument;
        const trip = win.__gradbookTripwire || {errors: ['tripwire missing'], warnings: [], loadFailures: [], dialogs: []};
        const images = Array.from(doc.images);
        for (const img of images) if (img.loading === 'lazy') img.loading = 'eager';
        await Promise.race([Promise.all(images.map(img => img.complete ? null :
          new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); }))), sleep(wait)]);
        await Promise.race([doc.fonts.ready, sleep(wait)]);
        const skip = el => el.closest('code, pre, script, style, textarea, .katex, .katex-display, .katex-error');
        const rawDelimiters = [];
        const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!/\$\$|\\[()\[\]]/.test(n.nodeValue)) continue;
          if (n.parentElement && skip(n.parentElement)) continue;
          rawDelimiters.push(n.nodeValue.trim().slice(0, 160));
        }
        const all = Array.from(doc.querySelectorAll('*'));
        const handlers = [], scriptURLs = [];
        for (const el of all) for (const a of Array.from(el.attributes)) {
          if (/^on/i.test(a.name)) handlers.push(el.localName + ' ' + a.name + '=' + a.value.slice(0, 120));
          if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) &&
              /^(javascript|vbscript):|^data:text\/html/i.test(a.value.replace(/[\x00-\x20]/g, '')))
            scriptURLs.push(el.localName + ' ' + a.name + '=' + a.value.slice(0, 120));
        }
        const scripts = Array.from(doc.scripts).filter(s => s.id !== 'gradbook-tripwire');
        const fonts = Array.from(doc.fonts);
        return {
          label: page.label,
          title: doc.title,
          katex: doc.querySelectorAll('.katex').length,
          mathSpans: doc.querySelectorAll('span.math').length,
          unrenderedMath: Array.from(doc.querySelectorAll('span.math')).filter(s => !s.querySelector('.katex'))
            .map(s => s.textContent.slice(0, 160)),
          katexErrors: Array.from(doc.querySelectorAll('.katex-error')).map(e => (e.title || e.textContent).slice(0, 200)),
          rawDelimiters,
          images: images.map(i => ({src: (i.getAttribute('src') || '').slice(0, i.src.startsWith('data:') ? 40 : 300),
            complete: i.complete, naturalWidth: i.naturalWidth})),
          fontsLoaded: fonts.filter(f => f.status === 'loaded').length,
          fontsFailed: fonts.filter(f => f.status === 'error').map(f => f.family),
          errors: trip.errors, warnings: trip.warnings, loadFailures: trip.loadFailures, dialogs: trip.dialogs,
          handlers, scriptURLs,
          scripts: scripts.map(s => s.src ? 'src:' + s.getAttribute('src') : 'inline:' + s.text.slice(0, 200)),
          markerScripts: scripts.filter(s => config.markers.some(m => s.text.includes(m))).map(s => s.text.slice(0, 160)),
          text: doc.body ? doc.body.innerText : '',
          graphPictures: doc.querySelectorAll('figure.graph svg').length,
          graphLabelMinPx: (() => {
            const sizes = Array.from(doc.querySelectorAll('figure.graph svg text')).map(t => {
              const svg = t.ownerSVGElement, box = svg.viewBox && svg.viewBox.baseVal;
              const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
              return parseFloat(frame.contentWindow.getComputedStyle(t).fontSize) * scale;
            });
            return sizes.length ? Math.min(...sizes) : null;
          })()
        };
      };
      const blank = (label, problem) => ({label, problem, title: '', katex: 0, mathSpans: 0, unrenderedMath: [],
        katexErrors: [], rawDelimiters: [], images: [], fontsLoaded: 0, fontsFailed: [], errors: [], warnings: [],
        loadFailures: [], dialogs: [], handlers: [], scriptURLs: [], scripts: [], markerScripts: [], text: ''});
      const check = page => new Promise(resolve => {
        const frame = document.createElement('iframe');
        frame.style.cssText = 'width:1000px;height:800px;border:0;display:block';
        const timer = setTimeout(() => resolve(blank(page.label, 'did not load within ' + (4 * wait) + ' ms')), 4 * wait);
        frame.addEventListener('load', () => {
          clearTimeout(timer);
          inspect(frame, page).then(resolve, e => resolve(blank(page.label, 'inspection failed: ' + e)));
        }, {once: true});
        frame.srcdoc = page.html;
        document.body.appendChild(frame);
      });
      const results = [];
      for (const page of config.pages) results.push(await check(page));
      out.textContent = ascii(JSON.stringify(results));
    } catch (e) {
      out.textContent = ascii(JSON.stringify({wrapperError: String(e && e.stack || e)}));
    }
    })();
    """#
}
