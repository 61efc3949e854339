import Foundation
import Notebook

/// Prints a staged HTML report to PDF with headless Chromium (contract §15).
///
/// The page is opened over the DevTools pipe (``ChromiumPipe``), printed once its `load` event
/// fired (KaTeX's auto-render runs on `DOMContentLoaded`, before `load`) and its fonts are
/// ready, with `Page.printToPDF`: the paper of `paper:`, backgrounds printed, and a footer
/// holding the title on the left and `page / pages` on the right (Chromium ignores CSS `@page`
/// margin boxes, so the footer is its header/footer template). The print rules of the page
/// (`@media print` in ``HTMLWeaver/stylesheet``) keep table rows, figures and a block's header
/// with its first table on one page.
///
/// Same bytes every run: Chromium's PDF differs between runs only in its `/CreationDate` and
/// `/ModDate`, which ``fixDates(_:)`` overwrites with a constant of the same length, so the
/// cross-reference offsets stay valid.
public enum PDFPrinter {
  /// How long one print may take, page load included.
  static let timeoutSeconds = 120.0

  /// Prints `html` (a file in the staging folder, its KaTeX files and figures beside it) to
  /// `pdf`. Throws ``ReportError``: Chromium missing (naming the package `chromium`), failing,
  /// or slower than ``timeoutSeconds``.
  public static func print(html: URL, to pdf: URL, paper: Paper) throws(ReportError) {
    let browser = try ChromiumPipe(seconds: timeoutSeconds)
    defer { browser.close() }
    let target = try browser.call("Target.createTarget", ["url": "about:blank"])
    guard let targetID = target["targetId"] as? String else {
      throw ReportError(message: "chromium opened no page to print")
    }
    let attached = try browser.call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
    guard let session = attached["sessionId"] as? String else {
      throw ReportError(message: "chromium opened no page to print")
    }
    try browser.call("Page.enable", session: session)
    let navigated = try browser.call(
      "Page.navigate", ["url": html.absoluteURL.absoluteString], session: session)
    if let problem = navigated["errorText"] as? String {
      throw ReportError(message: "chromium could not open \(html.path): \(problem)")
    }
    try browser.event("Page.loadEventFired", session: session)
    try browser.call(
      "Runtime.evaluate",
      ["expression": openEverything, "awaitPromise": true, "returnByValue": true],
      session: session)
    let printed = try browser.call("Page.printToPDF", printParameters(paper), session: session)
    guard let base64 = printed["data"] as? String, let bytes = Data(base64Encoded: base64) else {
      throw ReportError(message: "chromium returned no PDF")
    }
    do {
      try renumberNodeIDs(fixDates(bytes)).write(to: pdf)
    } catch {
      throw ReportError(message: "cannot write \(pdf.path): \(error.localizedDescription)")
    }
  }

  /// Run in the page before printing: opens every `<details>` (a folded full table prints
  /// whole), makes lazy images eager, and waits for the images and fonts.
  static let openEverything = """
    (async () => {
      document.querySelectorAll('details').forEach(d => { d.open = true; });
      const images = Array.from(document.images);
      images.forEach(i => { i.loading = 'eager'; });
      await Promise.all(images.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
      await document.fonts.ready;
      return true;
    })()
    """

  /// `Page.printToPDF` parameters: paper size in inches, margins 0.6 in (0.7 in at the bottom,
  /// for the footer), the footer template, backgrounds on, the page's own size rules off.
  static func printParameters(_ paper: Paper) -> [String: Any] {
    let footer = """
      <div style="width:100%;margin:0 0.6in;display:flex;justify-content:space-between;\
      font:8pt system-ui,'DejaVu Sans',sans-serif;color:#5b6475">\
      <span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>
      """
    return [
      "paperWidth": paper.inches.width, "paperHeight": paper.inches.height,
      "marginTop": 0.6, "marginBottom": 0.7, "marginLeft": 0.6, "marginRight": 0.6,
      "printBackground": true, "displayHeaderFooter": true, "headerTemplate": "<span></span>",
      "footerTemplate": footer, "preferCSSPageSize": false,
    ]
  }

  /// The date written into every PDF's `/CreationDate` and `/ModDate`: the Unix epoch.
  static let fixedDate = Array("D:19700101000000+00'00'".utf8)

  /// `pdf` with the value of each `/CreationDate (…)` and `/ModDate (…)` replaced by
  /// ``fixedDate`` when it has the same length (Chromium writes `D:YYYYMMDDHHmmSS+00'00'`);
  /// other values and all other bytes are kept, so offsets in the file stay right.
  static func fixDates(_ pdf: Data) -> Data {
    var bytes = [UInt8](pdf)
    for key in ["/CreationDate (", "/ModDate ("] {
      let pattern = Array(key.utf8)
      var i = 0
      while let start = ByteSearch.find(pattern, in: bytes, from: i) {
        let valueStart = start + pattern.count
        i = valueStart
        guard let close = bytes[valueStart...].firstIndex(of: UInt8(ascii: ")")) else { break }
        // Chromium escapes no parenthesis inside a date; a value of another length is kept.
        if close - valueStart == fixedDate.count {
          bytes.replaceSubrange(valueStart..<close, with: fixedDate)
        }
      }
    }
    return Data(bytes)
  }

  /// `pdf` with every structure-tree id `(nodeNNNNNNNN)` (8 digits) replaced by its rank
  /// among the distinct ids, 1-based and again 8 digits: Chromium numbers them from a
  /// counter that a busy machine sometimes advances once more before printing (seen: every
  /// id one lower), which changed the bytes of an unchanged report. Ranks keep the ids'
  /// order (the `/IDTree` stays sorted) and their length (offsets stay right).
  static func renumberNodeIDs(_ pdf: Data) -> Data {
    var bytes = [UInt8](pdf)
    let prefix = Array("(node".utf8)
    let width = 8
    var places: [Int] = []
    var i = 0
    while let start = ByteSearch.find(prefix, in: bytes, from: i) {
      let digits = start + prefix.count
      i = digits
      guard digits + width < bytes.count, bytes[digits + width] == UInt8(ascii: ")"),
        bytes[digits..<(digits + width)].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      else { continue }
      places.append(digits)
    }
    let ids = Set(places.map { Array(bytes[$0..<($0 + width)]) })
    let rank = Dictionary(
      uniqueKeysWithValues: ids.sorted { $0.lexicographicallyPrecedes($1) }.enumerated().map {
        ($1, Array(String(format: "%08d", $0 + 1).utf8))
      })
    for place in places {
      if let new = rank[Array(bytes[place..<(place + width)])] {
        bytes.replaceSubrange(place..<(place + width), with: new)
      }
    }
    return Data(bytes)
  }
}

extension Paper {
  /// Width and height in inches: A4 is 210 × 297 mm, US Letter 8.5 × 11 in.
  var inches: (width: Double, height: Double) {
    switch self {
    case .a4: (210 / 25.4, 297 / 25.4)
    case .letter: (8.5, 11)
    }
  }
}
