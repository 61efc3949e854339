import Tensor

/// Central finite differences through the graph's forward pass.
///
/// Each perturbation of node `w` re-runs only the nodes downstream of `w` up to the
/// output (the others keep their values). Truncation error is O(h²), rounding error
/// about ε·|f|/h, so h = 1e-6 suits values of order 1.
extension GraphProgram {
  /// How finite differences check the derivatives with respect to one node.
  public enum FiniteDifferenceMode: Equatable, Sendable {
    /// Element by element: 2 passes per element of the node, giving the whole estimate.
    case elementwise
    /// Along `count` seeded random directions (PyTorch's `gradcheck(fast_mode=True)`):
    /// 2 passes per direction, used when element by element would take more than
    /// ``GraphLimits/finiteDifferenceWork``.
    case directional(count: Int)
  }

  /// Directions tried when element-by-element differences cost too much.
  public static let directionCount = 4

  /// `∂out/∂w` estimated element by element, `(f(w + h·eₖ) − f(w − h·eₖ)) / 2h`, shaped
  /// like `w`, for a 1×1 output.
  ///
  /// - Parameters:
  ///   - wrt: a node name, an input or an intermediate node (then the node's value is
  ///     perturbed and what it reads is held fixed, which is what its adjoint measures).
  ///   - output: the output node (default: the last assignment); it must be 1×1.
  ///   - epsilon: the step h (> 0, finite).
  /// - Throws: when `wrt` names no node or `epsilon` is not positive (line 0), when the
  ///   output is missing or not 1×1, when `wrt` reaches the size of `eye(n)` (which must be
  ///   a whole number), when a perturbed pass fails (the message says which element was
  ///   perturbed), or when a limit is reached.
  public func finiteDifference(
    wrt name: String, output: String? = nil, epsilon: Double = 1e-6, limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> Matrix {
    let (index, out, values) = try prepare(wrt: name, output: output, epsilon: epsilon, limits: limits)
    guard values[out].isScalar else {
      let plan = plans[out]
      throw GraphError(
        line: plan.line, column: plan.column,
        message:
          "the output '\(plan.name)' is \(values[out].shapeDescription), so it has a Jacobian, not a gradient",
        hint: "Use finiteDifferenceJacobian, or reduce the output with sum(…).")
    }
    let base = values[index]
    var estimate = Matrix(rows: base.rows, cols: base.cols)
    for k in 0..<base.count {
      let element = base.isScalar ? name : "\(name)[\(k / base.cols + 1), \(k % base.cols + 1)]"
      let slope = try centralDifference(
        index, out, values, perturbing(base, k, epsilon), epsilon, element, limits)
      estimate.storage[k] = slope.storage[0]
    }
    return estimate
  }

  /// The Jacobian `∂out/∂w` by central differences, one column per element of `w`:
  /// `J[i][j] = (out_i(w + h·e_j) − out_i(w − h·e_j)) / 2h`, rows and columns in
  /// column-major `vec` order (numerator layout, as ``jacobians(output:wrt:limits:)``).
  /// - Throws: as ``finiteDifference(wrt:output:epsilon:limits:)``, for outputs of any shape.
  public func finiteDifferenceJacobian(
    wrt name: String, output: String? = nil, epsilon: Double = 1e-6, limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> Matrix {
    let (index, out, values) = try prepare(wrt: name, output: output, epsilon: epsilon, limits: limits)
    let base = values[index]
    var jacobian = Matrix(rows: values[out].count, cols: base.count)
    for j in 0..<base.count {
      let (r, c) = (j % base.rows, j / base.rows)
      let element = base.isScalar ? name : "\(name)[\(r + 1), \(c + 1)]"
      let slope = try centralDifference(
        index, out, values, perturbing(base, r * base.cols + c, epsilon), epsilon, element, limits
      ).columnMajor
      for i in 0..<slope.count { jacobian[i, j] = slope[i] }
    }
    return jacobian
  }

  /// Directional derivatives of the output along `count` random directions `u` shaped like
  /// `w` (entries ±1 from a generator seeded by the name, so the same graph gives the same
  /// directions): `(f(w + h·u) − f(w − h·u)) / 2h`, each shaped like the output. Reverse
  /// mode predicts `⟨∂out/∂w, u⟩` for a 1×1 output and `J·vec(u)` otherwise.
  /// - Throws: as ``finiteDifferenceJacobian(wrt:output:epsilon:limits:)``.
  public func directionalDifferences(
    wrt name: String, output: String? = nil, epsilon: Double = 1e-6, count: Int = GraphProgram.directionCount,
    limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> (directions: [Matrix], estimates: [Matrix]) {
    let (index, out, values) = try prepare(wrt: name, output: output, epsilon: epsilon, limits: limits)
    let base = values[index]
    var rng = RandomSource(seed: SeedDerivation.fnv1a("direction:" + name))
    var directions: [Matrix] = []
    var estimates: [Matrix] = []
    for k in 0..<count {
      let u = Matrix(
        rows: base.rows, cols: base.cols, storage: (0..<base.count).map { _ in rng.uniform() < 0.5 ? -1 : 1 })
      directions.append(u)
      let pair = (base + epsilon * u, base - epsilon * u)
      estimates.append(
        try centralDifference(index, out, values, pair, epsilon, "\(name) along direction \(k + 1)", limits))
    }
    return (directions, estimates)
  }

  /// Element by element when that costs at most ``GraphLimits/finiteDifferenceWork``
  /// (2 passes of the nodes downstream of `wrt` per element), else directional.
  /// - Throws: when `wrt` or `output` names no node, or the forward pass fails.
  public func finiteDifferenceMode(
    wrt name: String, output: String? = nil, limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> FiniteDifferenceMode {
    let (index, out, values) = try prepare(wrt: name, output: output, epsilon: 1, limits: limits)
    // Each perturbation copies the node, then runs the nodes downstream of it.
    let count = Double(values[index].count)
    let work = 2 * count * (count + passWork(from: index, through: out, values))
    return work <= limits.finiteDifferenceWork
      ? .elementwise : .directional(count: GraphProgram.directionCount)
  }

  /// The expression of an `eye(n)` whose size `n` depends on node `name` (`eye(n)`), or
  /// `nil`. Finite differences are not defined for such a node: `eye` needs a whole
  /// number, and reverse mode sends it 0 by convention.
  public func integerArgument(reachedFrom name: String) -> String? {
    guard let index = plans.firstIndex(where: { $0.name == name }) else { return nil }
    let downstream = self.downstream(of: index, through: plans.count - 1)
    return plans.indices.first { $0 != index && downstream[$0] && plans[$0].operation == .eye }
      .map { plans[$0].expression }
  }

  /// Work of one pass over the nodes downstream of `index` up to `out`.
  func passWork(from index: Int, through out: Int, _ values: [Matrix]) -> Double {
    let downstream = self.downstream(of: index, through: out)
    var work = 0.0
    for i in (index + 1)..<(out + 1) where downstream[i] {
      work += plans[i].operation.work(arguments(of: plans[i], values))
    }
    return Swift.max(work, 1)
  }

  /// True for `index` and every node up to `last` that reads it, directly or not.
  func downstream(of index: Int, through last: Int) -> [Bool] {
    var marks = [Bool](repeating: false, count: last + 1)
    guard index <= last else { return marks }
    marks[index] = true
    for i in (index + 1)..<(last + 1) {
      marks[i] = plans[i].operands.contains { operand in
        if case .node(let p) = operand { return marks[p] }
        return false
      }
    }
    return marks
  }

  /// The node index of `name`, the output index and the unperturbed values.
  private func prepare(
    wrt name: String, output: String?, epsilon: Double, limits: GraphLimits
  ) throws(GraphError) -> (Int, Int, [Matrix]) {
    guard let index = plans.firstIndex(where: { $0.name == name }) else {
      throw GraphError(
        line: 0, column: 0, message: "there is no node named '\(name)'",
        hint: NameSuggestion.hint(for: name, among: assignedNames))
    }
    guard epsilon > 0, epsilon.isFinite else {
      throw GraphError(
        line: 0, column: 0, message: "the finite-difference step must be positive; got \(epsilon)",
        hint: "The default is 1e-6.")
    }
    let out = try outputIndex(output)
    let values = try forwardValues(through: Swift.max(out, index), limits: limits)
    return (index, out, values)
  }

  /// `base` with element `k` (row-major) moved by `+h` and by `−h`.
  private func perturbing(_ base: Matrix, _ k: Int, _ h: Double) -> (Matrix, Matrix) {
    var plus = base
    plus.storage[k] += h
    var minus = base
    minus.storage[k] -= h
    return (plus, minus)
  }

  /// `(f(w⁺) − f(w⁻)) / 2h` for node `index` set to the two perturbed values
  /// `w± = w ± h·u`, shaped like the output.
  private func centralDifference(
    _ index: Int, _ out: Int, _ values: [Matrix], _ perturbed: (plus: Matrix, minus: Matrix), _ h: Double,
    _ element: String, _ limits: GraphLimits
  ) throws(GraphError) -> Matrix {
    try limits.checkTime(while: "computing finite differences for '\(plans[index].name)'")
    do {
      let plus = try forwardValues(
        through: out, replacing: (index, perturbed.plus), base: values, limits: limits)
      let minus = try forwardValues(
        through: out, replacing: (index, perturbed.minus), base: values, limits: limits)
      return plus[out].zipWith(minus[out]) { ($0 - $1) / (2 * h) }
    } catch {
      if error.limit != nil { throw error }
      var wrapped = error
      if let eye = integerArgument(reachedFrom: plans[index].name) {
        wrapped.message =
          "finite differences are not defined for '\(plans[index].name)': it reaches the size of \(eye), "
          + "which must be a whole number"
        wrapped.hint =
          "Reverse mode treats the size as a constant (its derivative is 0); leave '\(plans[index].name)' out of wrt."
      } else {
        wrapped.message = "while perturbing \(element) by ±\(h) for finite differences: " + error.message
      }
      throw wrapped
    }
  }
}

extension Matrix {
  /// The elements in column-major `vec` order (down each column, left to right), the
  /// order of a Jacobian's rows and columns.
  public var columnMajor: [Double] {
    var out: [Double] = []
    out.reserveCapacity(count)
    for c in 0..<cols {
      for r in 0..<rows { out.append(self[r, c]) }
    }
    return out
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
