import Executor
import Foundation
import Report

/// Where each notebook of a run writes its report, checked before anything runs.
///
/// A run is refused (``UsageError``, exit 2) when
/// - two notebooks map to one report folder (`a b.md` and `a.b.md` both to `a-b`;
///   `.md` and `...md`): the run would write one report over the other;
/// - a report folder would hold a notebook being run (`gradbook run lecture/lecture.md
///   --out .` would replace `lecture/`);
/// - a report folder's path holds something gradbook did not write: a folder
///   without the `.gradbook` marker that is not empty, a file or a symbolic link
///   (``ReportFolder/ownership(of:)``);
/// - the run writes `index.html` and an `index.html` gradbook did not write is there
///   (``IndexPage/mayReplace(_:)``).
///
/// A notebook named twice (as a file, or also through its folder) runs once.
struct OutputPlan {
  /// One notebook and its report folder.
  struct Entry {
    /// The path as given (or as found in a folder argument).
    var notebook: String
    /// `<out>/<stem>/`.
    var target: URL
    /// `<out>/<stem>` as the user wrote `--out`, for messages.
    var shown: String
  }

  var out: URL
  /// `--out` as given, for messages.
  var outShown: String
  var entries: [Entry]
  var writesIndex: Bool

  /// The report folder's name for a notebook: its file name without `.md`, through ``FileName/sanitize(_:)``.
  static func stem(of notebook: String) -> String {
    FileName.sanitize(URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent)
  }

  /// The plan for `notebooks` (in order, duplicates dropped) written to `out`; throws on a name clash.
  /// `suffix` follows every folder name (`-student` for the student variant, whose folders
  /// are then the ones checked, locked and recovered).
  init(notebooks: [String], writesIndex: Bool, out: String, suffix: String = "") throws(UsageError) {
    self.out = URL(fileURLWithPath: out, isDirectory: true)
    outShown = out
    self.writesIndex = writesIndex
    entries = []
    var seen = Set<String>()
    var byStem: [String: String] = [:]
    for notebook in notebooks where seen.insert(Self.canonicalPath(notebook)).inserted {
      let stem = Self.stem(of: notebook) + suffix
      let shown = (out as NSString).appendingPathComponent(stem)
      if let other = byStem[stem] {
        throw UsageError(
          "notebooks '\(other)' and '\(notebook)' would both write the report folder '\(shown)'; rename one of them"
        )
      }
      byStem[stem] = notebook
      entries.append(
        Entry(
          notebook: notebook, target: self.out.appendingPathComponent(stem, isDirectory: true), shown: shown))
    }
  }

  /// The index page `<out>/index.html`.
  var index: URL { out.appendingPathComponent("index.html") }

  /// Throws when a report folder would hold a notebook of the run, or replace (or an
  /// index would overwrite) something gradbook did not write.
  func check() throws(UsageError) {
    let notebooks = entries.map { (path: $0.notebook, canonical: Self.canonicalPath($0.notebook)) }
    for entry in entries {
      let folder = Self.canonicalPath(entry.target.path)
      if let inside = notebooks.first(where: { $0.canonical.hasPrefix(folder + "/") }) {
        throw UsageError(
          "--out '\(outShown)' would replace the folder '\(entry.shown)', which holds the notebook "
            + "'\(inside.path)'; choose another --out")
      }
      switch ReportFolder.ownership(of: entry.target) {
      case .absent, .empty, .gradbook: break
      case .foreignFolder:
        throw UsageError(
          "'\(entry.shown)' is a folder gradbook did not write (it has no \(ReportFolder.markerName) marker); "
            + "gradbook will not replace it: choose another --out, or move the folder away")
      case .notAFolder:
        throw UsageError(
          "'\(entry.shown)' is a file gradbook did not write; gradbook will not replace it: "
            + "choose another --out, or move the file away")
      }
    }
    if writesIndex && !IndexPage.mayReplace(index) {
      let shown = (outShown as NSString).appendingPathComponent("index.html")
      throw UsageError(
        "'\(shown)' is a file gradbook did not write; gradbook will not overwrite it: "
          + "choose another --out, or move the file away")
    }
  }

  /// `path` made absolute with every symbolic link resolved (`realpath`) as far as
  /// the path exists; the part that does not exist yet is appended as written.
  static func canonicalPath(_ path: String) -> String {
    var existing = URL(fileURLWithPath: path).standardizedFileURL
    var missing: [String] = []
    while true {
      if let resolved = realpath(existing.path, nil) {
        defer { free(resolved) }
        var result = String(cString: resolved)
        for part in missing.reversed() { result = (result as NSString).appendingPathComponent(part) }
        return result
      }
      let parent = existing.deletingLastPathComponent()
      if parent.path == existing.path { return URL(fileURLWithPath: path).standardizedFileURL.path }
      missing.append(existing.lastPathComponent)
      existing = parent
    }
  }
}
