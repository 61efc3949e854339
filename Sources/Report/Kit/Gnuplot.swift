import Foundation

/// Drives `gnuplot` (Debian package `gnuplot-nox`) through a pipe.
public enum Gnuplot {
  /// Whether a `gnuplot` executable is on `PATH`.
  public static var isInstalled: Bool { ExternalProgram.find("gnuplot") != nil }

  /// Runs `gnuplot --default-settings` (no `~/.gnuplot` or system init file, so the output
  /// depends only on the script) with `script` on standard input and returns its standard
  /// output. The script sets its own terminal and must say `set output` with no file name so
  /// that the image is written to standard output (all scripts built by `LinePlot`,
  /// `ScatterPlot` and `HeatmapPlot` do).
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
      name: program, package: "gnuplot-nox", arguments: ["--default-settings"],
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

  /// gnuplot reports an error as three lines on stderr: the echoed command (`gnuplot> plot …`),
  /// a caret under the fault, and `line N: message`. The summary is `message` followed by
  /// `(in: command)`; any other stderr gives its first non-empty line.
  static func errorSummary(_ stderr: Data, status: Int32) -> String {
    let lines = ExternalProgram.messageLines(stderr)
    guard !lines.isEmpty else { return "exit status \(status), no message" }
    guard let errorIndex = lines.firstIndex(where: { lineNumberPrefixLength($0) != nil }) else {
      return lines[0]
    }
    let errorLine = lines[errorIndex]
    let prefix = lineNumberPrefixLength(errorLine) ?? 0
    var summary = String(errorLine.dropFirst(prefix))
    if let command = lines[..<errorIndex].last(where: { $0.hasPrefix("gnuplot>") }) {
      summary += " (in: \(command.dropFirst("gnuplot>".count).trimmingCharacters(in: .whitespaces)))"
    }
    return summary
  }

  /// Length of a leading `line <digits>: ` in `text`, or `nil` when it does not start so.
  private static func lineNumberPrefixLength(_ text: String) -> Int? {
    guard text.hasPrefix("line ") else { return nil }
    let rest = text.dropFirst(5)
    let digits = rest.prefix(while: \.isNumber)
    guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(":") else { return nil }
    let afterColon = rest.dropFirst(digits.count + 1)
    let spaces = afterColon.prefix(while: { $0 == " " }).count
    return 5 + digits.count + 1 + spaces
  }
}

/// Drives graphviz's `dot` (Debian package `graphviz`) through a pipe.
public enum Graphviz {
  /// Whether a `dot` executable is on `PATH`.
  public static var isInstalled: Bool { ExternalProgram.find("dot") != nil }

  /// Runs `dot -Tpng` at `GnuplotSyntax.pixelDensity` × 96 dpi (sharp on high-DPI screens, the
  /// same density as the plots) with `dot` on standard input and returns the PNG bytes.
  /// Throws `ReportError` when `dot` is not on `PATH` (hint names `graphviz`) or exits with
  /// a non-zero status (message: dot's first stderr line, e.g. a syntax error and its line).
  public static func render(dot: String) throws(ReportError) -> Data {
    try render(dot: dot, format: "png", program: "dot", extra: ["-Gdpi=\(96 * GnuplotSyntax.pixelDensity)"])
  }

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
