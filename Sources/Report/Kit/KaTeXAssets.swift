import Executor
import Foundation

/// The KaTeX files shipped by Debian (`libjs-katex`, `fonts-katex`), for rendering math in the
/// HTML report in the browser, offline.
///
/// `MarkdownHTML.render` writes math as `\(…\)` (inline) and `\[…\]` (display); the head
/// produced here loads KaTeX and its auto-render extension and renders exactly those
/// delimiters (never `$`, so prices and shell snippets in prose are left alone).
public enum KaTeXAssets {
  /// Where Debian installs KaTeX (`katex.min.js`, `katex.min.css`, `contrib/auto-render.js`,
  /// and `fonts/`, a link to `/usr/share/fonts/truetype/katex`).
  public static let systemDirectory = URL(fileURLWithPath: "/usr/share/javascript/katex")

  /// Font formats copied or inlined, in order of preference (modern browsers take woff2).
  static let fontExtensions = ["woff2", "woff"]

  /// Whether the KaTeX files are installed (the script, the style sheet, auto-render, and at
  /// least one woff2 font).
  public static var isInstalled: Bool {
    (try? sources(in: systemDirectory)) != nil
  }

  /// Copies KaTeX beside a report: writes `directory/katex/katex.min.css`, `katex.min.js`,
  /// `auto-render.js` and `fonts/*.woff2` + `fonts/*.woff` (real files, not links, so the output
  /// folder can be moved or served). Creates the folders as needed and overwrites older copies.
  /// Throws `ReportError` naming `libjs-katex` and `fonts-katex` when the files are missing,
  /// or naming the path when it cannot write.
  ///
  /// With `shared` (a folder gradbook owns, the output's `.cache/`), the files are copied there
  /// once per KaTeX installation (`katex-STAMP/`, STAMP a hash of each source's path, size and
  /// modification time) and hard-linked into the report: a warm run of ten reports no longer
  /// copies 43 files ten times. Where a link fails (another file system), the file is copied.
  public static func copy(into directory: URL, shared: URL? = nil) throws(ReportError) {
    try copy(into: directory, from: systemDirectory, shared: shared)
  }

  /// `copy(into:shared:)` from another installation folder (for tests).
  static func copy(into directory: URL, from source: URL, shared: URL? = nil) throws(ReportError) {
    let installed = try sources(in: source)
    if let shared, let copy = sharedCopy(of: installed, in: shared) {
      return try place(copy, into: directory, link: true)
    }
    try place(installed, into: directory, link: false)
  }

  /// What identifies the installed KaTeX files (each one's resolved path, size and modification
  /// time), or `missing` when they are not all there: a report that copies or inlines them
  /// is the same while this is. Read once per process (about 40 files, each a few `stat`s).
  public static let installationStamp: String =
    (try? sources(in: systemDirectory)).flatMap(stamp(of:)) ?? "missing"

  /// The resolved path, size and modification time of every file of `installed`, one line
  /// each; nil when one cannot be read.
  static func stamp(of installed: Sources) -> String? {
    var stamp = ""
    for file in [installed.css, installed.script, installed.autoRender] + installed.fonts {
      let resolved = file.resolvingSymlinksInPath()
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path) else {
        return nil
      }
      let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
      let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      stamp += "\(resolved.path)\u{1F}\(size)\u{1F}\(time)\n"
    }
    return stamp
  }

  /// The installed files copied once into `shared/katex-STAMP/` (reused while the installation
  /// is unchanged), or nil when that copy cannot be made.
  static func sharedCopy(of installed: Sources, in shared: URL) -> Sources? {
    let fileManager = FileManager.default
    guard let stamp = stamp(of: installed) else { return nil }
    let folder = shared.appendingPathComponent("katex-" + ContentHash.hex128(stamp), isDirectory: true)
    let copy = Sources(
      css: folder.appendingPathComponent("katex.min.css"),
      script: folder.appendingPathComponent("katex.min.js"),
      autoRender: folder.appendingPathComponent("auto-render.js"),
      fonts: installed.fonts.map { folder.appendingPathComponent("fonts/" + $0.lastPathComponent) })
    let complete = folder.appendingPathComponent(".complete")
    if fileManager.fileExists(atPath: complete.path) { return copy }
    // Built in a private folder and renamed into place, so a concurrent run never sees half.
    let staging = shared.appendingPathComponent(
      "katex-" + ContentHash.hex128(stamp) + ".tmp-\(ProcessInfo.processInfo.processIdentifier)",
      isDirectory: true)
    do {
      try? fileManager.removeItem(at: staging)
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
      try place(installed, into: staging, link: false)
      try fileManager.moveItem(
        at: staging.appendingPathComponent("katex", isDirectory: true), to: folder)
      try Data().write(to: complete)
      try? fileManager.removeItem(at: staging)
    } catch {
      try? fileManager.removeItem(at: staging)
      return fileManager.fileExists(atPath: complete.path) ? copy : nil
    }
    return copy
  }

  /// Writes `files` as `directory/katex/…`: hard links when `link` (falling back to a copy),
  /// else copies.
  private static func place(_ files: Sources, into directory: URL, link: Bool) throws(ReportError) {
    let target = directory.appendingPathComponent("katex", isDirectory: true)
    let fontsTarget = target.appendingPathComponent("fonts", isDirectory: true)
    let fileManager = FileManager.default
    do {
      try fileManager.createDirectory(at: fontsTarget, withIntermediateDirectories: true)
    } catch {
      throw ReportError(
        message: "cannot create \(fontsTarget.path): \(error.localizedDescription)",
        hint: "check that the output folder is writable")
    }
    var copies: [(URL, URL)] = [
      (files.css, target.appendingPathComponent("katex.min.css")),
      (files.script, target.appendingPathComponent("katex.min.js")),
      (files.autoRender, target.appendingPathComponent("auto-render.js")),
    ]
    for font in files.fonts {
      copies.append((font, fontsTarget.appendingPathComponent(font.lastPathComponent)))
    }
    for (from, to) in copies {
      if link {
        try? fileManager.removeItem(at: to)
        if (try? fileManager.linkItem(at: from, to: to)) != nil { continue }
      }
      let data = try read(from)
      do {
        try data.write(to: to, options: .atomic)
      } catch {
        throw ReportError(
          message: "cannot write \(to.path): \(error.localizedDescription)",
          hint: "check that the output folder is writable")
      }
    }
  }

  /// The `<head>` tags for a page whose KaTeX copy is at `relativePath` (as written by
  /// `copy(into:)`, default `katex` beside the page): the style sheet, the two scripts with
  /// `defer`, and a call of `renderMathInElement` on `document.body` when the page has loaded,
  /// with delimiters `\[ \]` (display) and `\( \)` (inline) and `throwOnError: false` (a
  /// formula KaTeX cannot parse is shown in red instead of stopping the page).
  /// `relativePath` is HTML-escaped.
  public static func headHTML(relativePath: String = "katex") -> String {
    let base = HTMLText.escape(relativePath.hasSuffix("/") ? String(relativePath.dropLast()) : relativePath)
    return """
      <link rel="stylesheet" href="\(base)/katex.min.css">
      <script defer src="\(base)/katex.min.js"></script>
      <script defer src="\(base)/auto-render.js"></script>
      <script>\(renderCall)</script>

      """
  }

  /// A self-contained `<head>` fragment: the style sheet in a `<style>` element with each
  /// font as a `data:font/woff2;base64,…` URI (other formats dropped), KaTeX and auto-render
  /// inlined in `<script>` elements, then the same render call as `headHTML`. About 1 MB.
  /// Throws `ReportError` naming `libjs-katex` and `fonts-katex` when the files are missing.
  public static func inlineHeadHTML() throws(ReportError) -> String {
    try inlineHeadHTML(from: systemDirectory)
  }

  /// `inlineHeadHTML()` from another installation folder (for tests).
  static func inlineHeadHTML(from source: URL) throws(ReportError) -> String {
    let files = try sources(in: source)
    let css = String(decoding: try read(files.css), as: UTF8.self)
    let fontsFolder = files.fonts.first?.deletingLastPathComponent() ?? source
    let inlinedCSS = try inlineFonts(css, fontsFolder: fontsFolder)
    let script = String(decoding: try read(files.script), as: UTF8.self)
    let autoRender = String(decoding: try read(files.autoRender), as: UTF8.self)
    return "<style>\n" + inlinedCSS + "\n</style>\n" + "<script>\n" + scriptSafe(script)
      + "\n</script>\n" + "<script>\n" + scriptSafe(autoRender) + "\n</script>\n"
      + "<script>" + renderCall + "</script>\n"
  }

  /// The JavaScript that renders every `\(…\)` and `\[…\]` in the page once it has loaded.
  static let renderCall =
    #"document.addEventListener("DOMContentLoaded",function(){renderMathInElement(document.body,"#
    + #"{delimiters:[{left:"\\[",right:"\\]",display:true},{left:"\\(",right:"\\)",display:false}],"#
    + #"throwOnError:false});});"#

  /// The installed files `copy` and `inlineHeadHTML` use.
  struct Sources {
    var css: URL
    var script: URL
    var autoRender: URL
    /// woff2 and woff fonts, sorted by file name.
    var fonts: [URL]
  }

  /// Locates the files under `directory` or throws the "install libjs-katex" error.
  static func sources(in directory: URL) throws(ReportError) -> Sources {
    let fileManager = FileManager.default
    let css = directory.appendingPathComponent("katex.min.css")
    let script = directory.appendingPathComponent("katex.min.js")
    let autoRender = directory.appendingPathComponent("contrib/auto-render.js")
    let fontsFolder = directory.appendingPathComponent("fonts", isDirectory: true).resolvingSymlinksInPath()
    for file in [css, script, autoRender] where !fileManager.fileExists(atPath: file.path) {
      throw missing(file)
    }
    let names = (try? fileManager.contentsOfDirectory(atPath: fontsFolder.path)) ?? []
    let fonts =
      names
      .filter { name in fontExtensions.contains { name.hasSuffix("." + $0) } }
      .sorted()
      .map { fontsFolder.appendingPathComponent($0) }
    guard fonts.contains(where: { $0.pathExtension == "woff2" }) else {
      throw missing(fontsFolder.appendingPathComponent("*.woff2"))
    }
    return Sources(css: css, script: script, autoRender: autoRender, fonts: fonts)
  }

  /// The error for a missing KaTeX file.
  static func missing(_ file: URL) -> ReportError {
    ReportError(
      message: "KaTeX not found (no \(file.path))",
      hint: "install the Debian packages libjs-katex and fonts-katex, e.g. with scripts/install-deps")
  }

  private static func read(_ file: URL) throws(ReportError) -> Data {
    do {
      return try Data(contentsOf: file.resolvingSymlinksInPath())
    } catch {
      throw missing(file)
    }
  }

  /// Rewrites every `src:` list of an `@font-face` rule whose first entry is
  /// `url(fonts/NAME.woff2) format('woff2')` to that font alone as a data URI.
  static func inlineFonts(_ css: String, fontsFolder: URL) throws(ReportError) -> String {
    var out = ""
    var rest = Substring(css)
    while let srcRange = rest.range(of: "src:") {
      out += rest[..<srcRange.upperBound]
      rest = rest[srcRange.upperBound...]
      // The declaration ends at the next ';' or '}' (no quoted ';' occurs in KaTeX's URLs).
      let end = rest.firstIndex(where: { $0 == ";" || $0 == "}" }) ?? rest.endIndex
      let declaration = rest[..<end]
      if let woff2 = firstWoff2Name(in: declaration) {
        let data = try read(fontsFolder.appendingPathComponent(woff2))
        out += "url(" + DataURI.encode(data, mediaType: "font/woff2") + ") format('woff2')"
      } else {
        out += declaration
      }
      rest = rest[end...]
    }
    out += rest
    return out
  }

  /// `NAME.woff2` from a declaration containing `url(fonts/NAME.woff2)`.
  private static func firstWoff2Name(in declaration: Substring) -> String? {
    guard let open = declaration.range(of: "url(") else { return nil }
    let afterOpen = declaration[open.upperBound...]
    guard let close = afterOpen.firstIndex(of: ")") else { return nil }
    var url = afterOpen[..<close].trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
    guard url.hasSuffix(".woff2") else { return nil }
    if let slash = url.lastIndex(of: "/") { url = String(url[url.index(after: slash)...]) }
    return url
  }

  /// Script text safe inside a `<script>` element: `</script` (any case) becomes `<\/script`.
  static func scriptSafe(_ script: String) -> String {
    guard script.range(of: "</script", options: .caseInsensitive) != nil else { return script }
    var out = ""
    var rest = Substring(script)
    while let range = rest.range(of: "</script", options: .caseInsensitive) {
      out += rest[..<range.lowerBound]
      out += "<\\/" + rest[rest.index(range.lowerBound, offsetBy: 2)..<range.upperBound]
      rest = rest[range.upperBound...]
    }
    out += rest
    return out
  }
}
