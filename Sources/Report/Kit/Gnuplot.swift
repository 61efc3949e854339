import Foundation

/// Drives `gnuplot` (Debian package `gnuplot-nox`) through a pipe.
public enum Gnuplot {
  /// Whether a `gnuplot` executable is on `PATH`.
  public static var isInstalled: Bool { ExternalProgram.find("gnuplot") != nil }

  /// Runs `gnuplot --default-settings /dev/stdin` (no `~/.gnuplot` or system init file, so the
  /// output depends only on the script) with `script` on standard input and returns its standard
  /// output. The script sets its own terminal and must say `set output` with no file name so
  /// that the image is written to standard output (all scripts built by `LinePlot`,
  /// `ScatterPlot` and `HeatmapPlot` do).
  ///
  /// The script is named as a file (`/dev/stdin`) rather than read as gnuplot's own input:
  /// gnuplot reads its input one byte per system call, a file through a buffer, so a decision
  /// boundary's 600 kB of inline data took 0.45 s of system time and now takes none. The
  /// image is the same bytes either way.
  ///
  /// Throws `ReportError` when gnuplot is not on `PATH` (hint names `gnuplot-nox`), when it
  /// exits with a non-zero status (message: gnuplot's own error line and the offending command),
  /// or when it produced no output.
  public static func render(script: String) throws(ReportError) -> Data {
    try render(script: script, program: "gnuplot")
  }

  /// `render(script:)` with the program name replaceable (for tests of a missing program).
  static func render(script: String, program: String) throws(ReportError) -> Data {
    let output = try ExternalProgram.execute(
      name: program, package: "gnuplot-nox", arguments: ["--default-settings", "/dev/stdin"],
      input: Data(script.utf8))
    guard output.status == 0 else {
      throw ReportError(
        message: "gnuplot failed: " + errorSummary(output.stderr, status: output.status),
        hint: "this is a bug in the generated plot script; please report it with the notebook")
    }
    guard !output.stdout.isEmpty else {
      throw ReportError(
        message: "gnuplot wrote no image",
        hint: "the script must set a terminal and `set output` with no file name")
    }
    return output.stdout
  }

  /// gnuplot reports an error as three lines on stderr: the command, a caret under the fault,
  /// and the message. Read as a file (how ``render(script:)`` runs it) they are `plot …`, `^`
  /// and `"/dev/stdin" line N: message`; read as its own input, `gnuplot> plot …`, `^` and
  /// `line N: message`. The summary is `message` followed by `(in: command)`; any other stderr
  /// gives its first non-empty line.
  static func errorSummary(_ stderr: Data, status: Int32) -> String {
    let lines = ExternalProgram.messageLines(stderr)
    guard !lines.isEmpty else { return "exit status \(status), no message" }
    guard let errorIndex = lines.firstIndex(where: { lineNumberPrefixLength($0) != nil }) else {
      return lines[0]
    }
    let errorLine = lines[errorIndex]
    let prefix = lineNumberPrefixLength(errorLine) ?? 0
    var summary = String(errorLine.dropFirst(prefix))
    let above = lines[..<errorIndex]
    if let command = above.last(where: { $0.hasPrefix("gnuplot>") }) {
      summary += " (in: \(command.dropFirst("gnuplot>".count).trimmingCharacters(in: .whitespaces)))"
    } else if above.count >= 2, above.last == "^" {
      summary += " (in: \(above[above.endIndex - 2]))"
    }
    return summary
  }

  /// Length of a leading `line <digits>: ` in `text`, or of `"FILE" line <digits>: ` (the
  /// form for a script read as a file), or `nil` when it does not start so.
  private static func lineNumberPrefixLength(_ text: String) -> Int? {
    var fileLength = 0
    if text.hasPrefix("\""), let close = text.dropFirst().firstIndex(of: "\"") {
      let afterQuote = text[text.index(after: close)...]
      guard afterQuote.hasPrefix(" ") else { return nil }
      fileLength = text.distance(from: text.startIndex, to: close) + 2
    }
    let text = text.dropFirst(fileLength)
    guard text.hasPrefix("line ") else { return nil }
    let rest = text.dropFirst(5)
    let digits = rest.prefix(while: \.isNumber)
    guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(":") else { return nil }
    let afterColon = rest.dropFirst(digits.count + 1)
    let spaces = afterColon.prefix(while: { $0 == " " }).count
    return fileLength + 5 + digits.count + 1 + spaces
  }
}

/// Drives graphviz's `dot` (Debian package `graphviz`) through a pipe.
public enum Graphviz {
  /// Whether a `dot` executable is on `PATH`.
  public static var isInstalled: Bool { ExternalProgram.find("dot") != nil }

  /// Runs `dot -Tpng` with ``pngArguments`` (twice 96 dpi, at most ``maximumPNGWidth`` pixels
  /// wide) with `dot` on standard input and returns the PNG bytes.
  /// Throws `ReportError` when `dot` is not on `PATH` (hint names `graphviz`) or exits with
  /// a non-zero status (message: dot's first stderr line, e.g. a syntax error and its line).
  public static func render(dot: String) throws(ReportError) -> Data {
    try render(dot: dot, format: "png", program: "dot", extra: pngArguments)
  }

  /// The widest graph PNG, in pixels: 2048 CSS pixels at the figures' density of 2, wider than
  /// any Markdown column (the PNG's only reader: the HTML report shows the SVG), which shows a
  /// wider picture scaled down to the same size. Encoding the pixels is nearly all of `dot`'s
  /// time: the 31-node chain of `smai-lecture-18` was 20842 pixels wide and took 2.2 s.
  public static let maximumPNGWidth = 4096

  /// `-Gdpi=192` (`GnuplotSyntax.pixelDensity` × 96: sharp on high-DPI screens, the same
  /// density as the plots) and the width cap `-Gsize=W,1000` (W inches = ``maximumPNGWidth``
  /// pixels at that density, the height in effect unlimited): graphviz scales a wider drawing
  /// down uniformly and leaves a narrower one as it is, byte for byte.
  public static let pngArguments = [
    "-Gdpi=\(pngDPI)", "-Gsize=\(String(format: "%.4f", widthCapInches)),1000",
  ]

  /// Runs `dot -Tsvg` and returns the SVG document's text (sizes in points, so a 11 pt label
  /// shows at about 14.7 CSS px whatever the screen).
  public static func renderSVG(dot: String) throws(ReportError) -> String {
    String(decoding: try render(dot: dot, format: "svg", program: "dot"), as: UTF8.self)
  }

  /// Runs `dot -T<format>` (e.g. `svg`), with the program name replaceable for tests.
  static func render(dot: String, format: String, program: String = "dot", extra: [String] = [])
    throws(ReportError) -> Data
  {
    let output = try ExternalProgram.execute(
      name: program, package: "graphviz", arguments: ["-T\(format)"] + extra, input: Data(dot.utf8))
    guard output.status == 0 else {
      let lines = ExternalProgram.messageLines(output.stderr)
      let first = lines.first ?? "exit status \(output.status), no message"
      throw ReportError(
        message: "dot failed: " + first,
        hint: "this is a bug in the generated graph description; please report it with the notebook")
    }
    guard !output.stdout.isEmpty else {
      throw ReportError(message: "dot wrote no image", hint: nil)
    }
    return output.stdout
  }
}
