import Executor
import Foundation
import Grading
import Notebook
import Report

/// `gradbook grade SOLUTION.md SUBMISSION.md... [--out DIR]` (contract section 12): runs the
/// solution once per distinct parameter set, scores every submission against the computed values,
/// and writes `DIR/grades.csv`, `DIR/grades.html` and `DIR/feedback/<submission>.html`.
///
/// `DIR` is written only when it is absent, empty, or holds the marker `.gradbook-grades` of an
/// earlier `grade` run (gradbook never overwrites a folder it did not write). Exit status: 0 when
/// every submission was graded, 1 when any could not be read, 2 for a bad command line (an
/// unreadable solution included).
public struct GradeRunner {
  public var solutionPath: String
  public var submissionPaths: [String]
  public var outputDirectory: String
  public var log: @Sendable (String) -> Void

  /// The marker file that makes `DIR` gradbook's.
  static let marker = ".gradbook-grades"

  public init(
    solution: String, submissions: [String], outputDirectory: String = "grades",
    log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  ) {
    self.solutionPath = solution
    self.submissionPaths = submissions
    self.outputDirectory = outputDirectory
    self.log = log
  }

  public func run() -> ExitStatus {
    let solution: NotebookDocument
    do {
      solution = try Self.read(solutionPath)
      try checkOutputDirectory()
    } catch {
      log("gradbook: \(error)")
      return .usage
    }
    let questions = QuestionList.make(solution)
    if questions.isEmpty {
      log("gradbook: \(solutionPath) has no questions (numeric expect: entries of student=question blocks)")
      return .usage
    }
    let handout = NotebookDocument.parse(StudentNotebook.text(of: solution))
    let submissions = submissionPaths.map { path -> Submission in
      do {
        let document = try Self.read(path)
        return Submission.read(
          document.source, path: path, solution: solution, handout: handout, questions: questions)
      } catch {
        return .unreadable(path, reason: "\(error)")
      }
    }
    let root = URL(fileURLWithPath: outputDirectory, isDirectory: true)
    let cache = BlockCache(directory: root.appendingPathComponent(".cache", isDirectory: true))
    var runs: [ParameterValues: [BlockOutcome]] = [:]
    var rows: [GradeRow] = []
    for submission in submissions {
      guard submission.failure == nil else {
        rows.append(Grader.score(submission, questions: questions, outcomes: []))
        continue
      }
      let values: ParameterValues
      do {
        values = try solution.parameterValues.overriding(submission.parameters, origin: .submission)
      } catch {
        rows.append(
          Grader.score(
            .unreadable(submission.path, reason: "\(error)"), questions: questions, outcomes: []))
        continue
      }
      if runs[values] == nil { runs[values] = execute(solution.applying(values), cache: cache) }
      rows.append(Grader.score(submission, questions: questions, outcomes: runs[values] ?? []))
    }
    cache.pruneUntouched()
    let sheet = GradeSheet(questions: questions, rows: rows)
    do {
      try write(sheet, root: root)
    } catch {
      log(
        "gradbook: cannot write the grades to \(root.path): \(ReportWriteError.reason(error, writing: root))")
      return .failed
    }
    for row in rows where !row.readable { log("gradbook: \(row.path): graded 0: \(row.flags.joined())") }
    log("graded \(rows.count) submission\(rows.count == 1 ? "" : "s") → \(root.path)")
    return rows.allSatisfy(\.readable) ? .ok : .failed
  }

  /// Runs the solution; a question block that fails in it is reported (its questions then have
  /// no right answer and are marked wrong).
  private func execute(_ document: NotebookDocument, cache: BlockCache) -> [BlockOutcome] {
    let options = ExecutionOptions(
      notebookDirectory: URL(fileURLWithPath: solutionPath).deletingLastPathComponent().path)
    let outcomes = NotebookExecutor(document: document, options: options, cache: cache).run()
    for o in outcomes where o.status != .ok {
      for e in o.problems { log(NotebookRunner.errorLine(solutionPath, e)) }
    }
    return outcomes
  }

  /// A notebook's text, parsed; a usage error when it cannot be read.
  static func read(_ path: String) throws -> NotebookDocument {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("cannot read notebook '\(path)'")
    }
    guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
      throw UsageError("notebook '\(path)' is not UTF-8 text")
    }
    return NotebookDocument.parse(text)
  }

  /// Refuses a non-empty `DIR` without the marker.
  private func checkOutputDirectory() throws {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    guard fm.fileExists(atPath: outputDirectory, isDirectory: &isFolder) else { return }
    guard isFolder.boolValue else {
      throw UsageError("'\(outputDirectory)' is a file, not a folder (choose another --out)")
    }
    let contents = (try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []
    if !contents.isEmpty && !contents.contains(Self.marker) {
      throw UsageError("'\(outputDirectory)' was not written by gradbook grade (choose another --out)")
    }
  }

  /// Writes the three outputs: `feedback/` staged and renamed into place, the two files atomically.
  private func write(_ sheet: GradeSheet, root: URL) throws {
    let fm = FileManager.default
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    try AtomicWrite.write(Data("gradbook grade output\n".utf8), to: root.appendingPathComponent(Self.marker))
    var names: [String] = []
    var used = Set<String>()
    for row in sheet.rows {
      let base = FileName.sanitize(URL(fileURLWithPath: row.path).deletingPathExtension().lastPathComponent)
      var name = base + ".html"
      var n = 2
      while used.contains(name) {
        name = "\(base)-\(n).html"
        n += 1
      }
      used.insert(name)
      names.append(name)
    }
    let staging = root.appendingPathComponent(
      ".feedback.staging-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    try? fm.removeItem(at: staging)
    try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    for (row, name) in zip(sheet.rows, names) {
      try Data(FeedbackPage.render(row).utf8).write(to: staging.appendingPathComponent(name))
    }
    try AtomicWrite.replaceDirectory(
      root.appendingPathComponent("feedback", isDirectory: true), with: staging)
    try AtomicWrite.write(Data(GradesCSV.render(sheet).utf8), to: root.appendingPathComponent("grades.csv"))
    let page = GradesPage.render(sheet, solution: solutionPath, feedback: names)
    try AtomicWrite.write(Data(page.utf8), to: root.appendingPathComponent("grades.html"))
  }
}
