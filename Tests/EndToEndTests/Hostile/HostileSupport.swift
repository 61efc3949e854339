import Foundation
import Testing

/// Shared pieces of the hostile-input suite: a notebook that draws figures, a
/// check that a report folder is complete and consistent, and process helpers.
enum Hostile {
  /// The marker gradbook writes in every report folder (`docs/notebook-format.md`, "Running").
  static let marker = "This folder was written by gradbook; gradbook replaces or deletes it as a whole.\n"

  /// A small notebook with four figures (the data, a graph picture, a boundary, a loss
  /// curve); `TITLE` and `EPOCHS` are replaced.
  static let figures = """
    # TITLE

    ```{data xor}
    source: xor
    n: 40
    ```

    ```{model net}
    layers: [dense 2->3, tanh, dense 3->1, sigmoid]
    loss: bce
    ```

    ```{train fit}
    model: net
    data: xor
    learning-rate: 0.5
    batch: 8
    epochs: EPOCHS
    plot: loss
    show: [summary, boundary]
    ```

    ```{graph g}
    x = 3
    y = x^2
    ```

    """

  static func notebook(title: String, epochs: Int) -> String {
    figures.replacingOccurrences(of: "TITLE", with: title).replacingOccurrences(
      of: "EPOCHS", with: String(epochs))
  }

  /// Writes `text` to `url`, creating its folder.
  static func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Checks that `dir` is a complete, consistent report of one run of ``notebook(title:epochs:)``
  /// with a title and epoch count from `runs`: the marker with its fixed line; the
  /// HTML page, the Markdown page and `results.json` (which parses) all of that one
  /// run (same title, `epochs-run` of that run); every figure `results.json` lists
  /// present as a PNG, and no other figure. Returns the run's title.
  @discardableResult
  static func expectCompleteReport(
    _ dir: URL, runs: [String: Int], sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let marker = FileManager.default.contents(atPath: dir.appendingPathComponent(".gradbook").path)
    #expect(marker == Data(Self.marker.utf8), "marker of \(dir.path)", sourceLocation: sourceLocation)
    let html = try String(contentsOf: dir.appendingPathComponent("nb.html"), encoding: .utf8)
    let title = try #require(
      runs.keys.first { html.contains("<title>\($0)</title>") }, "the page's title",
      sourceLocation: sourceLocation)
    let markdown = try String(contentsOf: dir.appendingPathComponent("nb.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# \(title)\n"), "Markdown of the same run", sourceLocation: sourceLocation)
    let json = try CLI.results(dir)
    let fit = try CLI.block(json, named: "fit")
    #expect(
      try CLI.number(fit, "epochs-run") == Double(runs[title] ?? -1), "results.json of the same run",
      sourceLocation: sourceLocation)
    let blocks = try #require(json["blocks"] as? [[String: Any]], sourceLocation: sourceLocation)
    let listed = Set(blocks.flatMap { ($0["figures"] as? [String]) ?? [] })
    #expect(listed.count == 4, "figures listed: \(listed.sorted())", sourceLocation: sourceLocation)
    for figure in listed {
      let png = FileManager.default.contents(atPath: dir.appendingPathComponent(figure).path) ?? Data()
      #expect(
        png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(figure) is a PNG", sourceLocation: sourceLocation)
    }
    let present = Set(
      ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("figures").path))
        ?? [])
        .map { "figures/" + $0 })
    #expect(present == listed, "figures present", sourceLocation: sourceLocation)
    return title
  }

  /// Every file below `dir` with its bytes.
  static func snapshot(_ dir: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: dir.path)
    while let f = walker?.nextObject() as? String {
      if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) {
        files[f] = data
      } else {
        files[f] = Data("<folder>".utf8)
      }
    }
    return files
  }

  /// Names in `out` that a run leaves only while it runs or when it is killed.
  static func leftovers(_ out: URL, stem: String = "nb") -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter {
      $0.hasPrefix(".\(stem).staging-") || $0.hasPrefix(".\(stem).old-") || $0.hasPrefix(".index.html.tmp-")
    }.sorted()
  }

  /// Starts `gradbook arguments…` in `directory` without waiting; standard error goes to `stderr`.
  static func start(_ arguments: [String], in directory: URL, stderr: URL? = nil) throws -> Process {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = arguments
    p.currentDirectoryURL = directory
    p.standardOutput = FileHandle.nullDevice
    if let stderr {
      _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
      p.standardError = try FileHandle(forWritingTo: stderr)
    } else {
      p.standardError = FileHandle.nullDevice
    }
    try p.run()
    return p
  }

  /// Whether some process holds a `flock` on the file at `url` (probed without waiting).
  static func lockIsHeld(_ url: URL) -> Bool {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) == 0 {
      flock(fd, LOCK_UN)
      return false
    }
    return errno == EWOULDBLOCK
  }

  /// Polls `condition` every 20 ms for up to `seconds`; whether it became true.
  static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return condition()
  }
}
