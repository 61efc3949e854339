import Tensor

/// One piece of a block's report: a table, a figure request or a note.
/// The weavers decide how each looks in Markdown and HTML.
public enum ReportItem: Sendable, Codable, Equatable {
  case table(ReportTable)
  case figure(FigureRequest)
  case note(String)
}

/// A table of labelled values.
public struct ReportTable: Sendable, Codable, Equatable {
  /// Caption shown above the table.
  public var caption: String?
  public var columns: [String]
  public var rows: [[Cell]]
  /// Significant digits for numbers in this table.
  public var digits: Int

  public init(caption: String? = nil, columns: [String], rows: [[Cell]] = [], digits: Int = 7) {
    self.caption = caption
    self.columns = columns
    self.rows = rows
    self.digits = digits
  }

  /// A table cell.
  public enum Cell: Sendable, Codable, Equatable {
    /// Plain text, escaped by the weaver.
    case text(String)
    /// TeX shown as inline math (e.g. `\partial L/\partial W^{[1]}`).
    case math(String)
    /// Inline code.
    case code(String)
    case number(Double)
    case matrix(Matrix)
    /// A pass/fail mark.
    case verdict(Bool)
    case empty
  }
}

/// A figure the Report target draws (gnuplot or graphviz) and embeds.
public struct FigureRequest: Sendable, Codable, Equatable {
  /// File stem, unique in the notebook, e.g. `train-baseline-loss`.
  public var stem: String
  /// Caption and alt text.
  public var caption: String
  public var kind: Kind

  public init(stem: String, caption: String, kind: Kind) {
    self.stem = stem
    self.caption = caption
    self.kind = kind
  }

  public enum Kind: Sendable, Codable, Equatable {
    case lines(LineFigure)
    case scatter(ScatterFigure)
    case heatmap(HeatmapFigure)
    case graph(GraphFigure)
  }
}

/// Curves against a common x axis (learning curves, gradient norms, compare).
public struct LineFigure: Sendable, Codable, Equatable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// The y axis: linear, logarithmic, or chosen from the data (`resolvedLogY`).
  public var yScale: YScale
  /// A fixed y range `[low, high]` (`y-range:`), or nil to fit the data.
  public var yRange: [Double]?
  public var series: [Series]

  /// How the y axis is scaled (`y-scale:` on `train` and `compare` plots).
  public enum YScale: String, Sendable, Codable, Equatable, CaseIterable {
    case linear
    case log
    /// Logarithmic when the plotted values span more than `LineFigure.logSpan`, else linear.
    case automatic
  }

  /// The ratio max/min of the plotted values above which `.automatic` picks a log axis:
  /// more than two orders of magnitude (contract section 7).
  public static let logSpan = 100.0

  public init(
    title: String, xLabel: String, yLabel: String, yScale: YScale = .automatic, yRange: [Double]? = nil,
    series: [Series]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.yScale = yScale
    self.yRange = yRange
    self.series = series
  }

  /// Whether the y axis is drawn logarithmic. `.log` and `.linear` are taken as given.
  /// `.automatic` is log exactly when every finite plotted value (curves and bands) is
  /// positive and max/min > `logSpan`; a value ≤ 0 (which a log axis cannot show) or no
  /// finite value at all keeps it linear.
  public var resolvedLogY: Bool {
    switch yScale {
    case .linear: return false
    case .log: return true
    case .automatic:
      let values = series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }.filter(\.isFinite)
      guard let low = values.min(), let high = values.max(), low > 0 else { return false }
      return high / low > Self.logSpan
    }
  }

  /// One curve, optionally with a min–max band.
  public struct Series: Sendable, Codable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var lower: [Double]?
    public var upper: [Double]?
    /// Dashed line (e.g. the test curve beside the solid train curve).
    public var dashed: Bool
    /// Colour slot shared by curves of the same variant.
    public var colorIndex: Int

    public init(
      name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
      dashed: Bool = false, colorIndex: Int
    ) {
      self.name = name
      self.x = x
      self.y = y
      self.lower = lower
      self.upper = upper
      self.dashed = dashed
      self.colorIndex = colorIndex
    }
  }
}

/// 2-D points by class, optionally over a decision-boundary grid.
public struct ScatterFigure: Sendable, Codable, Equatable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// Points per class, in label order.
  public var classes: [PointClass]
  /// Predicted class (or probability) on a grid, drawn under the points.
  public var boundary: Grid?

  public init(title: String, xLabel: String, yLabel: String, classes: [PointClass], boundary: Grid? = nil) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.classes = classes
    self.boundary = boundary
  }

  public struct PointClass: Sendable, Codable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public init(label: String, x: [Double], y: [Double]) {
      self.label = label
      self.x = x
      self.y = y
    }
  }

  /// Values on a regular grid: `values[j][i]` at `(xs[i], ys[j])`.
  public struct Grid: Sendable, Codable, Equatable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    public init(xs: [Double], ys: [Double], values: [[Double]]) {
      self.xs = xs
      self.ys = ys
      self.values = values
    }
  }
}

/// A matrix of numbers drawn as annotated cells (confusion matrix).
public struct HeatmapFigure: Sendable, Codable, Equatable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  public var values: [[Double]]

  public init(
    title: String, xLabel: String, yLabel: String, rowLabels: [String], columnLabels: [String],
    values: [[Double]]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
  }
}

/// A computational graph picture: nodes with labelled lines and edges.
public struct GraphFigure: Sendable, Codable, Equatable {
  public struct Node: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var lines: [String]
    public var isInput: Bool
    public var isOutput: Bool
    public init(id: String, title: String, lines: [String], isInput: Bool, isOutput: Bool) {
      self.id = id
      self.title = title
      self.lines = lines
      self.isInput = isInput
      self.isOutput = isOutput
    }
  }
  public struct Edge: Sendable, Codable, Equatable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }
  public var nodes: [Node]
  public var edges: [Edge]
  public init(nodes: [Node], edges: [Edge]) {
    self.nodes = nodes
    self.edges = edges
  }
}
