import Notebook

/// TeX math in Markdown, swapped for placeholders before Markdown parsing and put back after.
///
/// Markdown parsers damage TeX (`\{` → `{`, `\\` → `\`, `$x*y*z$` gets `<em>`), so every math
/// span is replaced by an inert word such as `GBMATHPLACEHOLDER7X` before cmark sees the text,
/// and the HTML gets the original TeX back, HTML-escaped.
///
/// Delimiters follow pandoc's `tex_math_dollars`:
/// * `$$…$$` is display math; it may span lines but not a blank line; non-empty.
/// * `$…$` is inline math when the opening `$` is followed by a non-space character, and the
///   first later unescaped `$` is preceded by a non-space character and not followed by a
///   digit (otherwise there is no math at that opening `$`: `$5 and $6` stays text). It may
///   continue on the next line of the same paragraph, never across a blank line or into
///   another block, and never contains a backtick (code spans bind tighter, so in
///   ``$5 and `$x$` `` the code span wins).
/// * A backslash escapes the next character: `\$` is never a delimiter, in or out of math.
/// * No math inside code spans (`` `$x$` ``), fenced or indented code blocks, HTML blocks,
///   inline HTML tags (`<span title="$5">`), HTML comments or `<…>` autolinks.
/// Inside display math that starts in a block quote, the quote markers (`> `) of its
/// continuation lines are not part of the TeX. "Space" here is `ByteClass.isWhitespace` (tab,
/// line feed, form feed, carriage return, space: CommonMark's ASCII white space).
struct MathSpans {
  /// One math span: the TeX between the delimiters (exact source bytes), whether it is
  /// display math, and the whole source text including delimiters.
  struct Span: Equatable {
    var tex: String
    var display: Bool
    var source: String
  }

  /// The Markdown with every math span replaced by its placeholder.
  var text: String
  /// Placeholder prefix: `GBMATHPLACEHOLDER`, lengthened with `Q`s until it does not occur in
  /// the source, so user text can never be mistaken for a placeholder.
  var prefix: String
  /// The spans, in source order; span `i` has placeholder `prefix + "\(i)" + "X"`.
  var spans: [Span]

  /// The placeholder word standing for span `index`.
  func placeholder(_ index: Int) -> String { prefix + String(index) + "X" }

  /// Finds the math spans of `markdown` (see the type's rules) and replaces them by
  /// placeholders. `lines` says which lines are code or HTML and which block each line is in.
  static func extract(from markdown: String, lines: SourceLineMap) -> MathSpans {
    var prefix = "GBMATHPLACEHOLDER"
    while markdown.contains(prefix) { prefix += "Q" }
    var scanner = MathSpanScanner(bytes: Array(markdown.utf8), lines: lines, prefix: prefix)
    scanner.run()
    return MathSpans(
      text: String(decoding: scanner.output, as: UTF8.self), prefix: prefix, spans: scanner.spans)
  }

  /// Replaces each placeholder in `html` by its math: in text,
  /// `<span class="math inline">\(TeX\)</span>` or `<span class="math display">\[TeX\]</span>`
  /// with the TeX HTML-escaped; inside a tag (an `alt` or `href` attribute, raw HTML), the
  /// HTML-escaped source text with its dollars. Unknown placeholder numbers are left alone.
  func restore(into html: String) -> String {
    if spans.isEmpty { return html }
    let bytes = Array(html.utf8)
    let prefixBytes = Array(prefix.utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var inTag = false
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "<") {
        inTag = true
      } else if byte == UInt8(ascii: ">") {
        inTag = false
      } else if byte == prefixBytes[0], let (index, length) = placeholderAt(i, in: bytes, prefixBytes),
        index < spans.count
      {
        let span = spans[index]
        let replacement: String
        if inTag {
          replacement = HTMLText.escape(span.source)
        } else if span.display {
          replacement = "<span class=\"math display\">\\[" + HTMLText.escape(span.tex) + "\\]</span>"
        } else {
          replacement = "<span class=\"math inline\">\\(" + HTMLText.escape(span.tex) + "\\)</span>"
        }
        out.append(contentsOf: replacement.utf8)
        i += length
        continue
      }
      out.append(byte)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// If `bytes[start...]` begins with `prefix digits X`, the number and the total length.
  private func placeholderAt(_ start: Int, in bytes: [UInt8], _ prefixBytes: [UInt8]) -> (Int, Int)? {
    let end = start + prefixBytes.count
    guard end < bytes.count, Array(bytes[start..<end]) == prefixBytes else { return nil }
    var j = end
    var value = 0
    while j < bytes.count, ByteClass.isDigit(bytes[j]), j - end < 9 {
      value = value * 10 + Int(bytes[j] - UInt8(ascii: "0"))
      j += 1
    }
    guard j > end, j < bytes.count, bytes[j] == UInt8(ascii: "X") else { return nil }
    return (value, j + 1 - start)
  }
}
