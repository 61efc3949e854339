import Foundation

/// One curve of a `LinePlot`: `(xs[i], ys[i])` pairs, an optional min–max band around it,
/// a drawing style and a palette colour.
public struct PlotSeries: Equatable, Sendable {
  /// How the points are drawn.
  public enum Style: String, Equatable, Sendable {
    /// Points joined by straight lines (width 2).
    case lines
    /// Filled circles only.
    case points
    /// Lines with a small filled circle at each point.
    case linespoints
  }

  /// A shaded range around the curve (e.g. the minimum and maximum over seeds):
  /// `lower[i]…upper[i]` at `xs[i]`, drawn as a filled curve at 20 % opacity.
  public struct Band: Equatable, Sendable {
    public var lower: [Double]
    public var upper: [Double]
    /// Creates a band from per-point lower and upper bounds.
    public init(lower: [Double], upper: [Double]) {
      self.lower = lower
      self.upper = upper
    }
  }

  /// Legend entry (shown literally: `_` and `^` are not subscripts).
  public var title: String
  public var xs: [Double]
  public var ys: [Double]
  public var band: Band?
  public var style: Style
  /// Palette index (`PlotPalette.color`); `nil` means the series' position in the plot.
  public var colorIndex: Int?
  /// Dashed instead of solid (e.g. test beside train in the same colour).
  public var dashed: Bool

  /// Creates a series from parallel coordinate arrays. Extra elements of the longer array
  /// are ignored; points with a non-finite coordinate are skipped when plotting.
  public init(
    title: String, xs: [Double], ys: [Double], band: Band? = nil, style: Style = .lines,
    colorIndex: Int? = nil, dashed: Bool = false
  ) {
    self.title = title
    self.xs = xs
    self.ys = ys
    self.band = band
    self.style = style
    self.colorIndex = colorIndex
    self.dashed = dashed
  }

  /// Creates a series from `(x, y)` pairs.
  public init(
    title: String, points: [(Double, Double)], band: Band? = nil, style: Style = .lines,
    colorIndex: Int? = nil, dashed: Bool = false
  ) {
    self.init(
      title: title, xs: points.map(\.0), ys: points.map(\.1), band: band, style: style,
      colorIndex: colorIndex, dashed: dashed)
  }

  /// Creates a series of `ys` against 1, 2, 3, … (epochs).
  public init(
    title: String, ys: [Double], band: Band? = nil, style: Style = .lines, colorIndex: Int? = nil,
    dashed: Bool = false
  ) {
    self.init(
      title: title, xs: ys.indices.map { Double($0 + 1) }, ys: ys, band: band, style: style,
      colorIndex: colorIndex, dashed: dashed)
  }

  /// The `(x, y)` pairs, `min(xs.count, ys.count)` of them.
  public var points: [(Double, Double)] { Array(zip(xs, ys)) }
}

/// A line chart of one or more series (learning curves, comparisons with min–max bands),
/// rendered by gnuplot.
public struct LinePlot: Equatable, Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [PlotSeries]
  /// Logarithmic y axis; points (and band rows) with y ≤ 0 are then skipped.
  public var logY: Bool
  /// Fixed axis ranges; `nil` lets gnuplot fit the data (x exactly, y with rounded ends).
  /// An empty, non-finite, or (on a log axis) non-positive range is ignored.
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// Image size in pixels (default 800×500).
  public var width: Int
  public var height: Int

  /// Creates a line plot; sizes default to 800×500 pixels.
  public init(
    title: String, xLabel: String, yLabel: String, series: [PlotSeries], logY: Bool = false,
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, width: Int = 800,
    height: Int = 500
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.logY = logY
    self.xRange = xRange
    self.yRange = yRange
    self.width = width
    self.height = height
  }

  /// Whether gnuplot accepts `range` as a fixed axis range: finite, non-empty, and positive on a
  /// logarithmic axis. Other ranges are ignored (the axis is fitted to the data instead).
  static func usable(_ range: ClosedRange<Double>, log: Bool) -> Bool {
    range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound
      && (!log || range.lowerBound > 0)
  }

  /// The decade exponents `a…b` (a < b) that cover the positive finite `values`:
  /// a = ⌊log₁₀ min⌋, b = ⌈log₁₀ max⌉, and b = a + 1 when both fall in one decade (or
  /// min is an exact power of ten equal to max). Nil when no value is positive and finite.
  static func decades(of values: [Double]) -> ClosedRange<Int>? {
    let positive = values.filter { $0.isFinite && $0 > 0 }
    guard let low = positive.min(), let high = positive.max() else { return nil }
    let a = Int(Foundation.log10(low).rounded(.down))
    let b = max(Int(Foundation.log10(high).rounded(.up)), a + 1)
    return a...b
  }

  /// The gnuplot script that draws this plot as a PNG on standard output (see
  /// `Gnuplot.render(script:)`). Bands are drawn first, curves on top, in series order;
  /// the legend sits below the plot (so it never covers data) when there is more than one
  /// series. Data is inline (`$s0 << EOD`), one block per series and band. Deterministic.
  public func gnuplotScript() -> String {
    var lines = GnuplotSyntax.preamble(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel)
    let keep: (Double, Double) -> Bool = { x, y in
      x.isFinite && y.isFinite && (!logY || y > 0)
    }
    var bandTerms = [String]()
    var curveTerms = [String]()
    for (index, item) in series.enumerated() {
      let color = PlotPalette.color(item.colorIndex ?? index)
      if let band = item.band {
        let rows = zip(item.xs, zip(band.lower, band.upper))
          .filter { x, bounds in keep(x, bounds.0) && keep(x, bounds.1) }
          .map { x, bounds in [x, bounds.0, bounds.1] }
        if !rows.isEmpty {
          lines += GnuplotSyntax.dataBlock("b\(index)", rows: rows)
          bandTerms.append(
            "$b\(index) using 1:2:3 with filledcurves fillcolor rgb '\(color)'"
              + " fillstyle transparent solid 0.2 noborder notitle")
        }
      }
      let rows = zip(item.xs, item.ys).filter(keep).map { [$0, $1] }
      guard !rows.isEmpty else { continue }
      lines += GnuplotSyntax.dataBlock("s\(index)", rows: rows)
      let style: String
      switch item.style {
      case .lines: style = "with lines linewidth 2"
      case .points: style = "with points pointtype 7 pointsize 0.7"
      case .linespoints: style = "with linespoints linewidth 2 pointtype 7 pointsize 0.6"
      }
      let dash = item.dashed ? " dashtype 2" : ""
      curveTerms.append(
        "$s\(index) using 1:2 \(style)\(dash) linecolor rgb '\(color)'"
          + " title \(GnuplotSyntax.quoted(item.title)) noenhanced")
    }
    guard !curveTerms.isEmpty || !bandTerms.isEmpty else {
      return (lines + GnuplotSyntax.noDataPlot).joined(separator: "\n") + "\n"
    }
    let fixedY = yRange.map { Self.usable($0, log: logY) } ?? false
    if logY {
      // Whole decades, each labelled: the axis runs from the decade at or below the
      // smallest value to the decade at or above the largest (at least one decade).
      lines.append("set logscale y 10")
      lines.append("set format y \"10^{%L}\"")
      lines.append("set ytics 10")
      lines.append("set mytics 10")
      if !fixedY,
        let decades = Self.decades(
          of: series.flatMap { s in
            s.ys + (s.band.map { $0.lower + $0.upper } ?? [])
          })
      {
        lines.append("set yrange [1e\(decades.lowerBound):1e\(decades.upperBound)]")
      }
    }
    if let xRange, Self.usable(xRange, log: false) {
      lines.append(
        "set xrange [\(GnuplotSyntax.number(xRange.lowerBound)):\(GnuplotSyntax.number(xRange.upperBound))]")
    } else {
      lines.append("set autoscale xfix")
    }
    if let yRange, fixedY {
      lines.append(
        "set yrange [\(GnuplotSyntax.number(yRange.lowerBound)):\(GnuplotSyntax.number(yRange.upperBound))]")
    }
    if curveTerms.count > 1 {
      lines.append("set key below center horizontal Left reverse noenhanced samplen 3 spacing 1.1 width 1")
    } else {
      lines.append("unset key")
    }
    lines.append("plot " + (bandTerms + curveTerms).joined(separator: ", \\\n     "))
    return lines.joined(separator: "\n") + "\n"
  }
}
