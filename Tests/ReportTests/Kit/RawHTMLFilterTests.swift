import Testing

@testable import Report

/// Raw HTML in prose never runs script: the filter's rules on the classic payloads, and the
/// Markdown renderer applying them.
@Suite struct RawHTMLFilterTests {
  @Test func eventHandlersAreDroppedHoweverTheyAreSeparated() {
    #expect(RawHTMLFilter.sanitize("<img src=x onerror=alert(1)>") == #"<img src="x">"#)
    // '/' separates attributes, and so does the end of a quoted value.
    #expect(RawHTMLFilter.sanitize("<img/onerror=alert(1) src=x>") == #"<img src="x">"#)
    #expect(RawHTMLFilter.sanitize(#"<img src="x"onerror=alert(1)>"#) == #"<img src="x">"#)
    #expect(RawHTMLFilter.sanitize("<IMG SRC=x ONERROR='alert(1)'/>") == #"<img src="x" />"#)
    #expect(RawHTMLFilter.sanitize(#"<div onmouseover="alert(1)">d</div>"#) == "<div>d</div>")
    #expect(RawHTMLFilter.sanitize("</a onclick=x>") == "</a>")
  }

  @Test func scriptURLsAreDropped() {
    #expect(RawHTMLFilter.sanitize(#"<a href="javascript:alert(1)">x</a>"#) == "<a>x</a>")
    #expect(RawHTMLFilter.sanitize(#"<a href=" JaVa&#x09;script&colon;alert(1)">x</a>"#) == "<a>x</a>")
    #expect(RawHTMLFilter.sanitize(#"<a href="&#106;avascript:alert(1)">x</a>"#) == "<a>x</a>")
    #expect(RawHTMLFilter.sanitize(#"<img src="data:text/html,x">"#) == "<img>")
    #expect(RawHTMLFilter.sanitize(#"<img src="x.png" srcset="javascript:1 2x">"#) == #"<img src="x.png">"#)
    #expect(RawHTMLFilter.isSafeURL("https://example.org/?a=1&amp;b=2"))
    #expect(RawHTMLFilter.isSafeURL("#sec-2"))
    #expect(RawHTMLFilter.isSafeURL("figures/loss.png"))
    #expect(RawHTMLFilter.isSafeURL("mailto:a@b.org"))
    #expect(RawHTMLFilter.isSafeURL("data:image/png;base64,iVBORw0KGgo="))
    #expect(!RawHTMLFilter.isSafeURL("vbscript:msgbox(1)"))
    #expect(!RawHTMLFilter.isSafeURL("file:///etc/passwd"))
    #expect(!RawHTMLFilter.isSafeURL("java\nscript:alert(1)"))
    // A reference the filter does not decode, before the scheme could end: not trusted.
    #expect(!RawHTMLFilter.isSafeURL("javascript&unknownref;alert(1)"))
  }

  @Test func harmlessHTMLIsKeptAsWritten() {
    for html in [
      #"<div class="note">kept</div>"#, "<details open><summary>More</summary>",
      "<kbd>Ctrl</kbd>+<sub>2</sub>",
      #"<a href="https://example.org/x?a=1&amp;b=2" title="it's">link</a>"#,
      #"<span title="$5 and 6$">t</span>"#,
      "<!-- a note to self --> text",
    ] {
      #expect(RawHTMLFilter.sanitize(html) == html)
    }
    #expect(
      RawHTMLFilter.sanitize(#"<span title='red' data-x='a"b' class=c>"#)
        == #"<span title="red" data-x="a&quot;b" class="c">"#)
    // GitHub's sanitizer drops `style`, so prose cannot lay an overlay over the report.
    #expect(
      RawHTMLFilter.sanitize(#"<div style="position:fixed;inset:0;z-index:9" class=c>x</div>"#)
        == #"<div class="c">x</div>"#)
  }

  @Test func otherElementsAndUnfinishedTagsBecomeText() {
    #expect(RawHTMLFilter.sanitize("<svg onload=alert(1)>") == "&lt;svg onload=alert(1)>")
    #expect(RawHTMLFilter.sanitize("<img src=x onerror=alert(1)") == "&lt;img src=x onerror=alert(1)")
    #expect(RawHTMLFilter.sanitize("<!DOCTYPE html>") == "&lt;!DOCTYPE html>")
    #expect(RawHTMLFilter.sanitize("<?php x ?>") == "&lt;?php x ?>")
    #expect(RawHTMLFilter.sanitize("a < b") == "a &lt; b")
    // <noscript> would be raw text in a browser, ending inside the attribute below; as text it
    // opens nothing and the title stays a title.
    #expect(
      RawHTMLFilter.sanitize(#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#)
        == #"&lt;noscript><p title="</noscript><img src=x onerror=alert(1)>">"#)
  }

  @Test func commentsEndWhereTheBrowserEndsThem() {
    #expect(RawHTMLFilter.sanitize("<!--> <img src=x onerror=alert(1)> -->") == #"<!--> <img src="x"> -->"#)
    #expect(RawHTMLFilter.sanitize("<!---> <img src=x onerror=alert(1)>") == #"<!---> <img src="x">"#)
    #expect(
      RawHTMLFilter.sanitize("<!-- a --!> <img src=x onerror=alert(1)>") == #"<!-- a --!> <img src="x">"#)
    #expect(RawHTMLFilter.sanitize("<!-- never closed") == "&lt;!-- never closed")
  }

  @Test func markdownProseGoesThroughTheFilter() {
    #expect(
      MarkdownHTML.render("Text <img src=x onerror=alert(1)> end.\n") == #"<p>Text <img src="x"> end.</p>"#
        + "\n")
    #expect(MarkdownHTML.render("[a](javascript:alert(1))\n") == #"<p><a href="">a</a></p>"# + "\n")
    #expect(
      MarkdownHTML.render("<javascript:alert(1)>\n") == #"<p><a href="">javascript:alert(1)</a></p>"# + "\n")
    #expect(
      MarkdownHTML.render("![i](data:image/png;base64,AAAA)\n").contains(#"src="data:image/png;base64,AAAA""#)
    )
    #expect(
      MarkdownHTML.render("<div onclick=\"alert(1)\">\n\n*hi*\n\n</div>\n")
        == "<div>\n<p><em>hi</em></p>\n</div>\n")
  }
}
