/// A 2-D scatter plot of labelled points, one colour and marker shape per class, optionally
/// over a decision-boundary background (a model's output on a regular grid).
public struct ScatterPlot: Equatable, Sendable {
  /// The points of one class.
  public struct PointClass: Equatable, Sendable {
    /// Legend entry, shown literally.
    public var label: String
    public var xs: [Double]
    public var ys: [Double]

    /// Creates a class from parallel coordinate arrays (extra elements ignored).
    public init(label: String, xs: [Double], ys: [Double]) {
      self.label = label
      self.xs = xs
      self.ys = ys
    }

    /// Creates a class from `(x, y)` pairs.
    public init(label: String, points: [(Double, Double)]) {
      self.init(label: label, xs: points.map(\.0), ys: points.map(\.1))
    }
  }

  /// Model output on a regular grid: `values[j][i]` is the output at `(xs[i], ys[j])`.
  /// `xs` and `ys` must be increasing and evenly spaced (gnuplot's `with image`); a grid with
  /// fewer than 2 × 2 points or a non-finite coordinate is not drawn.
  public struct DecisionGrid: Equatable, Sendable {
    /// How grid values map to colours.
    public enum Kind: Equatable, Sendable {
      /// Values in [0, 1] (probability of class 1): a diverging shade from class 0's colour
      /// through white at 0.5 to class 1's colour.
      case probability
      /// Values are class indices 0, 1, …, `classCount − 1`: each cell in a pale tint of that
      /// class's colour.
      case classIndex(classCount: Int)
    }

    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    public var kind: Kind

    /// Creates a grid; `values` has one row per `ys` element, one column per `xs` element.
    public init(xs: [Double], ys: [Double], values: [[Double]], kind: Kind) {
      self.xs = xs
      self.ys = ys
      self.values = values
      self.kind = kind
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// Classes in palette order: class `k` gets `PlotPalette.color(k)` and the `k`-th marker.
  public var classes: [PointClass]
  public var grid: DecisionGrid?
  /// Image size in pixels (default 800×500).
  public var width: Int
  public var height: Int

  /// Creates a scatter plot; sizes default to 800×500 pixels.
  public init(
    title: String, xLabel: String, yLabel: String, classes: [PointClass],
    grid: DecisionGrid? = nil, width: Int = 800, height: Int = 500
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.classes = classes
    self.grid = grid
    self.width = width
    self.height = height
  }

  /// Filled marker shapes in class order: circle, square, triangle, diamond, inverted triangle,
  /// pentagon (gnuplot point types).
  static let markers = [7, 5, 9, 13, 11, 15]

  /// The gnuplot script that draws this plot as a PNG on standard output. With a grid, the
  /// axes span the grid exactly and the background is drawn first (colour bar hidden); points
  /// are drawn on top with a thin dark outline; the legend sits right of the plot when there
  /// is more than one class. Points with a non-finite coordinate are skipped. Deterministic.
  public func gnuplotScript() -> String {
    var lines = GnuplotSyntax.preamble(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel)
    var terms = [String]()
    if let grid, let image = gridImage(grid) {
      lines += image.commands
      terms.append(image.term)
    }
    var pointTerms = [String]()
    var plottedClasses = 0
    for (index, item) in classes.enumerated() {
      let rows = zip(item.xs, item.ys).filter { $0.isFinite && $1.isFinite }.map { [$0, $1] }
      guard !rows.isEmpty else { continue }
      plottedClasses += 1
      lines += GnuplotSyntax.dataBlock("c\(index)", rows: rows)
      let marker = Self.markers[index % Self.markers.count]
      pointTerms.append(
        "$c\(index) using 1:2 with points pointtype \(marker) pointsize 1"
          + " linecolor rgb '\(PlotPalette.color(index))' title \(GnuplotSyntax.quoted(item.label)) noenhanced"
      )
      // The same shape, open, in dark grey: an outline that keeps points visible on any shade.
      pointTerms.append(
        "$c\(index) using 1:2 with points pointtype \(marker - 1) pointsize 1 linewidth 0.5"
          + " linecolor rgb '#303030' notitle")
    }
    guard !terms.isEmpty || !pointTerms.isEmpty else {
      return (lines + GnuplotSyntax.noDataPlot).joined(separator: "\n") + "\n"
    }
    if plottedClasses > 1 {
      lines.append("set key outside right top vertical noenhanced samplen 1 spacing 1.2")
    } else {
      lines.append("unset key")
    }
    lines.append("plot " + (terms + pointTerms).joined(separator: ", \\\n     "))
    return lines.joined(separator: "\n") + "\n"
  }

  /// Data block, palette and ranges for the grid background, or `nil` for an empty grid.
  private func gridImage(_ grid: DecisionGrid) -> (commands: [String], term: String)? {
    let rowCount = min(grid.ys.count, grid.values.count)
    guard grid.xs.count >= 2, rowCount >= 2, grid.xs.allSatisfy(\.isFinite), grid.ys.allSatisfy(\.isFinite)
    else { return nil }
    var commands = ["$grid << EOD"]
    for j in 0..<rowCount {
      let row = grid.values[j]
      for (i, x) in grid.xs.enumerated() {
        let value = i < row.count ? row[i] : .nan
        commands.append(
          "\(GnuplotSyntax.number(x)) \(GnuplotSyntax.number(grid.ys[j])) \(GnuplotSyntax.number(value))")
      }
      commands.append("")
    }
    commands.append("EOD")
    switch grid.kind {
    case .probability:
      let low = PlotPalette.tint(PlotPalette.color(0), amount: 0.38)
      let high = PlotPalette.tint(PlotPalette.color(1), amount: 0.38)
      commands.append("set palette defined (0 '\(low)', 0.5 '#ffffff', 1 '\(high)')")
      commands.append("set cbrange [0:1]")
    case .classIndex(let classCount):
      let count = max(classCount, 1)
      var stops = [String]()
      for k in 0..<count {
        let tint = PlotPalette.tint(PlotPalette.color(k), amount: 0.3)
        stops.append("\(k) '\(tint)'")
        stops.append("\(k + 1) '\(tint)'")
      }
      commands.append("set palette defined (\(stops.joined(separator: ", ")))")
      commands.append("set cbrange [0:\(count)]")
    }
    commands.append("unset colorbox")
    // Cells are centred on the grid points: the axes end half a cell beyond the outer points.
    let halfX = (grid.xs[grid.xs.count - 1] - grid.xs[0]) / Double(grid.xs.count - 1) / 2
    let halfY = (grid.ys[rowCount - 1] - grid.ys[0]) / Double(rowCount - 1) / 2
    let x0 = GnuplotSyntax.number(grid.xs[0] - halfX)
    let x1 = GnuplotSyntax.number(grid.xs[grid.xs.count - 1] + halfX)
    let y0 = GnuplotSyntax.number(grid.ys[0] - halfY)
    let y1 = GnuplotSyntax.number(grid.ys[rowCount - 1] + halfY)
    commands.append("set xrange [\(x0):\(x1)]")
    commands.append("set yrange [\(y0):\(y1)]")
    commands.append("set grid front")
    let using: String
    switch grid.kind {
    case .probability: using = "1:2:3"
    case .classIndex: using = "1:2:($3+0.5)"
    }
    return (commands, "$grid using \(using) with image notitle")
  }
}
