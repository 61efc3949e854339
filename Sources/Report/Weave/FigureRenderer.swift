import Executor
import Foundation

/// Draws an executor ``FigureRequest`` as PNG bytes: curves, scatter plots and
/// heatmaps through gnuplot, graph pictures through graphviz.
public enum FigureRenderer {
  public static func render(_ request: FigureRequest) throws(ReportError) -> [UInt8] {
    let data: Data
    switch request.kind {
    case .lines(let f): data = try Gnuplot.render(script: linePlot(f).gnuplotScript())
    case .scatter(let f): data = try Gnuplot.render(script: scatterPlot(f).gnuplotScript())
    case .heatmap(let f): data = try Gnuplot.render(script: heatmap(f).gnuplotScript())
    case .graph(let g): data = try Graphviz.render(dot: diagram(g).dotSource())
    }
    return [UInt8](data)
  }

  static func linePlot(_ f: LineFigure) -> LinePlot {
    LinePlot(
      title: f.title, xLabel: f.xLabel, yLabel: f.yLabel,
      series: f.series.map { s in
        PlotSeries(
          title: s.name, xs: s.x, ys: s.y,
          band: s.lower.flatMap { lo in s.upper.map { PlotSeries.Band(lower: lo, upper: $0) } },
          style: s.x.count == 1 ? .points : .lines, colorIndex: s.colorIndex, dashed: s.dashed)
      }, logY: f.logY)
  }

  static func scatterPlot(_ f: ScatterFigure) -> ScatterPlot {
    ScatterPlot(
      title: f.title, xLabel: f.xLabel, yLabel: f.yLabel,
      classes: f.classes.map { ScatterPlot.PointClass(label: $0.label, xs: $0.x, ys: $0.y) },
      grid: f.boundary.map { g in
        let classes = max(2, Int((g.values.flatMap { $0 }.max() ?? 1).rounded()) + 1)
        return ScatterPlot.DecisionGrid(
          xs: g.xs, ys: g.ys, values: g.values, kind: .classIndex(classCount: classes))
      })
  }

  static func heatmap(_ f: HeatmapFigure) -> HeatmapPlot {
    HeatmapPlot(
      title: f.title, xLabel: f.xLabel, yLabel: f.yLabel, rowLabels: f.rowLabels,
      columnLabels: f.columnLabels,
      values: f.values)
  }

  static func diagram(_ g: GraphFigure) -> GraphDiagram {
    GraphDiagram(
      nodes: g.nodes.map {
        GraphDiagram.Node(
          id: $0.id, title: $0.title, lines: $0.lines, isInput: $0.isInput, isOutput: $0.isOutput)
      }, edges: g.edges.map { GraphDiagram.Edge(from: $0.from, to: $0.to) })
  }
}
