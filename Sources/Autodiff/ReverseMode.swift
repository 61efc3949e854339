import Tensor

/// Forward pass and reverse-mode differentiation.
extension GraphProgram {
  /// Runs the forward pass over every node, then reverse mode from the output.
  ///
  /// Reverse mode: the output's adjoint is 1 (for a 1×1 output). Then, for the
  /// nodes in reverse topological order, each node's adjoint is the SUM of the
  /// contributions its children sent it (their VJPs), so a shared sub-expression
  /// accumulates one term per use; the node then sends each of its parents
  /// `VJP(parent)`. Only nodes the output depends on take part; the others keep
  /// adjoint 0 and no contributions.
  ///
  /// A vector or matrix output has no single adjoint per node: its nodes keep
  /// adjoint 0 and no contributions (``EvaluatedGraph/hasScalarOutput`` is false), and
  /// ``jacobians(output:wrt:limits:)`` gives its derivatives.
  ///
  /// - Parameters:
  ///   - output: the output node's name; `nil` means the last assignment.
  ///   - limits: the deadline and the memory the values may take.
  /// - Throws: ``GraphError`` when `output` names no node (line 0), when a node fails
  ///   (shape mismatch, singular matrix, …) — the message names the node and its
  ///   expression, the position is its operator's — or when a limit is reached.
  public func evaluate(output: String? = nil, limits: GraphLimits = GraphLimits()) throws(GraphError)
    -> EvaluatedGraph
  {
    let out = try outputIndex(output)
    let values = try forwardValues(through: plans.count - 1, limits: limits)
    var adjoints = values.map { Matrix(rows: $0.rows, cols: $0.cols) }
    var contributions = [[GraphNode.Contribution]](repeating: [], count: plans.count)
    if values[out].isScalar {
      (adjoints, contributions) = try backward(values, output: out, seed: Matrix(scalar: 1), limits: limits)
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

  /// Reverse mode from node `out` with upstream `seed` (shaped like the output):
  /// every node's adjoint `seedᵀ·∂out/∂node` and the contributions summed into it.
  func backward(
    _ values: [Matrix], output out: Int, seed: Matrix, limits: GraphLimits
  ) throws(GraphError) -> (adjoints: [Matrix], contributions: [[GraphNode.Contribution]]) {
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
      try limits.checkTime(while: "running reverse mode")
      if i == out {
        adjoints[i] = seed
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
    return (adjoints, contributions)
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

  /// Forward values of nodes `0 … last`, with node `replacing.index` (if any) taking
  /// `replacing.value` instead of being computed. With `base` (the values of an earlier
  /// pass), only the nodes downstream of the replaced one are computed again; the others
  /// are copied from `base`.
  /// - Throws: the first failing node's error, naming the node and its expression; a
  ///   limit of `limits` that is reached (values larger than the memory, the deadline).
  func forwardValues(
    through last: Int, replacing: (index: Int, value: Matrix)? = nil, base: [Matrix]? = nil,
    limits: GraphLimits = GraphLimits()
  ) throws(GraphError) -> [Matrix] {
    var values: [Matrix] = []
    values.reserveCapacity(last + 1)
    var changed = [Bool](repeating: false, count: last + 1)
    var bytes = 0.0
    for i in 0...last {
      let plan = plans[i]
      if let r = replacing, r.index == i {
        values.append(r.value)
        changed[i] = true
        continue
      }
      if let base, replacing != nil, !plan.operands.contains(where: { operandChanged($0, changed) }) {
        values.append(base[i])
        continue
      }
      if replacing != nil { changed[i] = true }
      if plan.operation == .input {
        values.append(plan.inputValue ?? Matrix(scalar: .nan))
        continue
      }
      try limits.checkTime(while: "computing node '\(plan.name)'")
      let arguments = arguments(of: plan, values)
      bytes += 8 * plan.operation.resultElementBound(arguments)
      if bytes > limits.memoryBytes {
        throw GraphError(
          line: plan.line, column: plan.column, message: "",
          limit: .memory(bytes: bytes, what: "the graph's values"))
      }
      do {
        values.append(try plan.operation.forward(arguments))
      } catch {
        throw GraphError(
          line: plan.line, column: plan.column,
          message: "node '\(plan.name)' = \(plan.expression): \(error.message)", hint: error.hint)
      }
    }
    return values
  }

  private func operandChanged(_ operand: Operand, _ changed: [Bool]) -> Bool {
    if case .node(let p) = operand { return changed[p] }
    return false
  }

  /// The operand values of `plan`, read from `values` or from its constants.
  func arguments(of plan: NodePlan, _ values: [Matrix]) -> [Matrix] {
    plan.operands.map { operand in
      switch operand {
      case .node(let i): return values[i]
      case .constant(let m, _): return m
      }
    }
  }
}
