import Testing

@testable import Datasets
@testable import Tensor

/// `delimiter:` of a csv data block (issue 17): its spellings, and that it wins over detection.
@Suite struct CSVDelimiterTests {
  @Test(arguments: [
    (",", CSVDelimiter.comma), (";", .semicolon), ("\t", .tab), ("tab", .tab), ("\\t", .tab),
    ("|", .pipe), (" ", .space), ("space", .space),
  ])
  func spellings(_ text: String, _ expected: CSVDelimiter) {
    #expect(CSVDelimiter(spelling: text) == expected)
  }

  @Test(arguments: ["", "comma", "Tab", ",,", "\\"])
  func otherTextIsNoDelimiter(_ text: String) {
    #expect(CSVDelimiter(spelling: text) == nil)
  }

  @Test func spellingsForTheHint() {
    #expect(CSVDelimiter.spellings == "\",\", \";\", tab, \"|\" or space")
  }

  @Test func pipeFileReadsWithTheDelimiter() throws {
    let raw = try CSVReader.parse("a|b|y\n1|2.5|0\n3|4|1\n", target: "y", file: "p.csv", delimiter: .pipe)
    #expect(raw.values == [0, 1])
    #expect(raw.features.rowArrays == [[1, 2.5], [3, 4]])
  }

  @Test func anExplicitDelimiterOverridesDetection() throws {
    // Detection picks ',' from the header; `;` keeps "2,5" one (non-numeric) cell name.
    let text = "a,1;b;y\n1;2;0\n3;4;1\n"
    #expect(CSVReader.delimiter(of: text) == UInt8(ascii: ","))
    let raw = try CSVReader.parse(text, target: "y", file: "s.csv", delimiter: .semicolon)
    #expect(raw.features.rowArrays == [[1, 2], [3, 4]])
    #expect(raw.values == [0, 1])
  }

  @Test func spaceSeparatedLikeSavetxt() throws {
    let raw = try CSVReader.parse("x1 x2 y\n0.5 -1 1\n2 3 0\n", target: "y", file: "s.txt", delimiter: .space)
    #expect(raw.features.rowArrays == [[0.5, -1], [2, 3]])
    #expect(raw.values == [1, 0])
  }

  @Test func theWrongDelimiterGetsAHintNamingTheRightOne() {
    do {
      _ = try CSVReader.parse("a|b|y\n1|2|0\n", target: "y", file: "p.csv", delimiter: .tab)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "'p.csv' has no column 'y'; its columns are 'a|b|y'")
      #expect(
        error.hint
          == "The header reads as one column split at tab; the file seems to use \"|\": write `delimiter: \"|\"`."
      )
    }
  }

  @Test func aJoinedHeaderWithoutAKnownDelimiterIsToldToSaveAsCSV() {
    #expect(
      CSVReader.joinedHeaderHint(["a:b:y"])
        == "The header reads as one column; gradbook separates cells with ',' (or ';' or a tab), not ':': save the file as comma-separated."
    )
  }
}
