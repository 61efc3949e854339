import Foundation

/// What `gradbook preview` was asked to do (contract section 14).
public struct PreviewOptions: Sendable {
  /// The port tried first when none is given (then upward, to the next free one).
  public static let defaultPort = 4848
  /// How many ports upward from ``defaultPort`` are tried.
  public static let portsTried = 100

  /// The one notebook previewed.
  public var notebook: String
  /// `--port N`: exactly this port (a port in use is an error), 0 for any free port the system
  /// picks; nil: ``defaultPort`` or the next free port above it.
  public var port: Int?
  /// `--set NAME=VALUE`, in the order given, each split at its first `=`; forwarded to the runs
  /// (section 13 decides what a name may be).
  public var parameterOverrides: [(name: String, value: String)] = []
  /// How each run is made: `--out`, the cache (always on), quiet progress.
  public var run: RunOptions

  public init(notebook: String, port: Int? = nil, run: RunOptions = RunOptions()) {
    self.notebook = notebook
    self.port = port
    self.run = run
  }

  /// Splits `NAME=VALUE` at the first `=`; nil when there is no `=` or the name is empty.
  public static func parseSetting(_ text: String) -> (name: String, value: String)? {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
  }
}
