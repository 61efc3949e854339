import Tensor

/// Forward pass and reverse-mode differentiation.
extension GraphProgram {
  /// Runs the forward pass over every node, then reverse mode from the output.
  ///
  /// Reverse mode: the output's adjoint is 1 (the output must be 1×1). Then, for the
  /// nodes in reverse topological order, each node's adjoint is the SUM of the
  /// contributions its children sent it (their VJPs), so a shared sub-expression
  /// accumulates one term per use; the node then sends each of its parents
  /// `VJP(parent)`. Only nodes the output depends on take part; the others keep
  /// adjoint 0 and no contributions.
  ///
  /// - Parameter output: the output node's name; `nil` means the last assignment.
  /// - Throws: ``GraphError`` when `output` names no node (line 0), when the output
  ///   is not 1×1, or when a node fails (shape mismatch, singular matrix, …) — the
  ///   message names the node and its expression, the position is its operator's.
  public func evaluate(output: String? = nil) throws(GraphError) -> EvaluatedGraph {
    let out = try outputIndex(output)
    let values = try forwardValues(through: plans.count - 1)
    try checkScalarOutput(out, values[out])

    // Which nodes the output depends on.
    var needed = [Bool](repeating: false, count: plans.count)
    needed[out] = true
    for i in stride(from: out, through: 0, by: -1) where needed[i] {
      for case .node(let p) in plans[i].operands { needed[p] = true }
    }

    var adjoints = values.map { Matrix(rows: $0.rows, cols: $0.cols) }
    // Contributions as received: (child, order of arrival, value).
    var received = [[(child: Int, order: Int, value: Matrix)]](repeating: [], count: plans.count)
    var arrival = 0
    var contributions = [[GraphNode.Contribution]](repeating: [], count: plans.count)
    for i in stride(from: out, through: 0, by: -1) where needed[i] {
      if i == out {
        adjoints[i] = Matrix(scalar: 1)
      } else {
        // Every child has a larger index, so all terms have arrived: sum them in
        // forward order of the children (the order the tables show).
        let terms = received[i].sorted { ($0.child, $0.order) < ($1.child, $1.order) }
        var sum = adjoints[i]
        for term in terms { sum = sum + term.value }
        adjoints[i] = sum
        contributions[i] = terms.map { GraphNode.Contribution(child: $0.child, value: $0.value) }
      }
      let plan = plans[i]
      if plan.operation == .input { continue }
      let grads = plan.operation.vjp(arguments(of: plan, values), output: values[i], upstream: adjoints[i])
      for (k, operand) in plan.operands.enumerated() {
        guard case .node(let p) = operand else { continue }
        received[p].append((i, arrival, grads[k]))
        arrival += 1
      }
    }

    let nodes = plans.indices.map { i in
      let plan = plans[i]
      return GraphNode(
        name: plan.name, isGenerated: plan.isGenerated, isInput: plan.operation == .input,
        expression: plan.expression, operation: plan.operation.label, parents: plan.parents,
        value: values[i], adjoint: adjoints[i], contributions: contributions[i], line: plan.line,
        column: plan.column)
    }
    return EvaluatedGraph(nodes: nodes, outputIndex: out)
  }

  /// Index of the output node: `name`'s, or the last assignment's.
  /// - Throws: when `name` names no node (line 0, with a "did you mean" hint).
  func outputIndex(_ name: String?) throws(GraphError) -> Int {
    let wanted = name ?? outputName
    guard let i = plans.firstIndex(where: { $0.name == wanted }) else {
      throw GraphError(
        line: 0, column: 0, message: "there is no node named '\(wanted)' to use as the output",
        hint: NameSuggestion.hint(for: wanted, among: assignedNames))
    }
    return i
  }

  /// Throws unless the output value is 1×1.
  func checkScalarOutput(_ out: Int, _ value: Matrix) throws(GraphError) {
    guard value.isScalar else {
      let plan = plans[out]
      throw GraphError(
        line: plan.line, column: plan.column,
        message:
          "the output '\(plan.name)' must be a scalar (1×1) for reverse mode; it is \(value.shapeDescription)",
        hint: "Reduce it with sum(…) or mean(…), or name a scalar node as the output.")
    }
  }

  /// Forward values of nodes `0 … last`, with input `replacing.index` (if any) set to
  /// `replacing.value`.
  /// - Throws: the first failing node's error, naming the node and its expression.
  func forwardValues(
    through last: Int, replacing: (index: Int, value: Matrix)? = nil
  ) throws(GraphError) -> [Matrix] {
    var values: [Matrix] = []
    values.reserveCapacity(last + 1)
    for i in 0...last {
      let plan = plans[i]
      if plan.operation == .input {
        if let r = replacing, r.index == i {
          values.append(r.value)
        } else {
          values.append(plan.inputValue ?? Matrix(scalar: .nan))
        }
        continue
      }
      do {
        values.append(try plan.operation.forward(arguments(of: plan, values)))
      } catch {
        throw GraphError(
          line: plan.line, column: plan.column,
          message: "node '\(plan.name)' = \(plan.expression): \(error.message)", hint: error.hint)
      }
    }
    return values
  }

  /// The operand values of `plan`, read from `values` or from its constants.
  private func arguments(of plan: NodePlan, _ values: [Matrix]) -> [Matrix] {
    plan.operands.map { operand in
      switch operand {
      case .node(let i): return values[i]
      case .constant(let m, _): return m
      }
    }
  }
}
