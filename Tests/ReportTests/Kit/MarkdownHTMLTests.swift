import Testing

@testable import Report

@Suite struct MarkdownHTMLTests {
  @Test func gfmTableBecomesATable() {
    let html = MarkdownHTML.render("| a | b |\n|---|--:|\n| 1 | 2 |\n")
    #expect(html.contains("<table>"))
    #expect(html.contains("<th>a</th>"))
    #expect(html.contains(#"<td align="right">2</td>"#))
  }

  @Test func strikethroughTaskListAndAutolink() {
    let html = MarkdownHTML.render("~~gone~~ see https://example.com\n\n- [x] done\n- [ ] todo\n")
    #expect(html.contains("<del>gone</del>"))
    #expect(html.contains(#"<a href="https://example.com">https://example.com</a>"#))
    #expect(html.contains(#"<li><input type="checkbox" checked="" disabled="" /> done</li>"#))
    #expect(html.contains(#"<li><input type="checkbox" disabled="" /> todo</li>"#))
  }

  @Test func footnotesAreRendered() {
    let html = MarkdownHTML.render("Note[^1].\n\n[^1]: The note.\n")
    #expect(html.contains(#"<section class="footnotes""#))
    #expect(html.contains(##"href="#fn-1""##))
  }

  @Test func rawHTMLPassesButScriptIsNeutralised() {
    let html = MarkdownHTML.render(
      "<div class=\"note\">kept</div>\n\n<script>alert(1)</script>\n\nText <script>alert(2)</script>.\n\n"
        + "| a | b |\n|---|---|\n| 1 | <script>alert(3)</script> |\n\n<iframe src=\"x\"></iframe>\n")
    #expect(html.contains(#"<div class="note">kept</div>"#))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.lowercased().contains("<iframe"))
    #expect(html.contains("&lt;script>alert(1)&lt;/script>"))
    #expect(html.contains("<p>Text &lt;script>alert(2)&lt;/script>.</p>"))
    #expect(html.contains("<td>&lt;script>alert(3)&lt;/script></td>"))
  }

  @Test func inlineMathKeepsTeXByteForByte() {
    let html = MarkdownHTML.render(#"Math $\{a\} \\ b$ and $x*y*z$ and $a_1 + b_1$."# + "\n")
    #expect(
      html
        == #"<p>Math <span class="math inline">\(\{a\} \\ b\)</span> and "#
        + #"<span class="math inline">\(x*y*z\)</span> and <span class="math inline">\(a_1 + b_1\)</span>.</p>"#
        + "\n")
  }

  @Test func displayMathMaySpanLinesAndIsHTMLEscaped() {
    let source =
      "Before.\n\n$$\n\\begin{aligned} a &= b \\\\\n c &< \\{d\\}_1\n\\end{aligned}\n$$\n\nAfter.\n"
    let html = MarkdownHTML.render(source)
    let expected =
      "<p><span class=\"math display\">\\[\n\\begin{aligned} a &amp;= b \\\\\n c &amp;&lt; \\{d\\}_1\n"
      + "\\end{aligned}\n\\]</span></p>\n"
    #expect(html == "<p>Before.</p>\n" + expected + "<p>After.</p>\n")
  }

  @Test func displayMathInlineInAParagraph() {
    #expect(
      MarkdownHTML.render("so $$\\sum_i w_i x_i$$ holds\n")
        == "<p>so <span class=\"math display\">\\[\\sum_i w_i x_i\\]</span> holds</p>\n")
  }

  @Test func dollarsInCodeAreUntouched() {
    let html = MarkdownHTML.render(
      "Use `$x$` here.\n\n```\ny = $a_1$\n```\n\n~~~~sh\necho $HOME $x$\n~~~~\n\n    $z*w*v$\n")
    #expect(html.contains("<code>$x$</code>"))
    #expect(html.contains("<pre><code>y = $a_1$\n</code></pre>"))
    #expect(html.contains("<pre><code class=\"language-sh\">echo $HOME $x$\n</code></pre>"))
    #expect(html.contains("<pre><code>$z*w*v$\n</code></pre>"))
    #expect(!html.contains("math"))
  }

  /// Pandoc's rule: the closing `$` must follow a non-space and must not precede a digit.
  @Test func pricesAreNotMath() {
    #expect(MarkdownHTML.render("It costs $5 and $6 today.\n") == "<p>It costs $5 and $6 today.</p>\n")
    #expect(MarkdownHTML.render("From $5 to $10.\n") == "<p>From $5 to $10.</p>\n")
    // Closing `$` followed by a digit: no math.
    #expect(MarkdownHTML.render("a $x$5 b\n") == "<p>a $x$5 b</p>\n")
    // Opening `$` followed by a space, closing `$` preceded by a space: no math.
    #expect(MarkdownHTML.render("a $ x$ and $y $ b\n") == "<p>a $ x$ and $y $ b</p>\n")
    // A code span binds tighter than a would-be math span around its backtick.
    #expect(MarkdownHTML.render("$5 and `$x$` b\n") == "<p>$5 and <code>$x$</code> b</p>\n")
  }

  @Test func escapedDollarIsNotADelimiter() {
    #expect(MarkdownHTML.render(#"cost \$x$ and \$y\$"# + "\n") == "<p>cost $x$ and $y$</p>\n")
    // An escaped backslash before `$` leaves the `$` a delimiter; `\$` inside math does not close it.
    #expect(
      MarkdownHTML.render(#"a \\$x \$ y$ b"# + "\n")
        == #"<p>a \<span class="math inline">\(x \$ y\)</span> b</p>"# + "\n")
  }

  @Test func mathInTableCellsMayContainPipes() {
    let html = MarkdownHTML.render("| norm | b |\n|---|---|\n| $|x|_2$ | 2 |\n")
    #expect(html.contains(#"<td><span class="math inline">\(|x|_2\)</span></td>"#))
    #expect(html.contains("<td>2</td>"))
  }

  @Test func mathInsideTagsIsRestoredAsText() {
    let html = MarkdownHTML.render(#"![$x_1$](a.png) <span title="$5 and 6$">t</span>"# + "\n")
    #expect(html == #"<p><img src="a.png" alt="$x_1$" /> <span title="$5 and 6$">t</span></p>"# + "\n")
  }

  @Test func placeholderLikeUserTextSurvives() {
    let html = MarkdownHTML.render("GBMATHPLACEHOLDER0X and $q$\n")
    #expect(html == #"<p>GBMATHPLACEHOLDER0X and <span class="math inline">\(q\)</span></p>"# + "\n")
  }

  @Test func inlineMathNeverJoinsTwoBlocks() {
    #expect(MarkdownHTML.render("# A $x\ny$ z\n") == "<h1>A $x</h1>\n<p>y$ z</p>\n")
    #expect(MarkdownHTML.render("a $x\n\ny$ b\n") == "<p>a $x</p>\n<p>y$ b</p>\n")
    // Within one paragraph a line break is allowed.
    #expect(
      MarkdownHTML.render("a $x +\ny$ b\n") == "<p>a <span class=\"math inline\">\\(x +\ny\\)</span> b</p>\n")
  }

  @Test func displayMathInABlockQuoteDropsTheQuoteMarkers() {
    let html = MarkdownHTML.render("> $$\n> a \\\\\n> b\n> $$\n")
    #expect(
      html == "<blockquote>\n<p><span class=\"math display\">\\[\na \\\\\nb\n\\]</span></p>\n</blockquote>\n")
  }

  @Test func markdownAroundMathStillWorks() {
    let html = MarkdownHTML.render("*slope $w_1$* and **$\\alpha$**\n")
    #expect(
      html
        == "<p><em>slope <span class=\"math inline\">\\(w_1\\)</span></em> and "
        + "<strong><span class=\"math inline\">\\(\\alpha\\)</span></strong></p>\n")
  }

  @Test func indentedListContinuationIsProseNotCode() {
    let html = MarkdownHTML.render("1. Item\n\n    continued $x_1$\n")
    #expect(html.contains(#"<p>continued <span class="math inline">\(x_1\)</span></p>"#))
  }

  @Test func htmlBlocksAndCRLFLineEnds() {
    #expect(MarkdownHTML.render("<div>\n$x$\n</div>\n") == "<div>\n$x$\n</div>\n")
    let html = MarkdownHTML.render("a $x$\r\n\r\n```\r\n$y$\r\n```\r\n")
    #expect(html.contains(#"<span class="math inline">\(x\)</span>"#))
    #expect(html.contains("<pre><code>$y$\n</code></pre>"))
  }
}
