import Executor
import Foundation
import Notebook
import Report

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a report folder was written from and what it held then, kept in the block cache
/// (`.cache/<stem>/report.stamp`, `report-student.stamp` for the handout).
///
/// A run whose every block would come from the cache (``NotebookExecutor/cachePlan()``) and
/// whose ``key`` equals the stamp's leaves the folder as it is when the folder still holds
/// exactly the files of ``files``, byte for byte: the report it would weave is those bytes,
/// since it depends only on what enters the key. Reports never depend on the stamp: deleting
/// `.cache` weaves the same bytes again.
struct ReportStamp: Codable, Equatable {
  /// ``key(text:overrides:path:folder:variant:formats:selfContained:katex:blockKeys:)`` of the
  /// run that wrote the folder.
  var key: String
  /// Every regular file in the folder, by path relative to it: `FileDigest` text (size, then a
  /// content hash).
  var files: [String: String]
  /// The outcomes without results and report content (``light(_:)``): all the terminal lines
  /// and the index page read.
  var outcomes: [BlockOutcome]

  /// The stamp file of `variant` in the notebook's cache folder. Not `.json`: the block
  /// cache's pruning removes only its own entries.
  static func url(in cacheDirectory: URL, variant: ReportVariant) -> URL {
    cacheDirectory.appendingPathComponent(variant == .student ? "report-student.stamp" : "report.stamp")
  }

  /// A 128-bit `ContentHash` of what a report's bytes depend on besides the programs that draw
  /// (whose pictures the figure cache keeps anyway): the program build, the notebook text and
  /// `--set` values, the path as given (the reports quote it), the folder name, the variant,
  /// the formats, whether the page is self-contained, the installed KaTeX files
  /// (`KaTeXAssets.installationStamp`), and every block's cache key (which covers its text,
  /// the blocks it names, seeds, input files and precision).
  static func key(
    text: String, overrides: [(name: String, value: String)], path: String, folder: String,
    variant: ReportVariant, formats: Set<String>, selfContained: Bool, katex: String, blockKeys: [String]
  ) -> String {
    var material = [
      "gradbook-report", ProgramVersion.cacheTag, path, folder, variant.rawValue,
      formats.sorted().joined(separator: ","), selfContained ? "self-contained" : "linked", katex,
    ]
    material += overrides.map { "--set \($0.name)=\($0.value)" }
    material += blockKeys
    material.append(text)
    return ContentHash.hex128(material.joined(separator: "\u{1F}"))
  }

  /// Every regular file under `folder` (hidden ones included) with its `FileDigest`, or nil
  /// when the folder cannot be listed or holds anything else (a link, a device, an unreadable
  /// file): such a folder is never taken as unchanged.
  static func fingerprint(of folder: URL) -> [String: String]? {
    guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return nil }
    var files: [String: String] = [:]
    while let relative = walk.nextObject() as? String {
      let path = folder.path + "/" + relative
      var info = stat()
      guard lstat(path, &info) == 0 else { return nil }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: continue
      case S_IFREG:
        guard let digest = FileDigest.digest(path: path) else { return nil }
        files[relative] = digest
      default: return nil
      }
    }
    return files
  }

  /// `outcome` without its results and report content (the stamp's copy).
  static func light(_ outcome: BlockOutcome) -> BlockOutcome {
    var light = outcome
    light.results = ResultSet()
    light.content = []
    return light
  }

  /// The stamp at `url`, nil when missing or unreadable.
  static func read(_ url: URL) -> ReportStamp? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(ReportStamp.self, from: data)
  }

  /// Writes the stamp to `url` (`AtomicWrite`: temporary file, then rename); a failure only
  /// costs the next run its shortcut.
  func write(to url: URL) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    guard let data = try? encoder.encode(self) else { return }
    try? AtomicWrite.write(data, to: url)
  }
}
