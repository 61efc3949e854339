import Testing

@testable import Executor

/// The display rule of `NumberText` (issue 16): what a reader would write.
@Suite struct NumberTextTests {
  @Test func zeroHasNoSign() {
    #expect(NumberText.short(-0.0) == "0")
    #expect(NumberText.short(0.0) == "0")
    // A negative number that rounds to zero at the shown digits.
    #expect(NumberText.unsignedZero("-0.000") == "0.000")
    #expect(NumberText.unsignedZero("-0e+00") == "0e+00")
    #expect(NumberText.unsignedZero("-0.001") == "-0.001")
  }

  @Test func floatNoiseBeyondFifteenDigitsIsNotShown() {
    let noisy = 0.7 - 1.3  // -0.6000000000000001 in binary floating point
    #expect(noisy != -0.6)
    #expect(NumberText.short(noisy, digits: 17) == "-0.6")
    #expect(NumberText.short(0.1 + 0.2, digits: 17) == "0.3")
    #expect(NumberText.short(0.6931471805599453, digits: 17) == "0.693147180559945")
  }

  @Test func wholeNumbersAndShortDecimals() {
    #expect(NumberText.short(3) == "3")
    #expect(NumberText.short(-25) == "-25")
    #expect(NumberText.short(1_234_567) == "1234567")
    #expect(NumberText.short(0.25) == "0.25")
    #expect(NumberText.short(0.22440559703, digits: 7) == "0.2244056")
    #expect(NumberText.short(1.5e-20, digits: 4) == "1.5e-20")
  }

  @Test func nonFiniteValuesAreSpelled() {
    #expect(NumberText.short(.nan) == "nan")
    #expect(NumberText.short(.infinity) == "inf")
    #expect(NumberText.short(-.infinity) == "-inf")
  }

  @Test func roundingNoiseStandardDeviationShowsAsZero() {
    #expect(NumberText.meanStd(0.93, 1.11e-16, digits: 4) == "0.93 ± 0")
    #expect(NumberText.meanStd(0.93, 0.01225, digits: 4) == "0.93 ± 0.01225")
    // At the boundary: 1e-12 of the mean is still noise, twice that is not.
    #expect(NumberText.meanStd(2, 2e-12, digits: 4) == "2 ± 0")
    #expect(NumberText.meanStd(2, 4e-12, digits: 4) == "2 ± 4e-12")
    #expect(NumberText.meanStd(0, 0, digits: 4) == "0 ± 0")
  }
}
