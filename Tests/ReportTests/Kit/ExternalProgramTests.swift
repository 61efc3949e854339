import Foundation
import Testing

@testable import Report

private let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// A small two-series line plot with a band, used by several tests.
private func sampleLinePlot() -> LinePlot {
  let train = (0..<30).map { 0.7 * exp(-Double($0) / 8) + 0.05 }
  let test = train.map { $0 + 0.03 }
  return LinePlot(
    title: "Learning curve", xLabel: "epoch", yLabel: "loss",
    series: [
      PlotSeries(title: "train", ys: train),
      PlotSeries(
        title: "test", ys: test, band: .init(lower: test.map { $0 - 0.02 }, upper: test.map { $0 + 0.02 }),
        dashed: true),
    ])
}

@Suite struct ExternalProgramTests {
  @Test func missingProgramNamesThePackage() {
    #expect(ExternalProgram.find("gnuplot-does-not-exist") == nil)
    #expect(
      throws: ReportError(
        message: "gnuplot-does-not-exist not found on PATH",
        hint: "install the Debian package gnuplot-nox, e.g. with scripts/install-deps")
    ) {
      try ExternalProgram.execute(
        name: "gnuplot-does-not-exist", package: "gnuplot-nox", arguments: [], input: Data())
    }
    #expect(throws: ReportError.self) { try Gnuplot.render(script: "", program: "gnuplot-does-not-exist") }
    do {
      _ = try Graphviz.render(dot: "digraph {}", format: "png", program: "dot-does-not-exist")
      Issue.record("expected an error")
    } catch {
      #expect(error.hint?.contains("graphviz") == true)
    }
  }

  @Test func findSearchesTheGivenPath() throws {
    let sh = try #require(ExternalProgram.find("sh", searchPath: "/nonexistent:/bin:/usr/bin"))
    #expect(sh.path == "/bin/sh")
    #expect(ExternalProgram.find("sh", searchPath: "/nonexistent") == nil)
  }

  @Test func executePassesStdinAndCollectsBothOutputs() throws {
    // `cat` echoes 300 kB: more than a pipe buffer, so input and output must flow together.
    let input = Data((0..<300_000).map { UInt8($0 % 251) })
    let output = try ExternalProgram.execute(name: "cat", package: "coreutils", arguments: [], input: input)
    #expect(output.status == 0)
    #expect(output.stdout == input)
    let failing = try ExternalProgram.execute(
      name: "sh", package: "dash", arguments: ["-c", "echo oops >&2; exit 3"], input: Data())
    #expect(failing.status == 3)
    #expect(ExternalProgram.messageLines(failing.stderr) == ["oops"])
  }

  @Test func gnuplotRendersALinePlotAsIdenticalPNGs() throws {
    let script = sampleLinePlot().gnuplotScript()
    let first = try Gnuplot.render(script: script)
    let second = try Gnuplot.render(script: script)
    #expect(Array(first.prefix(8)) == pngSignature)
    #expect(first.count > 5_000)
    #expect(first == second)
  }

  @Test func gnuplotErrorCarriesGnuplotsMessage() {
    let script = "set terminal pngcairo\nset output\nplot sin(x) with nonsense\n"
    do {
      _ = try Gnuplot.render(script: script)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "gnuplot failed: unrecognized plot type (in: plot sin(x) with nonsense)")
    }
    do {
      _ = try Gnuplot.render(script: "set terminal pngcairo\nset output\nplot undefinedthing\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.message.hasPrefix("gnuplot failed: undefined variable: undefinedthing"))
    }
  }

  @Test func gnuplotErrorSummaryReadsBothErrorForms() {
    let asFile =
      "\nplot sin(x) with nonsense\n                         ^\n\"/dev/stdin\" line 3: unrecognized plot type\n"
    #expect(
      Gnuplot.errorSummary(Data(asFile.utf8), status: 1)
        == "unrecognized plot type (in: plot sin(x) with nonsense)")
    let asInput =
      "\ngnuplot> plot sin(x) with nonsense\n            ^\n         line 0: unrecognized plot type\n"
    #expect(
      Gnuplot.errorSummary(Data(asInput.utf8), status: 1)
        == "unrecognized plot type (in: plot sin(x) with nonsense)")
  }

  /// A decision boundary's script is large (a data line per grid cell); gnuplot reads it as a
  /// file, so it is the same picture as when read line by line from standard input.
  @Test func gnuplotDrawsALargeScriptAsFromItsOwnInput() throws {
    let xs = stride(from: -1.0, through: 1.0, by: 0.02).map { $0 }
    let grid = ScatterPlot.DecisionGrid(
      xs: xs, ys: xs, values: xs.map { y in xs.map { x in x * y > 0 ? 1 : 0 } },
      kind: .classIndex(classCount: 2))
    let script = ScatterPlot(
      title: "Boundary", xLabel: "x1", yLabel: "x2",
      classes: [ScatterPlot.PointClass(label: "a", xs: [0.5], ys: [0.5])], grid: grid
    ).gnuplotScript()
    #expect(script.utf8.count > 100_000)
    let asFile = try Gnuplot.render(script: script)
    let asInput = try ExternalProgram.execute(
      name: "gnuplot", package: "gnuplot-nox", arguments: ["--default-settings"], input: Data(script.utf8))
    #expect(Array(asFile.prefix(8)) == pngSignature)
    #expect(asFile == asInput.stdout)
  }

  @Test func gnuplotErrorSummaryFallsBackToFirstLine() {
    #expect(Gnuplot.errorSummary(Data("\n  something odd\nmore\n".utf8), status: 1) == "something odd")
    #expect(Gnuplot.errorSummary(Data(), status: 2) == "exit status 2, no message")
  }

  @Test func scatterAndHeatmapRender() throws {
    let xs = stride(from: -1.0, through: 1.0, by: 0.1).map { $0 }
    let grid = ScatterPlot.DecisionGrid(
      xs: xs, ys: xs, values: xs.map { y in xs.map { x in x + y > 0 ? 1 : 0 } }, kind: .probability)
    let scatter = ScatterPlot(
      title: "Boundary", xLabel: "x1", yLabel: "x2",
      classes: [
        .init(label: "0", points: [(-0.5, -0.5), (-0.2, -0.6)]), .init(label: "1", points: [(0.5, 0.4)]),
      ], grid: grid)
    let scatterPNG = try Gnuplot.render(script: scatter.gnuplotScript())
    #expect(Array(scatterPNG.prefix(8)) == pngSignature)
    let heatmap = HeatmapPlot(
      title: "Confusion", xLabel: "predicted", yLabel: "true", rowLabels: ["a", "b"],
      columnLabels: ["a", "b"], values: [[5, 1], [.nan, 7]])
    let heatmapPNG = try Gnuplot.render(script: heatmap.gnuplotScript())
    #expect(Array(heatmapPNG.prefix(8)) == pngSignature)
  }

  @Test func plotsWithoutDataStillRender() throws {
    let empty = LinePlot(
      title: "Diverged", xLabel: "epoch", yLabel: "loss",
      series: [PlotSeries(title: "train", ys: [.nan, .infinity])], logY: true)
    #expect(empty.gnuplotScript().contains("'no data'"))
    let png = try Gnuplot.render(script: empty.gnuplotScript())
    #expect(Array(png.prefix(8)) == pngSignature)
  }

  @Test func graphvizRendersAGraphDiagram() throws {
    let diagram = GraphDiagram(
      nodes: [
        .init(id: "x", lines: ["value = 2", "adjoint = 3"], isInput: true),
        .init(id: "y", lines: ["x * x", "value = 4", "adjoint = 1"], isOutput: true),
      ], edges: [(from: "x", to: "y")])
    let first = try Graphviz.render(dot: diagram.dotSource())
    #expect(Array(first.prefix(8)) == pngSignature)
    #expect(try Graphviz.render(dot: diagram.dotSource()) == first)
  }

  /// A long chain is drawn at most `maximumPNGWidth` pixels wide; a small graph is the same
  /// bytes as without the cap.
  @Test func graphvizCapsTheWidthOfAGraphPNG() throws {
    func width(_ png: Data) -> Int { png.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) } }
    let chain = GraphDiagram(
      nodes: (0..<40).map { .init(id: "v\($0)", lines: ["value = \($0)", "adjoint = 1"]) },
      edges: (1..<40).map { (from: "v\($0 - 1)", to: "v\($0)") })
    let capped = try Graphviz.render(dot: chain.dotSource())
    let uncapped = try Graphviz.render(dot: chain.dotSource(), format: "png", extra: ["-Gdpi=192"])
    #expect(width(uncapped) > Graphviz.maximumPNGWidth)
    #expect(width(capped) == Graphviz.maximumPNGWidth)
    let small = GraphDiagram(
      nodes: [.init(id: "x", isInput: true), .init(id: "y")], edges: [(from: "x", to: "y")])
    let smallPNG = try Graphviz.render(dot: small.dotSource())
    #expect(width(smallPNG) < Graphviz.maximumPNGWidth)
    #expect(smallPNG == (try Graphviz.render(dot: small.dotSource(), format: "png", extra: ["-Gdpi=192"])))
  }

  @Test func graphvizSyntaxErrorIsReported() {
    do {
      _ = try Graphviz.render(dot: "digraph { a -> }")
      Issue.record("expected an error")
    } catch {
      #expect(error.message.hasPrefix("dot failed: Error: <stdin>: syntax error in line 1"))
    }
  }
}
