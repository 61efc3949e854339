import Testing

@testable import Tensor

/// `Grid.resize(rows:)` keeps the leading rows' storage, zero-fills new rows and keeps the
/// capacity when shrinking (the training loop resizes its buffers between the batch and the
/// evaluation pass every epoch).
@Suite struct GridResizeTests {
  func check<Scalar: BLASScalar>(_: Scalar.Type) {
    var g = Grid<Scalar>(rows: 3, cols: 2)
    for i in 0..<g.count { g.storage[i] = Scalar(i + 1) }
    let capacity = g.storage.capacity
    g.resize(rows: 1)
    #expect(g.rows == 1)
    #expect(g.storage == [1, 2])
    #expect(g.storage.capacity == capacity)
    g.resize(rows: 4)
    #expect(g.rows == 4)
    #expect(g.storage == [1, 2, 0, 0, 0, 0, 0, 0])
    g.resize(rows: 0)
    #expect(g.storage.isEmpty)
  }

  @Test func resizesDoubleGrids() { check(Double.self) }
  @Test func resizesFloatGrids() { check(Float.self) }

  @Test func resizeOfTheStorageAlone() {
    var s: [Double] = [5, 6, 7]
    Double.resize(&s, to: 5)
    #expect(s == [5, 6, 7, 0, 0])
    Double.resize(&s, to: 2)
    #expect(s == [5, 6])
  }
}
