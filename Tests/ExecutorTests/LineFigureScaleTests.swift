import Testing

@testable import Executor

/// The automatic y-axis choice of learning-curve plots (contract section 7).
@Suite struct LineFigureScaleTests {
  func figure(_ ys: [Double], lower: [Double]? = nil, scale: LineFigure.YScale = .automatic) -> LineFigure {
    LineFigure(
      title: "t", xLabel: "epoch", yLabel: "loss", yScale: scale,
      series: [
        .init(name: "a", x: ys.indices.map(Double.init), y: ys, lower: lower, upper: lower, colorIndex: 0)
      ])
  }

  @Test func moreThanTwoOrdersOfMagnitudeIsLog() {
    // Loss 11 against 0.1: 110×, the case that squashed the other variants flat.
    #expect(figure([11, 0.1]).resolvedLogY)
    #expect(!figure([10, 0.1]).resolvedLogY)  // exactly 100×: two orders, still linear
    #expect(!figure([0.9, 0.2]).resolvedLogY)
  }

  @Test func bandsCountAndNonPositiveValuesKeepItLinear() {
    #expect(figure([1, 0.5], lower: [1e-3, 0.5]).resolvedLogY)
    #expect(!figure([11, 0.1, 0]).resolvedLogY)
    #expect(!figure([.nan]).resolvedLogY)
    #expect(figure([11, 0.1, .infinity]).resolvedLogY)
  }

  @Test func anExplicitScaleIsTakenAsGiven() {
    #expect(!figure([11, 0.01], scale: .linear).resolvedLogY)
    #expect(figure([0.5, 0.4], scale: .log).resolvedLogY)
  }
}
