import Executor
import Foundation
import Notebook

/// Writes one notebook's report folder: `<stem>.md`, `<stem>.html`, `<stem>.pdf`,
/// `figures/*.png`, `results.json` and the KaTeX files.
///
/// Everything is written into a staging folder beside the target, marked as
/// gradbook's (``ReportFolder``) before anything else goes in, which then
/// replaces the target by rename (``AtomicWrite/replaceDirectory(_:with:)``):
/// an interrupted run leaves the previous report intact and no partial files in
/// it, and a target gradbook did not write is never replaced. Call it while
/// holding the target's ``ReportFolderLock``, after ``StagingCleanup/recover(_:)``.
public enum ReportWriter {
  /// What a figure warning costs.
  static let withoutFigures = "the report is written without the figures that need it"
  /// What a KaTeX warning costs.
  static let mathAsSource = "math in the HTML report shows as TeX source"
  /// What a PDF warning costs.
  static let withoutPDF = "the report is written without the PDF"

  public static func write(
    document: NotebookDocument, outcomes: [BlockOutcome], notebookPath: String, into target: URL,
    formats: Set<String>, selfContained: Bool, figureCache: URL? = nil, resultsJSON: Bool = true,
    extraFiles: [String: String] = [:], log: (String) -> Void
  ) throws -> [String] {
    let fm = FileManager.default
    let parent = target.deletingLastPathComponent()
    try fm.createDirectory(at: parent, withIntermediateDirectories: true)
    let staging = parent.appendingPathComponent(
      ".\(target.lastPathComponent).staging-\(getpid())", isDirectory: true)
    // Never into a folder that is already there: the staging folder is ours alone.
    try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    StagingCleanup.begin(staging)
    defer { StagingCleanup.end(staging) }
    do {
      try ReportFolder.mark(staging)
      var written = try writeContents(
        document: document, outcomes: outcomes, notebookPath: notebookPath, stem: target.lastPathComponent,
        into: staging, formats: formats, selfContained: selfContained, figureCache: figureCache,
        resultsJSON: resultsJSON, log: log)
      for (name, text) in extraFiles.sorted(by: { $0.key < $1.key }) {
        try Data(text.utf8).write(to: staging.appendingPathComponent(name))
        written.append(name)
      }
      try StagingCleanup.renaming { try AtomicWrite.replaceDirectory(target, with: staging) }
      return written
    } catch {
      try? fm.removeItem(at: staging)
      throw error
    }
  }

  private static func writeContents(
    document: NotebookDocument, outcomes: [BlockOutcome], notebookPath: String, stem: String, into dir: URL,
    formats: Set<String>, selfContained: Bool, figureCache: URL?, resultsJSON: Bool, log: (String) -> Void
  ) throws -> [String] {
    var written: [String] = []
    // Figures: drawn once, named after their block.
    var figures: [String: FigureFile] = [:]
    var figuresByBlock: [Int: [String]] = [:]
    var reportedProblems = Set<String>()
    let figureDir = dir.appendingPathComponent("figures", isDirectory: true)
    // Drawn on every core at once (gnuplot and graphviz are separate processes), then written
    // and reported in notebook order.
    let requests = outcomes.filter { $0.status == .ok }.flatMap { o in
      o.content.compactMap { item -> FigureRequest? in
        if case .figure(let request) = item { return request }
        return nil
      }
    }
    var drawings = FigureRenderer.drawAll(requests, cache: figureCache).makeIterator()
    for o in outcomes where o.status == .ok {
      for case .figure(let request) in o.content {
        let stemName = FileName.sanitize(request.stem)
        let relative = "figures/\(stemName).png"
        var file = FigureFile(
          stem: request.stem, caption: request.caption, relativePath: relative, png: nil, problem: nil)
        let drawing = drawings.next()
        do {
          guard let drawing else { throw ReportError(message: "figure '\(request.stem)' was not drawn") }
          let png = try drawing.png.get()
          try FileManager.default.createDirectory(at: figureDir, withIntermediateDirectories: true)
          try Data(png).write(to: dir.appendingPathComponent(relative))
          file.png = png
          file.svg = drawing.svg
          figuresByBlock[o.index, default: []].append(relative)
          written.append(relative)
        } catch let error as ReportError {
          file.problem = error.description
          if reportedProblems.insert(error.message).inserted {
            log("gradbook: " + error.warning(ReportWriter.withoutFigures))
          }
        }
        figures[request.stem] = file
      }
    }
    if formats.contains("md") {
      let md = MarkdownWeaver.weave(document: document, outcomes: outcomes, figures: figures)
      try Data(md.utf8).write(to: dir.appendingPathComponent("\(stem).md"))
      written.append("\(stem).md")
    }
    // The PDF is printed from the staged HTML, which is removed again when not asked for.
    if formats.contains("html") || formats.contains("pdf") {
      let weaver = HTMLWeaver(selfContained: selfContained, notebookPath: notebookPath)
      let html: String
      do {
        html = try weaver.weave(document: document, outcomes: outcomes, figures: figures)
      } catch let error as ReportError {
        // KaTeX missing for a self-contained page: fall back to linked files.
        log("gradbook: " + error.warning(ReportWriter.mathAsSource))
        html = try HTMLWeaver(selfContained: false, notebookPath: notebookPath).weave(
          document: document, outcomes: outcomes, figures: figures)
      }
      try Data(html.utf8).write(to: dir.appendingPathComponent("\(stem).html"))
      written.append("\(stem).html")
      if !selfContained {
        do {
          try KaTeXAssets.copy(into: dir, shared: figureCache?.deletingLastPathComponent())
        } catch {
          log("gradbook: " + error.warning(ReportWriter.mathAsSource))
        }
      }
      if formats.contains("pdf") {
        do {
          try PDFPrinter.print(
            html: dir.appendingPathComponent("\(stem).html"), to: dir.appendingPathComponent("\(stem).pdf"),
            paper: document.frontMatter.paper)
          written.append("\(stem).pdf")
        } catch {
          log("gradbook: " + error.warning(ReportWriter.withoutPDF))
        }
      }
      if !formats.contains("html") {
        try FileManager.default.removeItem(at: dir.appendingPathComponent("\(stem).html"))
        written.removeAll { $0 == "\(stem).html" }
        let katex = dir.appendingPathComponent("katex", isDirectory: true)
        if FileManager.default.fileExists(atPath: katex.path) {
          try FileManager.default.removeItem(at: katex)
        }
      }
    }
    guard resultsJSON else { return written }
    let json = ResultsJSON.render(
      notebook: notebookPath, seed: document.frontMatter.seed, outcomes: outcomes, figures: figuresByBlock,
      frontMatterError: document.frontMatter.error)
    try Data(json.utf8).write(to: dir.appendingPathComponent("results.json"))
    written.append("results.json")
    return written
  }
}
