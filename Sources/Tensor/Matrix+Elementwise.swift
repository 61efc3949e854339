/// Element-wise arithmetic. Shapes must match exactly, except that a 1×1
/// operand broadcasts to the other's shape. Bias rows broadcast through
/// ``Matrix/addingRowVector(_:)``.
extension Matrix {
  /// `f(a)` applied to every element.
  @inlinable
  public func map(_ f: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: storage.map(f))
  }

  /// `f(a, b)` element by element; a 1×1 operand broadcasts.
  /// - Precondition: equal shapes, or one side 1×1.
  @inlinable
  public func zipWith(_ other: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    if rows == other.rows && cols == other.cols {
      var out = storage
      out.withUnsafeMutableBufferPointer { o in
        other.storage.withUnsafeBufferPointer { b in
          for i in 0..<o.count { o[i] = f(o[i], b[i]) }
        }
      }
      return Matrix(rows: rows, cols: cols, storage: out)
    }
    if other.isScalar {
      let s = other.storage[0]
      return map { f($0, s) }
    }
    if isScalar {
      let s = storage[0]
      return other.map { f(s, $0) }
    }
    preconditionFailure("shape mismatch \(shapeDescription) vs \(other.shapeDescription)")
  }

  /// True when `zipWith` accepts the pair: equal shapes, or either is 1×1.
  public func broadcasts(with other: Matrix) -> Bool {
    (rows == other.rows && cols == other.cols) || isScalar || other.isScalar
  }

  public static func + (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, +) }
  public static func - (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, -) }
  /// Element-wise (Hadamard) product; use ``matmul(_:)`` for the matrix product.
  public static func * (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, *) }
  public static func / (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, /) }
  public static func * (s: Double, a: Matrix) -> Matrix { a.map { s * $0 } }
  public static func * (a: Matrix, s: Double) -> Matrix { a.map { $0 * s } }
  public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

  /// `self += alpha * x` in place (axpy).
  /// - Precondition: equal shapes.
  public mutating func addScaled(_ x: Matrix, _ alpha: Double) {
    precondition(
      rows == x.rows && cols == x.cols, "shape mismatch \(shapeDescription) vs \(x.shapeDescription)")
    storage.withUnsafeMutableBufferPointer { y in
      x.storage.withUnsafeBufferPointer { xs in
        for i in 0..<y.count { y[i] += alpha * xs[i] }
      }
    }
  }

  /// Adds the 1×cols row vector `b` to every row: `out[r, c] = self[r, c] + b[c]`.
  public func addingRowVector(_ b: [Double]) -> Matrix {
    precondition(b.count == cols, "bias of \(b.count) for \(cols) columns")
    var out = self
    out.storage.withUnsafeMutableBufferPointer { o in
      for r in 0..<rows {
        let base = r &* cols
        for c in 0..<cols { o[base &+ c] += b[c] }
      }
    }
    return out
  }

  /// Column sums as an array: `s[c] = Σ_r self[r, c]`.
  public func columnSums() -> [Double] {
    var s = [Double](repeating: 0, count: cols)
    storage.withUnsafeBufferPointer { a in
      for r in 0..<rows {
        let base = r &* cols
        for c in 0..<cols { s[c] += a[base &+ c] }
      }
    }
    return s
  }

  /// Σ of all elements.
  public func sum() -> Double { storage.reduce(0, +) }

  /// Σ of squares of all elements (squared Frobenius norm).
  public func squaredNorm() -> Double { storage.reduce(0) { $0 + $1 * $1 } }

  /// Frobenius (ℓ₂) norm, √Σa².
  public func norm() -> Double { squaredNorm().squareRoot() }

  /// Largest |a − b| over elements; `.infinity` when shapes differ.
  public func maxAbsDifference(_ other: Matrix) -> Double {
    guard rows == other.rows && cols == other.cols else { return .infinity }
    var m = 0.0
    for i in 0..<storage.count {
      let d = abs(storage[i] - other.storage[i])
      if d.isNaN { return .nan }
      m = Swift.max(m, d)
    }
    return m
  }
}
