import Tensor

/// Classification accuracy read from a loss's output convention.
extension LossFunction {
  /// The fraction of correct decisions, or nil when the setting is not a
  /// classification (or the shapes do not fit, or the batch is empty):
  /// - `bce`: predict 1 when y > 0.5; `bce-logits`: when z > 0 (targets 0/1,
  ///   every element counted).
  /// - `hinge`, `squared-hinge`: correct when y·t > 0 with t ∈ {−1, +1}
  ///   (0 reads as −1; an output of exactly 0 is wrong).
  /// - `cross-entropy`: argmax of the row (first on ties) against the class
  ///   index or the target row's argmax.
  /// - `mse`/`sse`: with one output and every target 0 or 1, predict 1 when
  ///   y > 0.5; with several outputs and one-hot target rows, argmax; else nil.
  public func accuracy(output: Matrix, target: Matrix) -> Double? {
    guard output.rows > 0, output.rows == target.rows else { return nil }
    let n = output.rows
    switch kind {
    case .bce, .bceLogits:
      guard target.cols == output.cols, target.storage.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
      let threshold = kind == .bce ? 0.5 : 0
      return fraction(output.count) { (output.storage[$0] > threshold) == (target.storage[$0] == 1) }
    case .hinge, .squaredHinge:
      guard target.cols == output.cols else { return nil }
      return fraction(output.count) { output.storage[$0] * LossFunction.signLabel(target.storage[$0]) > 0 }
    case .crossEntropy:
      guard target.cols == 1 || target.cols == output.cols else { return nil }
      if target.cols == 1 {
        let k = Double(output.cols)
        guard target.storage.allSatisfy({ $0 >= 0 && $0 < k && $0 == $0.rounded() }) else { return nil }
      }
      return fraction(n) { r in
        let truth = target.cols == 1 ? Int(target.storage[r]) : argmax(target, row: r)
        return argmax(output, row: r) == truth
      }
    case .mse, .sse:
      guard target.cols == output.cols else { return nil }
      if output.cols == 1 {
        guard target.storage.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        return fraction(n) { (output.storage[$0] > 0.5) == (target.storage[$0] == 1) }
      }
      let oneHot = (0..<n).allSatisfy { r in
        let row = target.row(r)
        return row.allSatisfy { $0 == 0 || $0 == 1 } && row.filter { $0 == 1 }.count == 1
      }
      guard oneHot else { return nil }
      return fraction(n) { argmax(output, row: $0) == argmax(target, row: $0) }
    }
  }

  /// (number of i in 0..<count with `correct(i)`) / count.
  private func fraction(_ count: Int, _ correct: (Int) -> Bool) -> Double {
    var hits = 0
    for i in 0..<count where correct(i) { hits += 1 }
    return Double(hits) / Double(count)
  }
}

/// The column of the largest element of row `r` (the first on ties; NaN never wins).
func argmax(_ m: Matrix, row r: Int) -> Int {
  var best = 0
  guard m.cols > 1 else { return best }
  let base = r * m.cols
  for c in 1..<m.cols {
    let v = m.storage[base + c]
    let b = m.storage[base + best]
    if v > b || (b.isNaN && !v.isNaN) { best = c }
  }
  return best
}
