import Testing

@testable import Notebook

/// `printed:` values (contract section 10): decimals counted from the text as written, and the
/// rounding rule (half away from zero, on the computed value's shortest decimal form).
@Suite struct PrintedTests {
  private func decimals(_ text: String) -> Int? { PrintedDecimal.parse(text)?.decimals }

  private func number(_ text: String) throws -> PrintedNumber {
    let (value, decimals) = try #require(PrintedDecimal.parse(text))
    return PrintedNumber(
      text: text, value: value, decimals: decimals, position: SourcePosition(line: 1, column: 1))
  }

  @Test func decimalsAreCountedFromTheTextAsWritten() {
    #expect(decimals("0.7990") == 4)
    #expect(decimals("0.799") == 3)
    #expect(decimals("1.2e-3") == 4)
    #expect(decimals("25") == 0)
    #expect(decimals("1.2e3") == -2)
    #expect(decimals("1.20E+3") == -1)
    #expect(decimals(".5") == 1)
    #expect(decimals("5.") == 0)
    #expect(decimals("-0.1008") == 4)
    #expect(decimals("\u{2212}0.1008") == 4)
  }

  @Test func textsThatAreNotPrintedNumbers() {
    for text in [
      "", "abc", "0.5 ± 1e-3", "1e", "1e+", "--1", "0x1F", ".inf", "nan", "1_000", "1.2.3", "1e1234567",
    ] {
      #expect(PrintedDecimal.parse(text) == nil, "\(text)")
    }
  }

  @Test func unicodeMinusReadsAsMinus() throws {
    #expect(try number("\u{2212}0.2010").value == (try number("-0.2010")).value)
    #expect(try number("\u{2212}0.2010").matches(-0.201009))
  }

  @Test func roundingIsDecimalOnTheShortestForm() throws {
    // 0.12345 is 0.123449999… in binary: binary rounding would give 0.1234.
    #expect(try number("0.1235").matches(0.12345))
    #expect(!(try number("0.1234").matches(0.12345)))
    #expect(try number("-0.1235").matches(-0.12345))
    #expect(try number("0.7990").matches(0.7989910002494707))
    #expect(!(try number("0.7986").matches(0.7989910002494707)))
    #expect(try number("0.799").matches(0.7989910002494707))
  }

  @Test func halfwayCasesGoAwayFromZero() throws {
    #expect(try number("3").matches(2.5))
    #expect(try number("-3").matches(-2.5))
    #expect(!(try number("2").matches(2.5)))
    #expect(try number("0.13").matches(0.125))
    #expect(try number("1300").value == (try number("1.3e3")).value)
    #expect(try number("1.3e3").matches(1250))
    #expect(!(try number("1.2e3").matches(1250)))
  }

  @Test func integersAndHundreds() throws {
    #expect(try number("25").matches(25.4))
    #expect(!(try number("25").matches(25.5)))
    #expect(try number("-25").matches(-25))
    #expect(try number("1.2e3").matches(1249.9))
    #expect(try number("1.2e3").matches(1150))
    #expect(!(try number("1.2e3").matches(1149.99)))
  }

  @Test func scientificNotation() throws {
    // 1.2345e-05 is written so by Swift's description.
    #expect(try number("1.2e-5").matches(1.2345e-5))
    #expect(try number("0.000012").matches(1.2345e-5))
    #expect(!(try number("1.3e-5").matches(1.2345e-5)))
    #expect(try number("1e16").matches(1e16))
    #expect(try number("1.0e16").matches(1.04e16))
  }

  @Test func carriesPropagate() throws {
    #expect(try number("1.0000").matches(0.99996))
    #expect(try number("-1.0000").matches(-0.99996))
    #expect(try number("10").matches(9.5))
  }

  @Test func negativeZeroEqualsZero() throws {
    #expect(try number("-0.0000").matches(0.00001))
    #expect(try number("0.0000").matches(-0.00003))
    #expect(try number("-0.0000").matches(0))
    #expect(try number("0").matches(-0.0))
    #expect(!(try number("0.0000").matches(0.00005)))
  }

  @Test func nonFiniteComputedValuesNeverMatch() throws {
    #expect(!(try number("0").matches(.nan)))
    #expect(!(try number("1e308").matches(.infinity)))
  }

  @Test func exactTextHasTheRequestedDecimals() throws {
    func text(_ x: Double, _ d: Int) throws -> String {
      try #require(PrintedDecimal(shortest: x)).text(decimals: d)
    }
    #expect(try text(0.7989910002494707, 6) == "0.798991")
    #expect(try text(-0.20100899975052933, 6) == "-0.201009")
    #expect(try text(0.12345, 4) == "0.1235")
    #expect(try text(1249.9, 0) == "1250")
    #expect(try text(1249.9, -2) == "1200")
    #expect(try text(0, 2) == "0.00")
    #expect(try text(0.5, 2) == "0.50")
    #expect(try text(-0.00001, 2) == "-0.00")
    #expect(try text(1e20, 0) == "100000000000000000000")
    #expect(try text(1.2345e-5, 7) == "0.0000123")
  }

  // MARK: - The printed: mapping

  private func printed(_ body: String) throws -> PrintedValues {
    let text = "```{step}\n" + body + "\n```\n"
    let block = try #require(NotebookDocument.parse(text).blocks.first)
    let spec = try SpecNode.parseBody(block)
    return try Printed.parse(try spec.require("printed"))
  }

  private func parseError(_ body: String) throws -> NotebookError? {
    do {
      _ = try printed(body)
      return nil
    } catch let e as NotebookError {
      return e
    }
  }

  @Test func mappingWithSourceScalarsListsAndRows() throws {
    let p = try printed(
      """
      printed:
        source: "INF721 L6, section 8"
        loss: 0.2247
        forward.a2: "0.7990"
        grad.b1: [-0.1008, −0.1210]
        grad.W1: [[-0.1008, -0.2420], [-0.1210, -0.2420]]
      """)
    #expect(p.source == "INF721 L6, section 8")
    #expect(p.entries.map(\.path) == ["loss", "forward.a2", "grad.b1", "grad.W1"])
    guard case .scalar(let a2) = p.entries[1].value else {
      Issue.record("not a scalar")
      return
    }
    #expect(a2.text == "0.7990")
    #expect(a2.decimals == 4)
    #expect(p.entries[1].position == SourcePosition(line: 5, column: 3))
    guard case .vector(let b1) = p.entries[2].value else {
      Issue.record("not a vector")
      return
    }
    #expect(b1.map(\.text) == ["-0.1008", "−0.1210"])
    guard case .matrix(let w1) = p.entries[3].value else {
      Issue.record("not a matrix")
      return
    }
    #expect(w1.count == 2)
    #expect(w1[0].map(\.text) == ["-0.1008", "-0.2420"])
  }

  @Test func sourceIsOptional() throws {
    let p = try printed("printed:\n  loss: 0.69")
    #expect(p.source == nil)
    #expect(p.entries.first?.value.numbers.first?.decimals == 2)
  }

  @Test func badValuesArePositionedErrors() throws {
    let text = try #require(try parseError("printed:\n  loss: about 0.2"))
    #expect(text.position == SourcePosition(line: 3, column: 9))
    #expect(text.message.contains("'about 0.2'"))
    let ragged = try #require(try parseError("printed:\n  w: [[1, 2], [3]]"))
    #expect(ragged.message.contains("rows must have the same length"))
    let notMapping = try #require(try parseError("printed: 0.5"))
    #expect(notMapping.message.contains("must be a mapping"))
    let tooFine = try #require(try parseError("printed:\n  loss: 1e-401"))
    #expect(tooFine.message.contains("at most 400 decimals"))
  }
}
