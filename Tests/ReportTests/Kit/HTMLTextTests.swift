import Foundation
import Testing

@testable import Report

@Suite struct HTMLTextTests {
  @Test func escapesTheFiveSpecialCharacters() {
    #expect(HTMLText.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
  }

  @Test func keepsOtherTextIncludingNonASCII() {
    #expect(HTMLText.escape("∂L/∂w = 0.5 · x²") == "∂L/∂w = 0.5 · x²")
    #expect(HTMLText.escape("") == "")
    #expect(HTMLText.escape("&amp;") == "&amp;amp;")
  }

  @Test func dataURIIsBase64OfTheBytes() {
    let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0xFF])
    #expect(DataURI.png(bytes) == "data:image/png;base64,iVBOR/8=")
    #expect(DataURI.encode(Data("ab".utf8), mediaType: "font/woff2") == "data:font/woff2;base64,YWI=")
  }

  @Test func reportErrorDescriptionCarriesTheHint() {
    let error = ReportError(message: "gnuplot not found on PATH", hint: "install gnuplot-nox")
    #expect(error.description == "gnuplot not found on PATH (install gnuplot-nox)")
    #expect(ReportError(message: "m").description == "m")
    // The printed warning: one line, no nested parentheses.
    let missing = ReportError(
      message: "gnuplot not found on PATH",
      hint: "install the Debian package gnuplot-nox, e.g. with scripts/install-deps")
    #expect(
      missing.warning("the report is written without the figures that need it")
        == "gnuplot not found on PATH (install the Debian package gnuplot-nox, e.g. with scripts/install-deps); "
        + "the report is written without the figures that need it")
  }
}
