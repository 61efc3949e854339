import Testing

@testable import Datasets
@testable import Tensor

@Suite struct CSVTests {
  @Test func readsFeaturesAndTargetColumn() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    // Quoted header cell, CRLF line ends, spaces around cells, a blank line, target in the middle.
    let path = try folder.write(
      "points.csv", text: "x1,\"label\", x2\r\n1.5, 0 ,-2\r\n\r\n3e-1,1,4\r\n-7,2,0.25\r\n")
    let d = try load(.csv(path: path, target: "label"))
    #expect(d.train.features.rowArrays == [[1.5, -2], [0.3, 4], [-7, 0.25]])
    #expect(d.train.labels == [0, 1, 2])
    #expect(d.train.targets.storage == [0, 1, 2])
    #expect(d.train.classCount == 3)
    // The summary names the file read (its name, not its folder).
    #expect(d.summary.source == "csv: points.csv")
  }

  @Test func regressionTargetsHaveNoLabels() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = try folder.write("r.csv", text: "y,x\n0.5,1\n1.5,2\n")
    let d = try load(.csv(path: path, target: "y"))
    #expect(d.train.labels == nil)
    #expect(d.train.classCount == nil)
    #expect(d.train.targets.storage == [0.5, 1.5])
    #expect(d.train.features.storage == [1, 2])
  }

  @Test func missingTargetColumnNamesItAndListsTheColumns() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = try folder.write("a.csv", text: "sepal,petal,species\n1,2,0\n")
    let e = datasetError { () throws(DatasetError) in _ = try load(.csv(path: path, target: "specis")) }
    #expect(e?.message == "'\(path)' has no column 'specis'; its columns are 'sepal', 'petal', 'species'")
    #expect(e?.hint == "Did you mean 'species'?")
    #expect(e?.key == "target")
  }

  @Test func nonNumericCellNamesRowAndColumn() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = try folder.write("b.csv", text: "a,b,y\n1,2,0\n3,abc,1\n")
    let e = datasetError { () throws(DatasetError) in _ = try load(.csv(path: path, target: "y")) }
    #expect(e?.message == "'\(path)' data row 2 (line 3), column 'b': 'abc' is not a number")
    let emptyCell = try folder.write("c.csv", text: "a,y\n,1\n")
    let e2 = datasetError { () throws(DatasetError) in _ = try load(.csv(path: emptyCell, target: "y")) }
    #expect(e2?.message == "'\(emptyCell)' data row 1 (line 2), column 'a': the cell is empty")
  }

  @Test func raggedRowAndOtherShapeErrors() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let ragged = try folder.write("d.csv", text: "a,b,y\n1,2,0\n3,1\n")
    let e = datasetError { () throws(DatasetError) in _ = try load(.csv(path: ragged, target: "y")) }
    #expect(e?.message == "'\(ragged)' data row 2 (line 3) has 2 cells but the header has 3")
    let empty = try folder.write("e.csv", text: "\n\n")
    #expect(
      datasetError { () throws(DatasetError) in _ = try load(.csv(path: empty, target: "y")) }?.message
        == "'\(empty)' is empty")
    let headerOnly = try folder.write("f.csv", text: "a,y\n")
    #expect(
      datasetError { () throws(DatasetError) in _ = try load(.csv(path: headerOnly, target: "y")) }?.message
        == "'\(headerOnly)' has a header but no data rows")
    let unclosed = try folder.write("g.csv", text: "a,y\n\"1,2\n")
    #expect(
      datasetError { () throws(DatasetError) in _ = try load(.csv(path: unclosed, target: "y")) }?.message
        == "'\(unclosed)' line 2: a quoted cell is never closed")
    let missing = folder.path + "/nothing.csv"
    let e3 = datasetError { () throws(DatasetError) in _ = try load(.csv(path: missing, target: "y")) }
    #expect(e3?.message == "no file at '\(missing)'")
    #expect(e3?.key == "path")
  }

  @Test func quotedCellsMayHoldCommasAndQuotes() throws {
    let rows = try CSVReader.splitRows("\"a,b\",\"say \"\"hi\"\"\"\n1,2\n", file: "t.csv")
    #expect(rows.map(\.cells) == [["a,b", "say \"hi\""], ["1", "2"]])
    #expect(rows.map(\.line) == [1, 2])
  }
}
