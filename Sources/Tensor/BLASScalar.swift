import COpenBLAS

/// A floating-point type the training loop can run in: `Double` (float64,
/// products through `cblas_dgemm`) or `Float` (float32, `cblas_sgemm`).
///
/// Everything gradbook reports is a `Double`; a `Float` training run keeps
/// its buffers and products in float32 and widens what it reports.
public protocol BLASScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
  /// `float64` or `float32`, as the notebook key `precision:` writes it.
  static var precisionName: String { get }

  /// C ← α·op(A)·op(B) + β·C on row-major buffers, op(X) = X or Xᵀ; C is
  /// m × n, the inner dimension k (BLAS semantics: with β = 0 the old C is
  /// ignored).
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>,
    lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// The upper triangle of `C ← A·Aᵀ` (row-major, A is n × k, C is n × n;
  /// the strict lower triangle of C is left as it was): `cblas_dsyrk` or
  /// `cblas_ssyrk` with β = 0.
  static func syrkUpper(
    n: Int, k: Int, a: UnsafePointer<Self>, lda: Int, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// `values` rounded to this type (to nearest, ties to even); for `Double`
  /// the same array, not a copy.
  static func narrowed(_ values: [Double]) -> [Self]

  /// `values` as `Double`s (exact); for `Double` the same array, not a copy.
  static func widened(_ values: [Self]) -> [Double]

  /// The eight lanes as `Double`s (exact).
  static func widened(_ lanes: SIMD8<Self>) -> SIMD8<Double>

  /// Makes `storage` `count` elements long: shortened in place (its capacity
  /// kept), or lengthened with zeros. A requirement rather than a generic
  /// function so that each conformance gets code specialized for its type:
  /// unspecialized, appending zeros went element by element through the
  /// runtime and took 84% of a small training run (`Grid.resize(rows:)`).
  static func resize(_ storage: inout [Self], to count: Int)
}

extension BLASScalar {
  /// The shared body of ``resize(_:to:)``, specialized in each conformance.
  public static func resize(_ storage: inout [Self], to count: Int) {
    if storage.count > count {
      storage.removeLast(storage.count - count)
    } else if storage.count < count {
      storage.append(contentsOf: repeatElement(0, count: count - storage.count))
    }
  }
}

extension Double: BLASScalar {
  public static var precisionName: String { "float64" }

  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
    lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  public static func syrkUpper(
    n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dsyrk(
      CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), 1, a, Int32(lda), 0, c, Int32(ldc))
  }

  @inline(__always) public static func narrowed(_ values: [Double]) -> [Double] { values }
  @inline(__always) public static func widened(_ values: [Double]) -> [Double] { values }
  @inline(__always) public static func widened(_ lanes: SIMD8<Double>) -> SIMD8<Double> { lanes }
}

extension Float: BLASScalar {
  public static var precisionName: String { "float32" }

  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>,
    lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  public static func syrkUpper(
    n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    cblas_ssyrk(
      CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), 1, a, Int32(lda), 0, c, Int32(ldc))
  }

  public static func narrowed(_ values: [Double]) -> [Float] { values.map { Float($0) } }
  public static func widened(_ values: [Float]) -> [Double] { values.map { Double($0) } }
  @inline(__always) public static func widened(_ lanes: SIMD8<Float>) -> SIMD8<Double> {
    SIMD8<Double>(lanes)
  }
}
