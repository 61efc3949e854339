import Foundation

/// Colour-blind-safe colours for plots: the Okabe–Ito palette as 6-digit hex (gnuplot and
/// graphviz both misread 3-digit colours), most distinct first, yellow last (weak on white).
public enum PlotPalette {
  /// blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
  public static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
  ]

  /// `colors[index mod colors.count]` (negative indices wrap too).
  public static func color(_ index: Int) -> String {
    let count = colors.count
    return colors[((index % count) + count) % count]
  }

  /// `hex` mixed with white: `white·(1 − amount) + colour·amount` per channel, rounded,
  /// as `#RRGGBB`. `amount` is clamped to [0, 1]; an unparsable `hex` gives `#ffffff`.
  public static func tint(_ hex: String, amount: Double) -> String {
    let a = min(max(amount.isNaN ? 0 : amount, 0), 1)
    let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
    guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return "#ffffff" }
    let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Int in
      Int((255 * (1 - a) + Double(channel) * a).rounded())
    }
    return "#" + channels.map { hex2($0) }.joined()
  }

  private static func hex2(_ value: Int) -> String {
    let text = String(value, radix: 16)
    return text.count == 1 ? "0" + text : text
  }
}

/// Pieces of gnuplot syntax shared by the plot builders.
enum GnuplotSyntax {
  /// A gnuplot single-quoted string literal: `'` is doubled, backslashes stay literal (gnuplot
  /// does not process escapes in single quotes), line breaks and other control characters
  /// become spaces. Used with `noenhanced`, so `_ ^ @ & ~ { }` print as themselves.
  static func quoted(_ text: String) -> String {
    var out = "'"
    for scalar in text.unicodeScalars {
      if scalar == "'" {
        out += "''"
      } else if scalar.value < 0x20 || scalar.value == 0x7F {
        out += " "
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "'"
  }

  /// A number as gnuplot reads it back exactly: Swift's shortest round-trip decimal
  /// (`0.1`, `1e-05`, `-3.0`), so the same values always give the same script. Non-finite
  /// values are written `NaN` (gnuplot skips them).
  static func number(_ value: Double) -> String {
    value.isFinite ? value.description : "NaN"
  }

  /// Pixels per CSS pixel of every gnuplot PNG: figures are drawn at twice their display size
  /// so they stay sharp on high-DPI screens and in print; the HTML report shows them at
  /// `width`×`height` CSS pixels (`FigureFile.displayWidth`).
  public static let pixelDensity = 2

  /// The opening commands of every plot: the pngcairo terminal at `pixelDensity` times
  /// `width`×`height`, with DejaVu Sans 11 and line widths scaled by the same factor (gnuplot
  /// falls back to its default font if it is missing), output to standard output, UTF-8
  /// text, a light grid behind the data, and left/bottom axes only.
  static func preamble(width: Int, height: Int, title: String, xLabel: String, yLabel: String)
    -> [String]
  {
    let k = pixelDensity
    return [
      "set terminal pngcairo size \(max(width, 64) * k),\(max(height, 64) * k) enhanced"
        + " font \"DejaVu Sans,\(11 * k)\" fontscale 1 linewidth \(k) pointscale \(k)"
        + " background rgb '#ffffff'",
      "set output",
      "set encoding utf8",
      "set border 3 linewidth 1 linecolor rgb '#505050'",
      "set tics nomirror out scale 0.6 textcolor rgb '#303030'",
      "set grid back linewidth 1 linecolor rgb '#dcdcdc'",
      "set title \(quoted(title)) noenhanced font \"DejaVu Sans,\(13 * k)\"",
      "set xlabel \(quoted(xLabel)) noenhanced",
      "set ylabel \(quoted(yLabel)) noenhanced",
    ]
  }

  /// An inline data block `$name << EOD` … `EOD` with one line per row, numbers
  /// space-separated; an empty `row` list writes a blank line (a gnuplot data-block break).
  static func dataBlock(_ name: String, rows: [[Double]]) -> [String] {
    var lines = ["$\(name) << EOD"]
    for row in rows {
      lines.append(row.map(number).joined(separator: " "))
    }
    lines.append("EOD")
    return lines
  }

  /// Commands for a plot without data: fixed unit ranges and a centred "no data" note.
  static let noDataPlot = [
    "set xrange [0:1]",
    "set yrange [0:1]",
    "unset key",
    "set label 1 'no data' at graph 0.5,0.5 center textcolor rgb '#808080'",
    "plot NaN notitle",
  ]
}
