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
  /// For graph pictures: the SVG drawing the HTML report shows inline (text stays text,
  /// sharp at any zoom and measurable by a browser); the PNG serves the Markdown report.
  public var svg: String?

  /// The size at which the HTML report shows the PNG, in CSS pixels: its pixel size divided
  /// by `GnuplotSyntax.pixelDensity` (figures are drawn at twice their display size). Read
  /// from the PNG's IHDR chunk; nil when there is no PNG or it is too short to hold one.
  public var displaySize: (width: Int, height: Int)? {
    guard let png, png.count >= 24 else { return nil }
    func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    let k = GnuplotSyntax.pixelDensity
    return (be32(16) / k, be32(20) / k)
  }

  public init(stem: String, caption: String, relativePath: String, png: [UInt8]?, problem: String?) {
    self.stem = stem
    self.caption = caption
    self.relativePath = relativePath
    self.png = png
    self.problem = problem
  }
}
