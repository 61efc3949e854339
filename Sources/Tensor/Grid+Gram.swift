/// Gram matrices, and the Frobenius norm of a product Aᵀ·B read off them.
///
/// For A (n × p) and B (n × q), ‖Aᵀ·B‖²_F = Σᵢⱼ (A·Aᵀ)ᵢⱼ (B·Bᵀ)ᵢⱼ, since
/// ‖AᵀB‖²_F = tr(BᵀA·AᵀB) = tr((AAᵀ)(BBᵀ)) and both Gram matrices are
/// symmetric. With n small beside p and q (a minibatch against a layer's
/// widths) this costs n²(p + q)/2 multiply-adds instead of the n·p·q of
/// forming AᵀB, and needs no p × q buffer: the training loop takes
/// ‖∂W‖ = ‖Gᵀ·X‖ this way when it adds −lr·Gᵀ·X into W in one product.
extension Grid {
  /// The upper triangle of `self · selfᵀ` (rows × rows) in `c`, which is
  /// resized to `rows × rows`; the strict lower triangle holds whatever it
  /// held (only `upperTriangleInnerProduct` reads `c`). One `syrk`.
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func gramUpper(into c: inout Grid) {
    c.resize(rows: rows, cols: rows)
    let (n, k) = (rows, cols)
    guard n > 0 else { return }
    guard k > 0 else {
      c.withMutableBase { $0.update(repeating: 0, count: n &* n) }
      return
    }
    withBase { a in
      c.withMutableBase { pc in Scalar.syrkUpper(n: n, k: k, a: a, lda: k, c: pc, ldc: n) }
    }
  }

  /// Σᵢⱼ aᵢⱼ bᵢⱼ over all i, j of two symmetric n × n matrices given by their
  /// upper triangles: Σᵢ aᵢᵢbᵢᵢ + 2·Σᵢ<ⱼ aᵢⱼbᵢⱼ, every product widened to
  /// `Double` and summed row by row in order. Clamped at 0 from below when
  /// `a` and `b` are Gram matrices (the sum is then ‖·‖² ≥ 0; rounding in a
  /// cancelling sum could take it a hair under 0), which the caller states
  /// with `nonNegative`.
  /// - Precondition: both are square and of the same size.
  /// Specialized for both precisions: unspecialized across modules, each
  /// widening went through the runtime's generic conversion.
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public static func upperTriangleInnerProduct(_ a: Grid, _ b: Grid, nonNegative: Bool) -> Double {
    precondition(a.rows == a.cols && b.rows == a.rows && b.cols == a.cols, "two square matrices of one size")
    let n = a.rows
    var diagonal = 0.0
    var offDiagonal = 0.0
    a.withBase { pa in
      b.withBase { pb in
        var i = 0
        while i < n {
          let row = i &* n
          diagonal += Double(pa[row &+ i]) * Double(pb[row &+ i])
          var j = i &+ 1
          while j < n {
            offDiagonal += Double(pa[row &+ j]) * Double(pb[row &+ j])
            j &+= 1
          }
          i &+= 1
        }
      }
    }
    let total = diagonal + 2 * offDiagonal
    return nonNegative ? Swift.max(total, 0) : total
  }
}
