import Notebook

/// What running one executable block produced: its status, results, checks
/// and the content the weavers show after the block's source.
public struct BlockOutcome: Sendable, Codable, Equatable {
  /// Whether the block ran.
  public enum Status: String, Sendable, Codable {
    /// The block ran (its expectations may still have failed).
    case ok
    /// The block failed; `error` says where and why.
    case error
    /// The block names a block that failed, so it was not run.
    case skipped
  }

  /// 0-based index among the notebook's executable blocks.
  public var index: Int
  /// The block kind as written (`step`, `train`, …).
  public var kind: String
  /// The block name, if any.
  public var name: String?
  /// Notebook line of the opening fence.
  public var line: Int
  public var status: Status
  /// True when the outcome was reused from the cache in this run. For the terminal only: it is
  /// not stored (reports never depend on the cache, contract section 1).
  public var cached: Bool
  /// Why the block failed (the first problem when there are several), or for a skipped block
  /// the note naming the block it follows; nil for a block that ran.
  public var error: NotebookError?
  /// Every problem when decoding the block found several (contract: one error box and one
  /// terminal line each), sorted by position; `error` is the first of them. Empty when the
  /// block has one problem or none.
  public var errors: [NotebookError] = []
  public var results: ResultSet
  public var expectations: [ExpectationOutcome]
  /// The block's `printed:` entries checked against its results (contract section 10).
  public var printed: [PrintedOutcome]
  /// Tables, figures and notes for the report, in order.
  public var content: [ReportItem]
  /// The files the block read (a `data` block's CSV or IDX files), with
  /// their digests; empty for blocks that read no file. Kept in the cache
  /// entry, so a cached outcome lists what it was computed from.
  public var inputs: [InputFile] = []

  /// Every stored field; `cached` is not one of them.
  enum CodingKeys: String, CodingKey {
    case index, kind, name, line, status, error, errors, results, expectations, printed, content
  }

  public init(index: Int, kind: String, name: String?, line: Int) {
    self.index = index
    self.kind = kind
    self.name = name
    self.line = line
    self.status = .ok
    self.cached = false
    self.error = nil
    self.results = ResultSet()
    self.expectations = []
    self.printed = []
    self.content = []
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      index: try c.decode(Int.self, forKey: .index), kind: try c.decode(String.self, forKey: .kind),
      name: try c.decodeIfPresent(String.self, forKey: .name), line: try c.decode(Int.self, forKey: .line))
    status = try c.decode(Status.self, forKey: .status)
    error = try c.decodeIfPresent(NotebookError.self, forKey: .error)
    errors = try c.decodeIfPresent([NotebookError].self, forKey: .errors) ?? []
    results = try c.decode(ResultSet.self, forKey: .results)
    expectations = try c.decode([ExpectationOutcome].self, forKey: .expectations)
    printed = try c.decode([PrintedOutcome].self, forKey: .printed)
    content = try c.decode([ReportItem].self, forKey: .content)
  }
}

extension BlockOutcome {
  /// The block's problems in notebook order: `errors` when decoding found several, else
  /// `error` alone (a skip note included), else none.
  public var problems: [NotebookError] {
    errors.isEmpty ? (error.map { [$0] } ?? []) : errors
  }
}

/// The result of one `expect:` check.
public struct ExpectationOutcome: Sendable, Codable, Equatable {
  /// The result path checked.
  public var path: String
  /// The check as written, normalised (`0.2244 ± 0.0001`, `>= 0.95`).
  public var check: String
  /// The value found at the path, or nil when the block has no such path.
  public var got: ResultValue?
  public var passed: Bool
  /// Largest |got − expected| for numeric checks.
  public var difference: Double?
  /// Notebook line of the check.
  public var line: Int
  /// Notebook column of the check's path.
  public var column: Int
  /// Why it failed, in words (missing path, shape mismatch, …).
  public var reason: String?
  /// What to change, e.g. `Did you mean 'dy/dx'?` for a missing path.
  public var hint: String?
  /// The check is a `?` blank (section 11): not passed, shown as "unanswered", a failure for
  /// `check`, not for `run`.
  public var unanswered: Bool = false

  public init(
    path: String, check: String, got: ResultValue?, passed: Bool, difference: Double?, line: Int,
    column: Int = 1, reason: String?, hint: String? = nil
  ) {
    self.path = path
    self.check = check
    self.got = got
    self.passed = passed
    self.difference = difference
    self.line = line
    self.column = column
    self.reason = reason
    self.hint = hint
  }

  /// The reason followed by the hint, for report tables: `no result path 'x' (Did you mean 'y'?)`.
  public var reasonText: String? {
    guard let reason else { return nil }
    return reason + (hint.map { " (\($0))" } ?? "")
  }

  /// A failed check in one line, after `PATH: `:
  /// - a missing path: `no result path 'dy/dz' (Did you mean 'dy/dx'?)`;
  /// - a `±` check: `expected 4 ± 0.1, got 4.5 (off by 0.5)`;
  /// - another shape, or NaN: `expected 4 ± 0.1, got [1, 2] (expected a scalar, got a vector of 2)`;
  /// - a comparison or a text: `expected >= 0.95, got 0.9`.
  public var failureDescription: String {
    if unanswered { return "unanswered" }
    guard let got else { return reasonText ?? "no result path '\(path)'" }
    var text = "expected \(check), got \(got.text(number: ExpectationOutcome.number))"
    if check.contains("±"), let d = difference, d.isFinite {
      text += " (off by \(NumberText.short(d, digits: 3)))"
    } else if difference == nil, let reason, !got.numbers.isEmpty {
      text += " (\(reason))"
    } else if let d = difference, d.isNaN, let reason, !got.numbers.contains(where: \.isNaN) {
      text += " (\(reason))"
    }
    return text
  }

  /// A number as written in a failure line: shortest round-trip text,
  /// integral values without `.0`, `nan`/`inf`/`-inf` spelled out.
  static func number(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x) }
    return x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)")
  }
}
