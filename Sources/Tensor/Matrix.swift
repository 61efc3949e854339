/// A dense, row-major matrix of `Double`.
///
/// Element `(r, c)` lives at `storage[r * cols + c]`. A vector is a matrix with
/// one column (n×1) or one row (1×n); a scalar is 1×1. Batches of samples are
/// stored one sample per row (N×features), as PyTorch does.
public struct Matrix: Equatable, Hashable, Sendable, Codable {
  /// Number of rows.
  public private(set) var rows: Int
  /// Number of columns.
  public private(set) var cols: Int
  /// The elements in row-major order; `storage.count == rows * cols`.
  public var storage: [Double]

  /// A `rows × cols` matrix with every element equal to `value`.
  public init(rows: Int, cols: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && cols >= 0, "negative matrix size")
    self.rows = rows
    self.cols = cols
    self.storage = [Double](repeating: value, count: rows * cols)
  }

  /// A `rows × cols` matrix taking `storage` in row-major order.
  /// - Precondition: `storage.count == rows * cols`.
  public init(rows: Int, cols: Int, storage: [Double]) {
    precondition(storage.count == rows * cols, "storage has \(storage.count) elements, not \(rows)×\(cols)")
    self.rows = rows
    self.cols = cols
    self.storage = storage
  }

  /// A matrix from a list of rows. Returns `nil` when the rows differ in length.
  /// An empty list gives a 0×0 matrix.
  public init?(rowsOf values: [[Double]]) {
    let c = values.first?.count ?? 0
    guard values.allSatisfy({ $0.count == c }) else { return nil }
    self.init(rows: values.count, cols: c, storage: values.flatMap { $0 })
  }

  /// A column vector (n×1).
  public init(column values: [Double]) {
    self.init(rows: values.count, cols: 1, storage: values)
  }

  /// A row vector (1×n).
  public init(row values: [Double]) {
    self.init(rows: 1, cols: values.count, storage: values)
  }

  /// A 1×1 matrix.
  public init(scalar value: Double) {
    self.init(rows: 1, cols: 1, storage: [value])
  }

  /// The n×n identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, cols: n)
    for i in 0..<n { m.storage[i * n + i] = 1 }
    return m
  }

  /// Element at row `r`, column `c` (0-based).
  @inlinable
  public subscript(r: Int, c: Int) -> Double {
    get { storage[r * cols + c] }
    set { storage[r * cols + c] = newValue }
  }

  /// Number of elements, `rows * cols`.
  public var count: Int { storage.count }

  /// `(rows, cols)`.
  public var shape: (rows: Int, cols: Int) { (rows, cols) }

  /// The shape written as `rows×cols`, for messages.
  public var shapeDescription: String { "\(rows)×\(cols)" }

  /// True for 1×1.
  public var isScalar: Bool { rows == 1 && cols == 1 }

  /// True for n×1 or 1×n.
  public var isVector: Bool { rows == 1 || cols == 1 }

  /// The single element of a 1×1 matrix, else `nil`.
  public var scalarValue: Double? { isScalar ? storage[0] : nil }

  /// Row `r` as an array.
  public func row(_ r: Int) -> [Double] {
    Array(storage[(r * cols)..<((r + 1) * cols)])
  }

  /// The rows as nested arrays.
  public var rowArrays: [[Double]] { (0..<rows).map { row($0) } }

  /// The transpose, `Aᵀ[c, r] = A[r, c]`.
  public var transposed: Matrix {
    var t = Matrix(rows: cols, cols: rows)
    for r in 0..<rows {
      for c in 0..<cols { t.storage[c * rows + r] = storage[r * cols + c] }
    }
    return t
  }

  /// The same elements read as a `rows × cols` matrix (row-major order kept).
  /// - Precondition: `rows * cols == count`.
  public func reshaped(rows: Int, cols: Int) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: storage)
  }

  /// Rows `indices` stacked in that order (gather).
  public func rows(at indices: [Int]) -> Matrix {
    var out = Matrix(rows: indices.count, cols: cols)
    out.storage.withUnsafeMutableBufferPointer { dst in
      storage.withUnsafeBufferPointer { src in
        for (i, r) in indices.enumerated() {
          for c in 0..<cols { dst[i &* cols &+ c] = src[r &* cols &+ c] }
        }
      }
    }
    return out
  }

  /// Rows `range` as a new matrix.
  public func rows(in range: Range<Int>) -> Matrix {
    Matrix(
      rows: range.count, cols: cols,
      storage: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]))
  }

  /// True when every element is finite (no NaN, no ±∞).
  public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}

extension Matrix: CustomStringConvertible {
  /// Rows in brackets, e.g. `[[1.0, 2.0], [3.0, 4.0]]`.
  public var description: String {
    "[" + rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
      + "]"
  }
}
