import Testing

@testable import Report

@Suite struct PlotScriptTests {
  @Test func gnuplotStringsAndNumbers() {
    #expect(GnuplotSyntax.quoted(#"it's a\b_1 ^{2} @&~"#) == #"'it''s a\b_1 ^{2} @&~'"#)
    #expect(GnuplotSyntax.quoted("two\nlines") == "'two lines'")
    #expect(GnuplotSyntax.number(0.1) == "0.1")
    #expect(GnuplotSyntax.number(1e-5) == "1e-05")
    #expect(GnuplotSyntax.number(-3) == "-3.0")
    #expect(GnuplotSyntax.number(.nan) == "NaN")
    #expect(GnuplotSyntax.number(-.infinity) == "NaN")
    // Shortest round-trip: reading the text back gives the same Double.
    let value = 0.1 + 0.2
    #expect(Double(GnuplotSyntax.number(value)) == value)
  }

  @Test func paletteIsSixDigitHex() {
    for color in PlotPalette.colors {
      #expect(color.count == 7)
      #expect(color.hasPrefix("#"))
      #expect(UInt32(color.dropFirst(), radix: 16) != nil)
    }
    #expect(PlotPalette.color(0) == "#0072B2")
    #expect(PlotPalette.color(8) == "#0072B2")
    #expect(PlotPalette.color(-1) == "#F0E442")
    // 50 % of #0072B2 = (0, 114, 178) over white: (127.5, 184.5, 216.5) rounded half away from zero.
    #expect(PlotPalette.tint("#0072B2", amount: 0.5) == "#80b9d9")
    #expect(PlotPalette.tint("#0072B2", amount: 0) == "#ffffff")
    #expect(PlotPalette.tint("#eef", amount: 1) == "#ffffff")
  }

  @Test func lineScriptHasTerminalLabelsLegendAndBands() {
    let plot = LinePlot(
      title: "Loss of w_1", xLabel: "epoch", yLabel: "it's loss",
      series: [
        PlotSeries(title: "train", ys: [1, 0.5, 0.25]),
        PlotSeries(
          title: "test", xs: [1, 2, 3], ys: [1.1, 0.6, 0.3],
          band: .init(lower: [1, 0.5, 0.2], upper: [1.2, 0.7, 0.4]), colorIndex: 4, dashed: true),
      ])
    let script = plot.gnuplotScript()
    let lines = script.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "set terminal pngcairo size 1600,1000 enhanced font \"DejaVu Sans,22\" fontscale 1 linewidth 2"
        + " pointscale 2 background rgb '#ffffff'")
    #expect(lines.contains("set output"))
    #expect(lines.contains("set title 'Loss of w_1' noenhanced font \"DejaVu Sans,26\""))
    #expect(lines.contains("set xlabel 'epoch' noenhanced"))
    #expect(lines.contains("set ylabel 'it''s loss' noenhanced"))
    #expect(lines.contains("$s0 << EOD"))
    #expect(lines.contains("3.0 0.25"))
    #expect(lines.contains("$b1 << EOD"))
    #expect(lines.contains("2.0 0.5 0.7"))
    #expect(lines.contains { $0.hasPrefix("set key below") })
    #expect(script.contains("with filledcurves fillcolor rgb '#E69F00' fillstyle transparent solid 0.2"))
    #expect(script.contains("linecolor rgb '#0072B2' title 'train' noenhanced"))
    #expect(script.contains("dashtype 2 linecolor rgb '#E69F00' title 'test' noenhanced"))
    #expect(plot.gnuplotScript() == script)
  }

  @Test func singleSeriesHasNoLegendAndLogYDropsNonPositive() {
    let plot = LinePlot(
      title: "t", xLabel: "x", yLabel: "y", series: [PlotSeries(title: "only", ys: [1, 0, 0.01, -2])],
      logY: true)
    let lines = plot.gnuplotScript().split(separator: "\n").map(String.init)
    #expect(lines.contains("unset key"))
    #expect(lines.contains("set logscale y 10"))
    let block = Array(lines.drop(while: { $0 != "$s0 << EOD" }).dropFirst().prefix(while: { $0 != "EOD" }))
    #expect(block == ["1.0 1.0", "3.0 0.01"])
    // 0.01 … 1: the decades 10^-2 … 10^0, each labelled.
    #expect(lines.contains("set yrange [1e-2:1e0]"))
    #expect(lines.contains("set ytics 10"))
  }

  @Test func logAxisCoversWholeDecadesEvenWithinOne() {
    #expect(LinePlot.decades(of: [0.03, 0.5]) == -2...0)
    #expect(LinePlot.decades(of: [0.2, 0.5]) == -1...0)
    #expect(LinePlot.decades(of: [1, 1]) == 0...1)
    #expect(LinePlot.decades(of: [1e-7, 11, -3, .nan]) == -7...2)
    #expect(LinePlot.decades(of: [0, -1]) == nil)
  }

  @Test func aFixedYRangeWinsOverDecades() {
    let plot = LinePlot(
      title: "t", xLabel: "x", yLabel: "y", series: [PlotSeries(title: "only", ys: [1, 0.01])], logY: true,
      yRange: 0.005...2)
    let lines = plot.gnuplotScript().split(separator: "\n").map(String.init)
    #expect(lines.contains("set yrange [0.005:2.0]"))
    #expect(!lines.contains { $0.hasPrefix("set yrange [1e") })
  }

  @Test func scatterScriptDrawsGridFirstThenClasses() {
    let plot = ScatterPlot(
      title: "Blobs", xLabel: "x_1", yLabel: "x_2",
      classes: [.init(label: "class 0", points: [(0, 0)]), .init(label: "class 1", points: [(1, 1)])],
      grid: .init(
        xs: [0, 0.5, 1], ys: [0, 1], values: [[0, 1, 2], [0, 0, 1]], kind: .classIndex(classCount: 3)))
    let script = plot.gnuplotScript()
    #expect(script.contains("set title 'Blobs' noenhanced"))
    #expect(script.contains("set xlabel 'x_1' noenhanced"))
    // Half a cell beyond the outer grid points: x cells are 0.5 wide, y cells 1.
    #expect(script.contains("set xrange [-0.25:1.25]"))
    #expect(script.contains("set yrange [-0.5:1.5]"))
    #expect(script.contains("set cbrange [0:3]"))
    let plotLine = script.components(separatedBy: "\nplot ").last ?? ""
    #expect(plotLine.hasPrefix("$grid using 1:2:($3+0.5) with image notitle"))
    #expect(plotLine.contains("linecolor rgb '#D55E00' title 'class 1' noenhanced"))
    #expect(script.contains("set key outside right"))
  }

  @Test func heatmapScriptAnnotatesCells() {
    let plot = HeatmapPlot(
      title: "Confusion matrix", xLabel: "predicted", yLabel: "true", rowLabels: ["cat", "dog"],
      columnLabels: ["cat", "dog"], values: [[9, 1], [2, 0.125]])
    let script = plot.gnuplotScript()
    #expect(script.contains("set xtics noenhanced scale 0 ('cat' 0, 'dog' 1)"))
    #expect(script.contains("set yrange [1.5:-0.5]"))
    // 9 is the darkest cell: white text; the others dark text.
    #expect(script.contains("$lighttext << EOD\n0 0 \"9\"\nEOD"))
    #expect(script.contains("1 0 \"1\"\n0 1 \"2\"\n1 1 \"0.125\""))
    #expect(HeatmapPlot.cellText(1234) == "1234")
    #expect(HeatmapPlot.cellText(0.987654) == "0.988")
    #expect(HeatmapPlot.cellText(-.infinity) == "-inf")
  }

  @Test func graphDiagramDotIsEscapedAndDeterministic() {
    let diagram = GraphDiagram(
      nodes: [
        .init(id: "x", lines: ["value = 2"], isInput: true),
        .init(id: "v\"1", title: "v1", lines: ["a < b & c"]),
        .init(id: "y", lines: ["value = 1"], isOutput: true),
      ],
      edges: [(from: "x", to: "v\"1"), (from: "v\"1", to: "y"), (from: "ghost", to: "y")])
    let dot = diagram.dotSource()
    #expect(dot.contains("rankdir=LR"))
    #expect(dot.contains(#""v\"1" [label=<<B>v1</B><BR/>a &lt; b &amp; c>];"#))
    #expect(dot.contains(#""x" [label=<<B>x</B><BR/>value = 2>, shape=ellipse"#))
    #expect(dot.contains("peripheries=2"))
    #expect(dot.contains(#""x" -> "v\"1";"#))
    #expect(!dot.contains("ghost"))
    #expect(diagram.dotSource() == dot)
    // Every colour is #RRGGBB (graphviz paints unknown colours such as #eef black).
    var rest = Substring(dot)
    while let hash = rest.firstIndex(of: "#") {
      let digits = rest[rest.index(after: hash)...].prefix(while: \.isHexDigit)
      #expect(digits.count == 6)
      rest = rest[rest.index(after: hash)...]
    }
  }
}
