import Executor
import Foundation
import Testing

@testable import Report

/// A graph picture's PNG is white to its last pixel: its width and height in pixels cover
/// whole pixels of the drawing, so no edge column or row is half transparent (which showed as a
/// faint line on a dark page and made every pixel carry an alpha byte).
@Suite struct GraphPictureEdgeTests {
  /// A chain of `count` nodes whose labels grow with `count` (so the widths fall on every
  /// fraction of a pixel), one input and one output.
  static func chain(_ count: Int) -> FigureRequest {
    let nodes = (0..<count).map { i in
      GraphFigure.Node(
        id: "n\(i)", title: "v\(i)", lines: ["value = \(String(repeating: "7", count: i % 5 + 1))"],
        isInput: i == 0, isOutput: i == count - 1)
    }
    let edges = (1..<max(count, 1)).map { GraphFigure.Edge(from: "n\($0 - 1)", to: "n\($0)") }
    return FigureRequest(
      stem: "chain-\(count)", caption: "c", kind: .graph(GraphFigure(nodes: nodes, edges: edges)))
  }

  /// The PNG header's width, height and colour type (2: RGB, 6: RGB with alpha).
  static func header(_ png: [UInt8]) -> (width: Int, height: Int, colorType: UInt8) {
    let be = { (i: Int) in png[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20), png[25])
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 9, 12, 40])
  func aGraphPictureIsOpaqueToItsEdges(_ count: Int) throws {
    guard Graphviz.isInstalled else { return }
    let drawing = FigureRenderer.draw(Self.chain(count), cache: nil)
    let png = try drawing.png.get()
    let h = Self.header(png)
    #expect(h.colorType == 2, "\(count) nodes: \(h.width)×\(h.height) has a partly transparent edge")
    #expect(h.width <= Graphviz.maximumPNGWidth)
    #expect(drawing.svg?.hasPrefix("<svg") == true)
  }

  /// The pad for the PNG shrinks the drawing by less than a pixel so that each side ends a
  /// quarter pixel past a whole one (graphviz rounds the size to whole pixels, and a size
  /// rounded up leaves the last column or row partly covered by the white background).
  @Test func thePadLeavesAQuarterPixelPastAWholeOne() throws {
    // 516.95 × 268.14 pt at 192 dpi: 1378.53 × 715.04 px, so 1379 wide with a half-covered
    // last column; 715 high, rounded down, covered.
    let pad = Graphviz.opaquePad(width: 516.95, height: 268.14)
    let pixelsPerInch = 192.0
    let width = (516.95 / 72 - 2 * (Graphviz.pad - pad.x)) * pixelsPerInch
    #expect(abs(width - 1378.25) < 1e-9)
    #expect(pad.y == Graphviz.pad)
    // 500.00 pt high: 1333.33 px; 200.00 pt: 533.333 px, both left; 300.00 pt: exactly 800 px,
    // too close to a whole pixel to tell from two decimals, so 799.25.
    #expect(Graphviz.opaquePad(width: 500, height: 200).y == Graphviz.pad)
    let whole = Graphviz.opaquePad(width: 500, height: 300)
    #expect(abs((300 / 72 - 2 * (Graphviz.pad - whole.y)) * pixelsPerInch - 799.25) < 1e-9)
    // 404.70 × 222.14 pt: 1079.20 × 592.37 px, both rounded down, so both covered: unchanged.
    let unchanged = Graphviz.opaquePad(width: 404.70, height: 222.14)
    #expect(unchanged.x == Graphviz.pad && unchanged.y == Graphviz.pad)
    // Wider than the cap: scaled to 4096 px wide (whole), the height at that scale is fixed.
    let wide = Graphviz.opaquePad(width: 2137.06, height: 656.14)
    let scale = Graphviz.widthCapInches * pixelsPerInch / (2137.06 / 72 * pixelsPerInch)
    let scaledHeight = (656.14 / 72 - 2 * (Graphviz.pad - wide.y)) * pixelsPerInch * scale
    #expect(wide.x == Graphviz.pad)
    #expect(abs(scaledHeight - 1257.25) < 1e-9)
  }

  @Test func theViewBoxSizeIsReadFromTheSVG() {
    let svg = """
      <svg width="517pt" height="268pt"
       viewBox="0.00 0.00 516.95 268.14" xmlns="http://www.w3.org/2000/svg">
      """
    #expect(Graphviz.viewBoxSize(svg: svg)?.width == 516.95)
    #expect(Graphviz.viewBoxSize(svg: svg)?.height == 268.14)
    #expect(Graphviz.viewBoxSize(svg: "<svg width=\"1pt\">") == nil)
    #expect(Graphviz.viewBoxSize(svg: "<svg viewBox=\"0 0 x 3\">") == nil)
  }
}
