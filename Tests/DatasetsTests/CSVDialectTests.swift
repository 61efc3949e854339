import Testing

@testable import Datasets
@testable import Tensor

/// Semicolon and tab separated files (issue 17), and the hint for a header read as one column.
@Suite struct CSVDialectTests {
  @Test func commaInsideASemicolonFileIsNotASeparator() {
    #expect(throws: DatasetError.self) {
      _ = try CSVReader.parse("hours;score;passed\n3;4,5;1\n", target: "passed", file: "s.csv")
    }
  }

  @Test func semicolonFileGivesFeaturesAndTargets() throws {
    let raw = try CSVReader.parse("hours;score;passed\n1;2.5;0\n3;4;1\n", target: "passed", file: "s.csv")
    #expect(raw.values == [0, 1])
    #expect(raw.features.rowArrays == [[1, 2.5], [3, 4]])
  }

  @Test func tabFileGivesFeaturesAndTargets() throws {
    let raw = try CSVReader.parse("a\tb\ty\n1\t2\t1\n-1\t0.5\t0\n", target: "y", file: "t.tsv")
    #expect(raw.values == [1, 0])
    #expect(raw.features.rowArrays == [[1, 2], [-1, 0.5]])
  }

  @Test func commaWinsWhenTheHeaderHasOne() {
    #expect(CSVReader.delimiter(of: "a,b;c\n1,2\n") == UInt8(ascii: ","))
    #expect(CSVReader.delimiter(of: "\n\"a;x\",b\n") == UInt8(ascii: ","))
    #expect(CSVReader.delimiter(of: "a;b\n") == UInt8(ascii: ";"))
    #expect(CSVReader.delimiter(of: "a\tb\n") == 9)
    #expect(CSVReader.delimiter(of: "a\n1\n") == UInt8(ascii: ","))
  }

  @Test func joinedHeaderGetsAHint() {
    do {
      _ = try CSVReader.parse("hours|score|passed\n1|2|0\n", target: "passed", file: "p.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "'p.csv' has no column 'passed'; its columns are 'hours|score|passed'")
      #expect(
        error.hint
          == "The header reads as one column; gradbook separates cells with ',' (or ';' or a tab), not '|': write `delimiter: \"|\"`."
      )
    }
  }
}
