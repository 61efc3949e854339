import Executor
import Foundation

/// Draws an executor ``FigureRequest`` as PNG bytes: curves, scatter plots and
/// heatmaps through gnuplot, graph pictures through graphviz.
public enum FigureRenderer {
  ///
  /// With a cache folder, a figure whose script was drawn before is read back
  /// instead of drawn again: the file is named after a hash of the script (and
  /// the drawing program, with `dot`'s PNG arguments), so a changed figure never
  /// reuses an old picture.
  ///
  /// A graph picture's pad comes from `svgSize` (its SVG drawing's `viewBox`, points) through
  /// ``Graphviz/opaquePad(width:height:)``, so that the PNG is white to its last pixel; without
  /// it, ``Graphviz/pad`` on every side.
  public static func render(
    _ request: FigureRequest, cache: URL? = nil, svgSize: (width: Double, height: Double)? = nil
  ) throws(ReportError) -> [UInt8] {
    let source: String
    let isDot: Bool
    switch request.kind {
    case .lines(let f): (source, isDot) = (linePlot(f).gnuplotScript(), false)
    case .scatter(let f): (source, isDot) = (scatterPlot(f).gnuplotScript(), false)
    case .heatmap(let f): (source, isDot) = (heatmap(f).gnuplotScript(), false)
    case .graph(let g):
      let pad = svgSize.map { Graphviz.opaquePad(width: $0.width, height: $0.height) }
      (source, isDot) = (diagram(g).dotSource(pad: pad), true)
    }
    // The PNG arguments of `dot` are part of the key: a changed width cap draws anew.
    let key = (isDot ? "dot \(Graphviz.pngArguments.joined(separator: " ")):" : "gnuplot:") + source
    let file = cache?.appendingPathComponent(ContentHash.hex128(key) + ".png")
    if let file, let data = try? Data(contentsOf: file), isCompletePNG(data) {
      return [UInt8](data)
    }
    let data = isDot ? try Graphviz.render(dot: source) : try Gnuplot.render(script: source)
    if let file, let cache {
      try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
      try? AtomicWrite.write(data, to: file)
    }
    return [UInt8](data)
  }

  /// The SVG drawing of a graph picture (nil for plots, which are PNG only), with the XML
  /// prolog and comments removed and every `id` prefixed by `idPrefix` so that several
  /// pictures can stand inline in one page. Cached like the PNG, by the DOT source.
  public static func renderSVG(_ request: FigureRequest, idPrefix: String, cache: URL? = nil)
    throws(ReportError)
    -> String?
  {
    try graphSVG(request, cache: cache).map { inlineSVG($0, idPrefix: idPrefix) }
  }

  /// A graph picture's SVG document as `dot` wrote it (nil for plots), cached by its source.
  static func graphSVG(_ request: FigureRequest, cache: URL?) throws(ReportError) -> String? {
    guard case .graph(let g) = request.kind else { return nil }
    let source = diagram(g).dotSource()
    let file = cache?.appendingPathComponent(ContentHash.hex128("dot-svg:" + source) + ".svg")
    if let file, let data = try? Data(contentsOf: file),
      String(decoding: data, as: UTF8.self).hasSuffix("</svg>\n")
    {
      return String(decoding: data, as: UTF8.self)
    }
    let svg = try Graphviz.renderSVG(dot: source)
    if let file, let cache {
      try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
      try? AtomicWrite.write(Data(svg.utf8), to: file)
    }
    return svg
  }

  /// `svg` from its `<svg` tag on, without `<!-- … -->` comments, ids prefixed.
  static func inlineSVG(_ svg: String, idPrefix: String) -> String {
    let bytes = Array(svg.utf8)
    // From `<svg` on, then every complete comment removed (with one newline after it).
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count)
    var i = ByteSearch.find(SVGBytes.svgOpen, in: bytes, from: 0) ?? 0
    while i < bytes.count {
      guard let open = ByteSearch.find(SVGBytes.commentOpen, in: bytes, from: i),
        let close = ByteSearch.find(SVGBytes.commentClose, in: bytes, from: open + 4)
      else { break }
      text += bytes[i..<open]
      i = close + 3
      if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { i += 1 }
    }
    if i < bytes.count { text += bytes[i...] }
    // Every ` id="` becomes ` id="PREFIX-`.
    let replacement = Array(" id=\"\(idPrefix)-".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(text.count + 64)
    var j = 0
    while let k = ByteSearch.find(SVGBytes.idAttribute, in: text, from: j) {
      out += text[j..<k]
      out += replacement
      j = k + SVGBytes.idAttribute.count
    }
    out += text[j...]
    return String(decoding: out, as: UTF8.self)
  }

  /// One figure drawn: its PNG (or why it could not be drawn) and, for a graph, its inline SVG.
  public struct Drawing: Sendable {
    public var png: Result<[UInt8], ReportError>
    public var svg: String?
  }

  /// Draws `requests` with ``render(_:cache:)`` and ``renderSVG(_:idPrefix:cache:)`` (id
  /// prefix: the sanitized stem) on up to one worker per core; results in request order, so
  /// the report is the same bytes whatever the number of cores.
  public static func drawAll(_ requests: [FigureRequest], cache: URL?) -> [Drawing] {
    ConcurrentMap.map(count: requests.count, workers: ProcessInfo.processInfo.activeProcessorCount) { i in
      draw(requests[i], cache: cache)
    }
  }

  /// One figure: for a graph first its SVG (``graphSVG(_:cache:)``), whose size sets the PNG's
  /// pad, then its PNG (``render(_:cache:svgSize:)``); the SVG, inlined with the sanitized stem
  /// as id prefix, only when the PNG was drawn (a missing `dot` is told once, by the PNG).
  public static func draw(_ request: FigureRequest, cache: URL?) -> Drawing {
    let document = try? graphSVG(request, cache: cache)
    let png: Result<[UInt8], ReportError> = Result { () throws(ReportError) -> [UInt8] in
      try render(request, cache: cache, svgSize: document.flatMap { Graphviz.viewBoxSize(svg: $0) })
    }
    let svg =
      (try? png.get()) == nil
      ? nil : document.map { inlineSVG($0, idPrefix: FileName.sanitize(request.stem)) }
    return Drawing(png: png, svg: svg)
  }

  /// True when `data` starts with the 8-byte PNG signature and ends with the
  /// 12-byte IEND chunk (length 0, `IEND`, its CRC `ae 42 60 82`): a cached
  /// picture cut short (a full disk, a killed run) is drawn again.
  static func isCompletePNG(_ data: Data) -> Bool {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    return data.count >= signature.count + iend.count && data.starts(with: signature)
      && data.suffix(iend.count).elementsEqual(iend)
  }

  static func linePlot(_ f: LineFigure) -> LinePlot {
    LinePlot(
      title: f.title, xLabel: f.xLabel, yLabel: f.yLabel,
      series: f.series.map { s in
        PlotSeries(
          title: s.name, xs: s.x, ys: s.y,
          band: s.lower.flatMap { lo in s.upper.map { PlotSeries.Band(lower: lo, upper: $0) } },
          style: s.x.count == 1 ? .points : .lines, colorIndex: s.colorIndex, dashed: s.dashed)
      }, logY: f.resolvedLogY,
      yRange: f.yRange.flatMap { r in r.count == 2 && r[0] < r[1] ? r[0]...r[1] : nil })
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

/// Byte patterns of ``FigureRenderer/inlineSVG(_:idPrefix:)``, searched in UTF-8 bytes
/// (a `String` search went through Foundation and was a tenth of a warm run).
enum SVGBytes {
  static let svgOpen = Array("<svg".utf8)
  static let commentOpen = Array("<!--".utf8)
  static let commentClose = Array("-->".utf8)
  static let idAttribute = Array(" id=\"".utf8)
}
