import Executor
import Foundation
import NeuralNet
import Notebook

/// What `gradbook run` / `gradbook check` were asked to do.
public struct RunOptions: Sendable {
  /// Output folder; each notebook writes `<out>/<stem>/`.
  public var outputDirectory: String = "output"
  /// Report formats to write (`html`, `md`, `pdf`); nil uses the notebook's
  /// front matter, else html and md.
  public var formats: Set<ReportFormat>?
  public var useCache: Bool = true
  public var quiet: Bool = false
  /// One HTML file with figures and KaTeX inlined.
  public var selfContained: Bool = false
  /// `check`: exit 1 on a failed expectation as well.
  public var failOnExpectations: Bool = false
  /// Worker threads for `compare` (default: the machine's cores).
  public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
  /// The most memory one block may allocate, in bytes (default 4 GB).
  public var memoryLimit: Int = MemoryBudget.defaultLimit
  /// `--precision`: the training arithmetic of `train`/`compare` blocks
  /// without their own `precision:` key.
  public var precision: Precision = .float64
  public var environment: [String: String] = ProcessInfo.processInfo.environment
  /// Wait for another run writing the same report folders (false: `--no-wait`, refuse at once).
  public var waitForLocks: Bool = true
  /// `--set NAME=VALUE` overrides of declared parameters, in order (section 13).
  public var parameterOverrides: [(name: String, value: String)] = []
  /// `--variant`: the full report (`solution`) or the student handout (section 11).
  public var variant: ReportVariant = .solution

  public init() {}

  /// Parses a size like `4G`, `512M` or a number of bytes; nil when invalid.
  public static func parseSize(_ text: String) -> Int? { MemoryBudget.parse(text) }
}

/// A report format: the HTML page, the Markdown file, or the PDF printed from the HTML by
/// Chromium (contract §15).
public enum ReportFormat: String, Sendable, CaseIterable {
  case html, md, pdf
}

/// Exit statuses of the contract (section 9).
public enum ExitStatus: Int32, Sendable {
  /// Every block ran (failed expectations count only for `check`).
  case ok = 0
  /// A block failed, or (`check`) an expectation failed.
  case failed = 1
  /// Bad command line or unreadable notebook.
  case usage = 2
}

/// A usage error: bad arguments or an unreadable notebook (exit 2).
public struct UsageError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
