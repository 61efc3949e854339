import Foundation

/// A graph picture's PNG white to its last pixel.
///
/// graphviz makes the PNG `ROUND(w)` × `ROUND(h)` pixels, where w × h is the drawing (the
/// graph's bounding box and its `pad` on each side) at the PNG's density and scale, and paints
/// the white background over exactly w × h. When a side's fraction is ½ or more, the size is
/// rounded up and the last column (or row) is only partly covered: cairo then keeps an alpha
/// byte for every pixel, and the half-transparent edge shows as a faint line on a dark page.
/// Shrinking the pad by less than a pixel puts each side a quarter pixel past a whole one, so
/// it is rounded down and fully covered. The size comes from the SVG drawing of the same
/// source (its `viewBox`, in points, pad included), which is drawn anyway for the HTML page.
extension Graphviz {
  /// The pad around a graph picture, inches on each side (`pad=0.15` in
  /// ``GraphDiagram/dotSource(pad:)``; the SVG drawing always has it).
  public static let pad = 0.15

  /// The PNG's dots per inch: twice 96 (`GnuplotSyntax.pixelDensity`), as the plots.
  static let pngDPI = 96 * GnuplotSyntax.pixelDensity

  /// The widest graph PNG in inches, as passed to `-Gsize` (4 decimals, so 4095.99 pixels
  /// rather than ``maximumPNGWidth``, which graphviz rounds to 4096 and covers).
  static let widthCapInches: Double = {
    let text = String(format: "%.4f", Double(maximumPNGWidth) / Double(pngDPI))
    return Double(text) ?? Double(maximumPNGWidth) / Double(pngDPI)
  }()

  /// The pad (x, y), inches, for the PNG of a drawing whose SVG `viewBox` is `width` × `height`
  /// points with ``pad`` on each side.
  ///
  /// With s = min(1, cap ÷ w) (the `-Gsize` scale) and p = dpi·s pixels per inch, a side of
  /// f = w·s pixels is left as it is when its fraction lies in [0.02, 0.4): rounded down, so
  /// covered, with a margin for the `viewBox`'s two decimals (±0.005 pt, ±0.014 px). Otherwise
  /// it shrinks by δ = (f − 0.25) mod 1 pixels (at most 0.77), the pad by δ ÷ (2p) inches, so
  /// that its fraction is 0.25. A width scaled down to the cap is whole already and is left; a
  /// pad that would fall below 0.05 in (a drawing over 100 times the cap) is left too.
  public static func opaquePad(width: Double, height: Double) -> (x: Double, y: Double) {
    let dpi = Double(pngDPI)
    let naturalWidth = width / 72 * dpi
    let cap = widthCapInches * dpi
    let scale = naturalWidth > cap ? cap / naturalWidth : 1
    let perInch = dpi * scale
    func padFor(_ pixels: Double) -> Double {
      let fraction = pixels - pixels.rounded(.down)
      guard fraction >= 0.4 || fraction < 0.02 else { return pad }
      let shrink = fraction >= 0.4 ? fraction - 0.25 : fraction + 0.75
      let adjusted = pad - shrink / (2 * perInch)
      return adjusted >= 0.05 ? adjusted : pad
    }
    let x = scale < 1 ? pad : padFor(naturalWidth)
    return (x, padFor(height / 72 * dpi * scale))
  }

  /// The width and height of the `viewBox="0 0 W H"` of a graphviz SVG document, in points;
  /// nil when there is none or it does not read as four numbers.
  public static func viewBoxSize(svg: String) -> (width: Double, height: Double)? {
    guard let start = svg.range(of: "viewBox=\"") else { return nil }
    let rest = svg[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    let numbers = rest[..<end].split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else { return nil }
    return (numbers[2], numbers[3])
  }
}
