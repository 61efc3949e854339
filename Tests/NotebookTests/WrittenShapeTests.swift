import Testing

@testable import Notebook

/// The one shape rule of `expect:`, `printed:` and results.
@Suite struct WrittenShapeTests {
  @Test func aListStandsForAColumnOrARow() {
    #expect(WrittenShape.list(3).agrees(with: .rows(3, columns: 1)))
    #expect(WrittenShape.list(3).agrees(with: .rows(1, columns: 3)))
    #expect(!WrittenShape.list(3).agrees(with: .rows(3, columns: 3)))
    #expect(WrittenShape.list(1).agrees(with: .number))
  }

  @Test func rowsAreTheirOwnShape() {
    #expect(WrittenShape.rows(2, columns: 3).agrees(with: .rows(2, columns: 3)))
    #expect(!WrittenShape.rows(2, columns: 3).agrees(with: .rows(3, columns: 2)))
    #expect(WrittenShape.of(rows: [[1, 2]] as [[Double]]) == .rows(1, columns: 2))
    #expect(WrittenShape.of(rows: [] as [[Double]]) == .rows(0, columns: 0))
  }

  @Test func numericAndPrintedValuesUseIt() throws {
    #expect(NumericValue.vector([1, 2]).hasCompatibleShape(with: .matrix([[1], [2]])))
    #expect(!NumericValue.vector([1, 2]).hasCompatibleShape(with: .matrix([[1, 2], [3, 4]])))
    #expect(NumericValue.matrix([[1, 2], [3, 4]]).shape == .rows(2, columns: 2))
  }
}
