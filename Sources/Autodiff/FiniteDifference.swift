import Tensor

/// Central finite differences through the graph's forward pass.
extension GraphProgram {
  /// `∂out/∂input` estimated element by element with central differences:
  /// `(f(x + h·eₖ) − f(x − h·eₖ)) / 2h`, re-running the forward pass up to the output
  /// (2 passes per element). Truncation error is O(h²), rounding error about
  /// ε·|f|/h, so h = 1e-6 suits values of order 1.
  ///
  /// - Parameters:
  ///   - wrt: an input name.
  ///   - output: the output node (default: the last assignment); it must be 1×1.
  ///   - epsilon: the step h (> 0, finite).
  /// - Throws: when `wrt` is not an input or `epsilon` is not positive (line 0), when
  ///   the output is missing or not scalar, or when a perturbed pass fails (the
  ///   message says which element was perturbed).
  public func finiteDifference(
    wrt name: String, output: String? = nil, epsilon: Double = 1e-6
  ) throws(GraphError) -> Matrix {
    guard let index = plans.firstIndex(where: { $0.name == name && $0.operation == .input }),
      let base = plans[index].inputValue
    else {
      throw GraphError(
        line: 0, column: 0, message: "there is no input named '\(name)'",
        hint: NameSuggestion.hint(for: name, among: inputNames))
    }
    guard epsilon > 0, epsilon.isFinite else {
      throw GraphError(
        line: 0, column: 0, message: "the finite-difference step must be positive; got \(epsilon)",
        hint: "The default is 1e-6.")
    }
    let out = try outputIndex(output)
    let values = try forwardValues(through: out)
    try checkScalarOutput(out, values[out])

    var estimate = Matrix(rows: base.rows, cols: base.cols)
    for k in 0..<base.count {
      var plus = base
      plus.storage[k] += epsilon
      var minus = base
      minus.storage[k] -= epsilon
      do {
        let fPlus = try forwardValues(through: out, replacing: (index, plus))[out].storage[0]
        let fMinus = try forwardValues(through: out, replacing: (index, minus))[out].storage[0]
        estimate.storage[k] = (fPlus - fMinus) / (2 * epsilon)
      } catch {
        let element = base.isScalar ? name : "\(name)[\(k / base.cols + 1), \(k % base.cols + 1)]"
        var wrapped = error
        wrapped.message =
          "while perturbing \(element) by ±\(epsilon) for finite differences: " + error.message
        throw wrapped
      }
    }
    return estimate
  }
}

/// Comparing a backprop gradient with a finite-difference estimate.
public enum GradientComparison {
  /// Norm-wise relative error `‖a − n‖₂ / max(‖a‖₂ + ‖n‖₂, 1e-8)` (Frobenius norms),
  /// so entries with near-zero gradients do not dominate; for scalars
  /// `|a − n| / max(|a| + |n|, 1e-8)`. `+∞` when the shapes differ; NaN propagates.
  public static func relativeError(_ a: Matrix, _ n: Matrix) -> Double {
    guard a.rows == n.rows, a.cols == n.cols else { return .infinity }
    let difference = a.zipWith(n, -).norm()
    return difference / Swift.max(a.norm() + n.norm(), 1e-8)
  }
}
