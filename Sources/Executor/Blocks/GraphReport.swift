import Autodiff
import Tensor

/// What a `graph` block reports (contract section 5): its result paths, the forward
/// table, the backward table (1×1 output) or the Jacobian tables (vector or matrix
/// output), the derivatives beside finite differences, and the picture.
struct GraphReport {
  /// How a derivative was checked by finite differences.
  enum Check {
    /// Element by element: the whole estimate.
    case elementwise(Matrix)
    /// Along random directions: reverse mode's prediction and the estimate, one number
    /// per direction (per direction and output element for a Jacobian).
    case directional(predicted: [Double], estimated: [Double])
    /// Not defined: the node reaches the size of `eye(n)` (`reason`), a whole number.
    case undefined(reason: String)
  }

  let graph: EvaluatedGraph
  let epsilon: Double
  private var results = ResultSet()
  private var rows: [[ReportTable.Cell]] = []
  private var notes: [String] = []

  init(graph: EvaluatedGraph, epsilon: Double) {
    self.graph = graph
    self.epsilon = epsilon
    results.set(graph.output.name, graph.output.value)
  }

  /// `d<out>/d<name>` and its check (`fd.<name>`, or `directional.<name>` and
  /// `fd-directional.<name>`).
  mutating func addGradient(_ name: String, _ gradient: Matrix, check: Check) {
    let out = graph.output.name
    results.set("d\(out)/d\(name)", gradient)
    let label = ReportTable.Cell.math("\\partial \(out)/\\partial \(name)")
    addCheck(name, label, gradient, check, fdPath: "fd.\(name)", directionalPath: name)
  }

  /// `jacobian.<out>/<name>` and its check (`fd-jacobian.<out>/<name>`, or the
  /// directional pair).
  mutating func addJacobian(_ name: String, _ jacobian: Matrix, check: Check) {
    let out = graph.output.name
    results.set("jacobian.\(out)/\(name)", jacobian)
    let label = ReportTable.Cell.math("\\partial \(out)/\\partial \(name)")
    addCheck(
      name, label, jacobian, check, fdPath: "fd-jacobian.\(out)/\(name)", directionalPath: "\(out)/\(name)")
  }

  private mutating func addCheck(
    _ name: String, _ label: ReportTable.Cell, _ value: Matrix, _ check: Check, fdPath: String,
    directionalPath: String
  ) {
    switch check {
    case .elementwise(let fd):
      results.set(fdPath, fd)
      rows.append([label, .matrix(value), .matrix(fd), .number(GradientComparison.relativeError(value, fd))])
    case .directional(let predicted, let estimated):
      results.set("directional.\(directionalPath)", .vector(predicted))
      results.set("fd-directional.\(directionalPath)", .vector(estimated))
      let error = GradientComparison.relativeError(Matrix(column: predicted), Matrix(column: estimated))
      rows.append([label, .matrix(value), .text("along random directions (see below)"), .number(error)])
      notes.append(
        "Finite differences element by element would take too long for '\(name)', so it is checked along "
          + "\(GraphProgram.directionCount) random directions u of ±1 entries (as PyTorch's gradcheck fast mode): "
          + "reverse mode predicts \(NumberText.brief(Matrix(column: predicted))) (directional.\(directionalPath)), "
          + "central differences give \(NumberText.brief(Matrix(column: estimated))) "
          + "(fd-directional.\(directionalPath)).")
    case .undefined(let eye):
      rows.append([label, .matrix(value), .text("not defined"), .empty])
      notes.append(
        "No finite differences for '\(name)': it reaches the size of \(eye), which must be a whole number. "
          + "Reverse mode treats that size as a constant, so nothing flows back through it.")
    }
  }

  /// Results, tables, notes and the picture, in the report's order.
  func write(to outcome: inout BlockOutcome, figureStem: String) {
    let scalar = graph.hasScalarOutput
    outcome.results = results
    for node in graph.nodes {
      outcome.results.set("value.\(node.name)", node.value)
      if scalar { outcome.results.set("adjoint.\(node.name)", node.adjoint) }
    }
    outcome.content.append(.table(forwardTable))
    if scalar {
      outcome.content.append(.table(backwardTable))
      var table = ReportTable(
        caption: "Gradients: reverse mode against central differences (ε = \(epsilon))",
        columns: ["Gradient", "Reverse mode", "Finite difference", "Relative error"], rows: rows)
      table.digits = 10
      outcome.content.append(.table(table))
    } else {
      var table = ReportTable(
        caption: "Jacobians: reverse mode against central differences (ε = \(epsilon))",
        columns: ["Jacobian", "Reverse mode", "Finite difference", "Relative error"], rows: rows)
      table.digits = 10
      outcome.content.append(.table(table))
      let out = graph.output
      outcome.content.append(
        .note(
          "The output \(out.name) is \(out.value.shapeDescription), so each table shows its Jacobian in "
            + "numerator layout: row i is element i of \(out.name) and column j element j of the input, both "
            + "counted down the columns (column-major vec order), so J[i][j] = ∂\(out.name)_i/∂input_j. "
            + "A denominator-layout answer, as some lectures write it, is the transpose of this table."))
    }
    for note in notes { outcome.content.append(.note(note)) }
    outcome.content.append(.figure(picture(stem: figureStem)))
  }

  private var forwardTable: ReportTable {
    var forward = ReportTable(
      caption: "Forward pass (topological order)", columns: ["Node", "Expression", "Value"])
    for node in graph.nodes {
      forward.rows.append([
        .code(node.name), .code(node.isInput ? "input" : node.expression), .matrix(node.value),
      ])
    }
    return forward
  }

  private var backwardTable: ReportTable {
    var backward = ReportTable(
      caption: "Backward pass (reverse order): each adjoint sums its children's contributions",
      columns: ["Node", "Adjoint ∂\(graph.output.name)/∂node", "Sum of contributions"])
    for (i, node) in graph.nodes.enumerated().reversed() {
      let sum: String
      if i == graph.outputIndex {
        sum = "1 (output)"
      } else if node.contributions.isEmpty {
        sum = "0 (does not reach the output)"
      } else {
        sum = node.contributions.map { "from \(graph.nodes[$0.child].name): \(NumberText.brief($0.value))" }
          .joined(separator: "; ")
      }
      backward.rows.append([.code(node.name), .matrix(node.adjoint), .text(sum)])
    }
    return backward
  }

  private func picture(stem: String) -> FigureRequest {
    var nodes: [GraphFigure.Node] = []
    var edges: [GraphFigure.Edge] = []
    for (i, node) in graph.nodes.enumerated() {
      var lines = [node.isInput ? "input" : node.operation, "value = \(NumberText.brief(node.value))"]
      if graph.hasScalarOutput { lines.append("adjoint = \(NumberText.brief(node.adjoint))") }
      nodes.append(
        GraphFigure.Node(
          id: "n\(i)", title: node.name, lines: lines, isInput: node.isInput, isOutput: i == graph.outputIndex
        ))
      for p in node.parents { edges.append(GraphFigure.Edge(from: "n\(p)", to: "n\(i)")) }
    }
    let caption =
      graph.hasScalarOutput
      ? "Computational graph: name, operation, value and adjoint of each node"
      : "Computational graph: name, operation and value of each node"
    return FigureRequest(
      stem: stem + "-graph", caption: caption, kind: .graph(GraphFigure(nodes: nodes, edges: edges)))
  }
}
