import Autodiff
import Notebook
import Tensor

/// `graph` — a computational graph evaluated forward, then reverse mode node
/// by node (contract section 5).
///
/// Results: the output's value under its name, `d<out>/d<input>` per `wrt`
/// input, `value.<node>`, `adjoint.<node>`, `fd.<input>`.
struct GraphBlockSpec: BlockSpec {
  let program: GraphProgram
  let wrt: [String]
  let output: String?
  let epsilon: Double
  let expectations: [Expectation]
  var references: [Reference] { [] }
  let block: BlockSource
  /// The assignments after parameter substitution, to map error columns back.
  let assignments: GraphParameters

  init(block: BlockSource) throws {
    self.block = block
    // A line that is exactly `expect:` ends the assignments.
    let split = GraphProgram.splitExpectations(block.body)
    let assignments = GraphParameters.substitute(split.assignments, block.parameters)
    self.assignments = assignments
    do {
      program = try GraphProgram.parse(assignments.text)
    } catch {
      throw GraphBlockSpec.positioned(assignments.original(error), block)
    }
    if let yaml = split.expectations, let line = split.expectationsLine {
      let node = try SpecNode.parseYAML(
        yaml, firstLine: block.bodyStartLine + line - 1, columnOffset: block.bodyIndent
      ).substitutingParameters(block.parameters)
      expectations = try node.expectations()
    } else {
      expectations = []
    }
    var wrt: [String] = []
    var output: String?
    var epsilon = 1e-6
    for var attribute in block.attributes {
      attribute.value = ParameterText.substitute(attribute.value, block.parameters).0
      switch attribute.key {
      case "student":
        if let error = block.studentModeError { throw error }
      case "wrt":
        wrt = attribute.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in wrt where !program.inputNames.contains(name) {
          throw NotebookError(
            position: attribute.position, message: "wrt names '\(name)', which is not an input of this graph",
            hint: NameSuggestion.hint(for: name, among: program.inputNames))
        }
      case "output":
        output = attribute.value
        if !program.assignedNames.contains(attribute.value) {
          throw NotebookError(
            position: attribute.position, message: "output names '\(attribute.value)', which is not assigned",
            hint: NameSuggestion.hint(for: attribute.value, among: program.assignedNames))
        }
      case "epsilon":
        guard let e = Double(attribute.value), e > 0, e.isFinite else {
          throw NotebookError(
            position: attribute.valuePosition,
            message: "epsilon must be a positive number, got '\(attribute.value)'",
            hint: "Write e.g. epsilon=1e-6.")
        }
        epsilon = e
      default:
        throw NotebookError(
          position: attribute.position, message: "unknown graph option '\(attribute.key)'",
          hint: NameSuggestion.hint(for: attribute.key, among: ["wrt", "output", "epsilon"]))
      }
    }
    self.wrt = wrt.isEmpty ? program.inputNames : wrt
    self.output = output
    self.epsilon = epsilon
  }

  /// A graph error in notebook coordinates, the lines and columns its message
  /// cites included; line 0 means an option of the block header (`output=`,
  /// `wrt=`), reported at the fence, as is a line the body does not have
  /// ("the graph has no assignments" for an empty body).
  static func positioned(_ error: GraphError, _ block: BlockSource) -> NotebookError {
    let position =
      error.line == 0 || error.line > block.bodyLineCount
      ? SourcePosition(line: block.line, column: block.column)
      : SourcePosition(line: block.bodyStartLine + error.line - 1, column: error.column + block.bodyIndent)
    let cited = error.citing(
      line: { block.bodyStartLine + $0 - 1 }, column: { $0 + block.bodyIndent })
    return NotebookError(position: position, message: cited.message, hint: cited.hint)
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let graph: EvaluatedGraph
    do {
      graph = try program.evaluate(output: output)
    } catch {
      throw GraphBlockSpec.positioned(assignments.original(error), block)
    }
    let out = graph.nodes[graph.outputIndex]
    outcome.results.set(out.name, out.value)
    var gradientTable = ReportTable(
      caption: "Gradients: reverse mode against central differences (ε = \(epsilon))",
      columns: ["Gradient", "Reverse mode", "Finite difference", "Relative error"])
    for input in wrt {
      guard let g = graph.gradient(wrt: input) else { continue }
      let fd: Matrix
      do {
        fd = try program.finiteDifference(wrt: input, output: output, epsilon: epsilon)
      } catch {
        throw GraphBlockSpec.positioned(assignments.original(error), block)
      }
      outcome.results.set("d\(out.name)/d\(input)", g)
      outcome.results.set("fd.\(input)", fd)
      gradientTable.rows.append([
        .math("\\partial \(out.name)/\\partial \(input)"), .matrix(g), .matrix(fd),
        .number(GradientComparison.relativeError(g, fd)),
      ])
    }
    for node in graph.nodes {
      outcome.results.set("value.\(node.name)", node.value)
      outcome.results.set("adjoint.\(node.name)", node.adjoint)
    }

    var forward = ReportTable(
      caption: "Forward pass (topological order)", columns: ["Node", "Expression", "Value"])
    for node in graph.nodes {
      forward.rows.append([
        .code(node.name), .code(node.isInput ? "input" : node.expression), .matrix(node.value),
      ])
    }
    var backward = ReportTable(
      caption: "Backward pass (reverse order): each adjoint sums its children's contributions",
      columns: ["Node", "Adjoint ∂\(out.name)/∂node", "Sum of contributions"])
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
    gradientTable.digits = 10
    outcome.content.append(.table(forward))
    outcome.content.append(.table(backward))
    outcome.content.append(.table(gradientTable))
    outcome.content.append(.figure(picture(graph, stem: context.figurePrefix)))
    return .none
  }

  private func picture(_ graph: EvaluatedGraph, stem: String) -> FigureRequest {
    var nodes: [GraphFigure.Node] = []
    var edges: [GraphFigure.Edge] = []
    for (i, node) in graph.nodes.enumerated() {
      nodes.append(
        GraphFigure.Node(
          id: "n\(i)", title: node.name,
          lines: [
            node.isInput ? "input" : node.operation, "value = \(NumberText.brief(node.value))",
            "adjoint = \(NumberText.brief(node.adjoint))",
          ], isInput: node.isInput, isOutput: i == graph.outputIndex))
      for p in node.parents { edges.append(GraphFigure.Edge(from: "n\(p)", to: "n\(i)")) }
    }
    return FigureRequest(
      stem: stem + "-graph", caption: "Computational graph: name, operation, value and adjoint of each node",
      kind: .graph(GraphFigure(nodes: nodes, edges: edges)))
  }
}
