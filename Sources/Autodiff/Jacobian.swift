import Tensor

/// Jacobians of vector and matrix outputs by reverse mode.
extension GraphProgram {
  /// For each name of `wrt`, the Jacobian `J = ∂out/∂w` in numerator layout: one row per
  /// element of the output, one column per element of `w`, both in column-major `vec`
  /// order, `J[i][j] = ∂vec(out)_i/∂vec(w)_j`. (A denominator-layout answer is `Jᵀ`.)
  ///
  /// Computed by reverse mode once per output element: row `i` is the adjoint of `w`
  /// for the seed `eᵢ` (1 at output element i, 0 elsewhere), so a 1×1 output gives the
  /// gradient as a single row. A node the output does not depend on gets zeros; an
  /// intermediate node gives `∂out/∂node` with what it reads held fixed.
  ///
  /// - Throws: when `output` or a name of `wrt` names no node (line 0), when the forward
  ///   pass fails, when the passes would take more than ``GraphLimits/jacobianWork`` or
  ///   the Jacobians (counted twice, for the finite-difference ones shown beside them) more than
  ///   ``GraphLimits/memoryBytes`` (a memory limit at the output's
  ///   position), or at the deadline.
  public func jacobians(
    output: String? = nil, wrt: [String], limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> [Matrix] {
    let out = try outputIndex(output)
    var indices: [Int] = []
    for name in wrt {
      guard let i = plans.firstIndex(where: { $0.name == name }) else {
        throw GraphError(
          line: 0, column: 0, message: "there is no node named '\(name)'",
          hint: NameSuggestion.hint(for: name, among: assignedNames))
      }
      indices.append(i)
    }
    let values = try forwardValues(through: plans.count - 1, limits: limits)
    let outputValue = values[out]
    let plan = plans[out]
    // The reverse-mode Jacobians and the finite-difference ones shown beside them.
    let bytes = 2 * 8 * Double(outputValue.count) * indices.reduce(0) { $0 + Double(values[$1].count) }
    if bytes > limits.memoryBytes {
      throw GraphError(
        line: plan.line, column: plan.column, message: "",
        limit: .memory(bytes: bytes, what: "the Jacobian of '\(plan.name)'"))
    }
    var passWork = 0.0
    for k in 0...out where plans[k].operation != .input {
      passWork += plans[k].operation.work(arguments(of: plans[k], values))
    }
    let work = Double(outputValue.count) * 2 * passWork
    if work > limits.jacobianWork {
      throw GraphError(
        line: plan.line, column: plan.column,
        message:
          "the Jacobian of '\(plan.name)' (\(outputValue.shapeDescription)) needs \(outputValue.count) reverse "
          + "passes, about \(Math.short(work)) operations, more than the \(Math.short(limits.jacobianWork)) allowed",
        hint: "Make the matrices smaller, or reduce the output to a scalar with sum(…) or norm(…).")
    }
    var jacobians = indices.map { Matrix(rows: outputValue.count, cols: values[$0].count) }
    for i in 0..<outputValue.count {
      var seed = Matrix(rows: outputValue.rows, cols: outputValue.cols)
      seed[i % outputValue.rows, i / outputValue.rows] = 1
      let adjoints = try backward(values, output: out, seed: seed, limits: limits).adjoints
      for (k, index) in indices.enumerated() {
        let row = adjoints[index].columnMajor
        for j in 0..<row.count { jacobians[k][i, j] = row[j] }
      }
    }
    return jacobians
  }
}
