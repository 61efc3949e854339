import Autodiff
import Notebook
import Tensor

/// `graph` — a computational graph evaluated forward, then reverse mode node
/// by node (contract section 5).
///
/// Results of a scalar output: its value under its name, `d<out>/d<name>` per
/// `wrt` name (an input or any node), `value.<node>`, `adjoint.<node>`, `fd.<name>`
/// (or, when element-by-element differences cost too much, `directional.<name>` and
/// `fd-directional.<name>`). A vector or matrix output: its value, `value.<node>`,
/// `jacobian.<out>/<name>` and `fd-jacobian.<out>/<name>` (``GraphReport``).
struct GraphBlockSpec: BlockSpec {
  let program: GraphProgram
  let wrt: [String]
  let output: String?
  let epsilon: Double
  /// The block's `timeout` (seconds), from the header or the YAML tail.
  let timeout: Double?
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
    var timeout: Double?
    if let yaml = split.expectations, let line = split.expectationsLine {
      let node = try SpecNode.parseYAML(
        yaml, firstLine: block.bodyStartLine + line - 1, columnOffset: block.bodyIndent
      ).substitutingParameters(block.parameters)
      expectations = try node.expectations()
      if let t = node["timeout"] { timeout = try GraphBlockSpec.seconds(t.double(), at: t.position) }
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
        for name in wrt where !program.nodeNames.contains(name) {
          throw NotebookError(
            position: attribute.position, message: "wrt names '\(name)', which is not a node of this graph",
            hint: NameSuggestion.hint(for: name, among: program.nodeNames))
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
      case "timeout":
        // The YAML tail wins over the header, as a body wins over the header elsewhere.
        let seconds = try GraphBlockSpec.seconds(Double(attribute.value) ?? .nan, at: attribute.valuePosition)
        if timeout == nil { timeout = seconds }
      default:
        throw NotebookError(
          position: attribute.position, message: "unknown graph option '\(attribute.key)'",
          hint: NameSuggestion.hint(for: attribute.key, among: ["wrt", "output", "epsilon", "timeout"]))
      }
    }
    self.wrt = wrt.isEmpty ? program.inputNames : wrt
    self.output = output
    self.epsilon = epsilon
    self.timeout = timeout
  }

  /// A timeout in seconds, or the error every block gives for a bad one.
  private static func seconds(_ value: Double, at position: SourcePosition) throws(NotebookError) -> Double {
    guard value > 0, value.isFinite else {
      throw NotebookError(position: position, message: "timeout is a positive number of seconds")
    }
    return value
  }

  /// A graph error in notebook coordinates, the lines and columns its message
  /// cites included; line 0 means an option of the block header (`output=`,
  /// `wrt=`), reported at the fence, as is a line the body does not have
  /// ("the graph has no assignments" for an empty body).
  static func positioned(_ error: GraphError, _ block: BlockSource, _ context: BlockContext? = nil)
    -> NotebookError
  {
    let position =
      error.line == 0 || error.line > block.bodyLineCount
      ? SourcePosition(line: block.line, column: block.column)
      : SourcePosition(line: block.bodyStartLine + error.line - 1, column: error.column + block.bodyIndent)
    switch error.limit {
    case .time(let doing):
      return NotebookError(
        position: position,
        message:
          "stopped after the block's timeout of \(NumberText.short(context?.timeout ?? 0)) s while \(doing)",
        hint: "Raise timeout:, or make the matrices smaller.")
    case .memory(let bytes, let what):
      return NotebookError(
        position: position,
        message: "\(what) would need about \(MemoryBudget.text(bytes)), more than the memory limit of "
          + MemoryBudget.text(Double(context?.options.memory.limit ?? MemoryBudget.defaultLimit)),
        hint: "Make the matrices smaller, or raise the limit with --memory-limit (e.g. --memory-limit 16G).")
    case nil:
      let cited = error.citing(
        line: { block.bodyStartLine + $0 - 1 }, column: { $0 + block.bodyIndent })
      return NotebookError(position: position, message: cited.message, hint: cited.hint)
    }
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let limits = GraphLimits(deadline: context.deadline, memoryBytes: Double(context.options.memory.limit))
    do {
      let graph = try program.evaluate(output: output, limits: limits)
      var report = GraphReport(graph: graph, epsilon: epsilon)
      if graph.hasScalarOutput {
        try gradients(graph, limits, &report)
      } else {
        try jacobians(graph, limits, &report)
      }
      report.write(to: &outcome, figureStem: context.figurePrefix)
    } catch let error as GraphError {
      throw GraphBlockSpec.positioned(assignments.original(error), block, context)
    }
    return .none
  }

  /// Reverse-mode gradients of a 1×1 output beside finite differences, per `wrt` name.
  private func gradients(_ graph: EvaluatedGraph, _ limits: GraphLimits, _ report: inout GraphReport) throws {
    for name in wrt {
      guard let g = graph.gradient(wrt: name) else { continue }
      if let eye = program.integerArgument(reachedFrom: name) {
        report.addGradient(name, g, check: .undefined(reason: eye))
        continue
      }
      switch try program.finiteDifferenceMode(wrt: name, output: output, limits: limits) {
      case .elementwise:
        let fd = try program.finiteDifference(wrt: name, output: output, epsilon: epsilon, limits: limits)
        report.addGradient(name, g, check: .elementwise(fd))
      case .directional(let count):
        let (directions, estimates) = try program.directionalDifferences(
          wrt: name, output: output, epsilon: epsilon, count: count, limits: limits)
        let predicted = directions.map { ($0 * g).sum() }
        report.addGradient(
          name, g, check: .directional(predicted: predicted, estimated: estimates.map { $0.storage[0] }))
      }
    }
  }

  /// Jacobians of a vector or matrix output beside finite differences, per `wrt` name.
  private func jacobians(_ graph: EvaluatedGraph, _ limits: GraphLimits, _ report: inout GraphReport) throws {
    let jacobians = try program.jacobians(output: output, wrt: wrt, limits: limits)
    for (name, jacobian) in zip(wrt, jacobians) {
      if let eye = program.integerArgument(reachedFrom: name) {
        report.addJacobian(name, jacobian, check: .undefined(reason: eye))
        continue
      }
      switch try program.finiteDifferenceMode(wrt: name, output: output, limits: limits) {
      case .elementwise:
        let fd = try program.finiteDifferenceJacobian(
          wrt: name, output: output, epsilon: epsilon, limits: limits)
        report.addJacobian(name, jacobian, check: .elementwise(fd))
      case .directional(let count):
        let (directions, estimates) = try program.directionalDifferences(
          wrt: name, output: output, epsilon: epsilon, count: count, limits: limits)
        let predicted = directions.flatMap { jacobian.matmul(Matrix(column: $0.columnMajor)).storage }
        report.addJacobian(
          name, jacobian,
          check: .directional(predicted: predicted, estimated: estimates.flatMap(\.columnMajor)))
      }
    }
  }
}
