import Testing

@testable import Tensor

/// `Grid.gramUpper` and `upperTriangleInnerProduct`: ‖Aᵀ·B‖²_F read off the
/// two Gram matrices.
@Suite struct GramTests {
  static func random<S: BLASScalar>(_: S.Type, _ rows: Int, _ cols: Int, seed: UInt64) -> Grid<S> {
    var rng = RandomSource(seed: seed)
    var g = Grid<S>(rows: rows, cols: cols)
    for i in 0..<g.count { g.storage[i] = S.narrowed([rng.uniform() * 2 - 1])[0] }
    return g
  }

  /// ‖Aᵀ·B‖² formed the long way: the product, then Σ of its squares.
  static func direct<S: BLASScalar>(_ a: Grid<S>, _ b: Grid<S>) -> Double {
    var m = Matrix(rows: a.cols, cols: b.cols)
    Matrix.gemm(1, a.matrix, transposeA: true, b.matrix, 0, into: &m)
    return m.storage.reduce(0) { $0 + $1 * $1 }
  }

  @Test func theGramsGiveTheNormOfTheProductInFloat64() {
    for (n, p, q) in [(1, 3, 2), (7, 5, 11), (64, 30, 40)] {
      let a = Self.random(Double.self, n, p, seed: 1)
      let b = Self.random(Double.self, n, q, seed: 2)
      var ga = Grid<Double>(rows: 0, cols: 0)
      var gb = Grid<Double>(rows: 5, cols: 5)
      a.gramUpper(into: &ga)
      b.gramUpper(into: &gb)
      #expect(ga.rows == n)
      #expect(gb.cols == n)
      let viaGrams = Grid.upperTriangleInnerProduct(ga, gb, nonNegative: true)
      let expected = Self.direct(a, b)
      #expect(expected > 0)
      #expect(abs(viaGrams - expected) <= 1e-12 * expected)
    }
  }

  @Test func theGramsGiveTheNormOfTheProductInFloat32() {
    let a = Self.random(Float.self, 16, 50, seed: 3)
    let b = Self.random(Float.self, 16, 70, seed: 4)
    var ga = Grid<Float>(rows: 0, cols: 0)
    var gb = Grid<Float>(rows: 0, cols: 0)
    a.gramUpper(into: &ga)
    b.gramUpper(into: &gb)
    let expected = Self.direct(Grid<Double>(a.matrix), Grid<Double>(b.matrix))
    #expect(abs(Grid.upperTriangleInnerProduct(ga, gb, nonNegative: true) - expected) <= 1e-5 * expected)
  }

  @Test func zeroColumnsGiveZeroAndTheLowerTriangleIsNotRead() {
    let a = Grid<Double>(rows: 3, cols: 0)
    var ga = Grid<Double>(rows: 3, cols: 3)
    for i in 0..<9 { ga.storage[i] = 7 }
    a.gramUpper(into: &ga)
    #expect(ga.storage == [Double](repeating: 0, count: 9))
    // Upper triangles [[1, 2], [·, 3]] and [[4, 5], [·, 6]] with junk below:
    // 1·4 + 2·(2·5) + 3·6 = 42.
    let x = Grid<Double>(Matrix(rows: 2, cols: 2, storage: [1, 2, 99, 3]))
    let y = Grid<Double>(Matrix(rows: 2, cols: 2, storage: [4, 5, -99, 6]))
    #expect(Grid.upperTriangleInnerProduct(x, y, nonNegative: false) == 42)
  }

  @Test func aCancellingSumIsClampedAtZeroOnlyWhenAsked() {
    let x = Grid<Double>(Matrix(rows: 2, cols: 2, storage: [1, -1, 0, 1]))
    let y = Grid<Double>(Matrix(rows: 2, cols: 2, storage: [1, 1.5, 0, 1]))
    // 1 + 2·(−1.5) + 1 = −1.
    #expect(Grid.upperTriangleInnerProduct(x, y, nonNegative: false) == -1)
    #expect(Grid.upperTriangleInnerProduct(x, y, nonNegative: true) == 0)
  }
}
