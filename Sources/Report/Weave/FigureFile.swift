/// A figure as the weavers see it: where its PNG is (relative to the report),
/// its bytes for self-contained pages, or why it could not be drawn.
public struct FigureFile: Sendable {
  public var stem: String
  public var caption: String
  /// `figures/<stem>.png`, relative to the report.
  public var relativePath: String
  public var png: [UInt8]?
  /// Set when the figure could not be drawn (e.g. gnuplot missing).
  public var problem: String?

  public init(stem: String, caption: String, relativePath: String, png: [UInt8]?, problem: String?) {
    self.stem = stem
    self.caption = caption
    self.relativePath = relativePath
    self.png = png
    self.problem = problem
  }
}
