import Tensor

/// Turns parsed assignments into ``NodePlan``s, line by line: resolves names,
/// computes constants, creates generated nodes, then puts the inputs first.
struct GraphCompiler {
  /// Every name some line assigns, with the first line that does (from a pre-scan),
  /// so that generated names avoid them and early uses are told apart from typos.
  private let assignedLines: [String: Int]
  /// Names assigned so far: node index and line.
  private var defined: [String: (index: Int, line: Int)] = [:]
  private var definedOrder: [String] = []
  private var plans: [NodePlan] = []
  private var generatedCount = 0
  private var lastAssigned: Int?

  init(assignedLines: [String: Int]) {
    self.assignedLines = assignedLines
  }

  /// Compiles one assignment.
  mutating func add(_ a: Assignment) throws(GraphError) {
    if let prior = defined[a.name] {
      throw GraphError(
        line: a.line, column: a.nameColumn, template: .alreadyAssigned(name: a.name), relatedLine: prior.line)
    }
    let index: Int
    if let value = a.expression.literalValue {
      plans.append(
        NodePlan(
          name: a.name, isGenerated: false, operation: .input, operands: [],
          expression: a.expression.rendered.text, line: a.line, column: a.expression.column,
          inputValue: value))
      index = plans.count - 1
    } else if case .variable(let reference, let column) = a.expression {
      let source = try resolve(reference, line: a.line, column: column)
      plans.append(
        NodePlan(
          name: a.name, isGenerated: false, operation: .copy, operands: [.node(source)],
          expression: reference, line: a.line, column: column, inputValue: nil))
      index = plans.count - 1
    } else if case .apply(let op, let operands, let column) = a.expression {
      index = try node(op, operands, column: column, name: a.name, line: a.line)
    } else {
      // A bare number or literal is an input (handled above); nothing else remains.
      throw GraphError(line: a.line, column: a.expression.column, message: "cannot compile this expression")
    }
    defined[a.name] = (index, a.line)
    definedOrder.append(a.name)
    lastAssigned = index
  }

  /// The finished program, inputs moved first (still topological: inputs read nothing).
  func finish() throws(GraphError) -> GraphProgram {
    guard let last = lastAssigned else {
      throw GraphError(
        line: 1, column: 1, message: "the graph has no assignments",
        hint: "Write one assignment per line, e.g. x = 2 then y = x^2.")
    }
    let inputs = plans.indices.filter { plans[$0].operation == .input }
    let others = plans.indices.filter { plans[$0].operation != .input }
    let order = inputs + others
    var newIndex = [Int](repeating: 0, count: plans.count)
    for (new, old) in order.enumerated() { newIndex[old] = new }
    let reordered = order.map { old -> NodePlan in
      var plan = plans[old]
      plan.operands = plan.operands.map { operand in
        if case .node(let i) = operand { return .node(newIndex[i]) }
        return operand
      }
      return plan
    }
    return GraphProgram(
      plans: reordered, inputNames: inputs.map { plans[$0].name }, assignedNames: definedOrder,
      outputName: plans[last].name)
  }

  /// Appends the node `op(operands)` after the nodes its operands need; returns its index.
  private mutating func node(
    _ op: Operation, _ operands: [Expression], column: Int, name: String?, line: Int
  ) throws(GraphError) -> Int {
    var compiled: [Operand] = []
    for operand in operands { compiled.append(try self.operand(operand, line: line)) }
    let rendered = compiled.map { operand -> Rendered in
      switch operand {
      case .node(let i): return Rendered(text: plans[i].name, precedence: 5)
      case .constant(_, let r): return r
      }
    }
    let nodeName = name ?? nextGeneratedName()
    plans.append(
      NodePlan(
        name: nodeName, isGenerated: name == nil, operation: op, operands: compiled,
        expression: op.render(rendered), line: line, column: column, inputValue: nil))
    return plans.count - 1
  }

  /// A reference, a constant, or a new generated node.
  private mutating func operand(_ e: Expression, line: Int) throws(GraphError) -> Operand {
    if case .variable(let name, let column) = e {
      return .node(try resolve(name, line: line, column: column))
    }
    if e.isConstant {
      return .constant(try constant(e, line: line), e.rendered)
    }
    if case .apply(let op, let operands, let column) = e {
      return .node(try node(op, operands, column: column, name: nil, line: line))
    }
    throw GraphError(line: line, column: e.column, message: "cannot compile this expression")
  }

  /// The value of a name-free expression.
  /// - Throws: when an operation in it fails (`[1, 2] + [1, 2, 3]`).
  private func constant(_ e: Expression, line: Int) throws(GraphError) -> Matrix {
    switch e {
    case .number(let v, _, _): return Matrix(scalar: v)
    case .literal(let m, _, _): return m
    case .variable(let name, let column):
      throw GraphError(line: line, column: column, message: "'\(name)' is not a constant")
    case .apply(let op, let operands, let column):
      var values: [Matrix] = []
      for operand in operands { values.append(try constant(operand, line: line)) }
      do {
        return try op.forward(values)
      } catch {
        throw GraphError(
          line: line, column: column, message: "in the constant \(e.rendered.text): \(error.message)",
          hint: error.hint)
      }
    }
  }

  /// The node a name refers to.
  /// - Throws: for a name not yet assigned, used in its own definition, a function
  ///   name used as a value, or an unknown name (with a "did you mean" hint).
  private func resolve(_ name: String, line: Int, column: Int) throws(GraphError) -> Int {
    if let d = defined[name] { return d.index }
    if let later = assignedLines[name] {
      if later == line {
        throw GraphError(
          line: line, column: column, message: "'\(name)' is used in its own definition",
          hint: "A name is assigned once; give the updated value a new name.")
      }
      throw GraphError(
        line: line, column: column, template: .usedBeforeAssignment(name: name), relatedLine: later)
    }
    if let function = Operation.function(named: name) {
      throw GraphError(
        line: line, column: column, message: "'\(name)' is a function, not a value",
        hint: "Call it as \(function.signature).")
    }
    let hint: String
    if definedOrder.isEmpty {
      hint = "Assign it on an earlier line, e.g. \(name) = 1."
    } else {
      hint = NameSuggestion.hint(for: name, among: definedOrder)
    }
    throw GraphError(line: line, column: column, message: "undefined variable '\(name)'", hint: hint)
  }

  /// `v1, v2, …`, skipping names the text assigns.
  private mutating func nextGeneratedName() -> String {
    while true {
      generatedCount += 1
      let name = "v\(generatedCount)"
      if assignedLines[name] == nil { return name }
    }
  }
}
