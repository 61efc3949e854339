import Notebook

/// A decoded, validated block body that can run.
protocol BlockSpec: Sendable {
  /// Checks from `expect:`, evaluated after a successful run.
  var expectations: [Expectation] { get }
  /// The `data`, `model` and `train` blocks this block names.
  var references: [Reference] { get }
  /// A model name this block redefines for the blocks below (`apply: true`).
  var redefines: String? { get }
  /// Runs the block: fills `outcome.results` and `outcome.content` and returns
  /// what the block defines.
  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition
}

extension BlockSpec {
  var redefines: String? { nil }
}

/// Decoding of block bodies by kind.
enum BlockSpecs {
  static func parse(_ block: BlockSource, kind: BlockKind) throws -> any BlockSpec {
    switch kind {
    case .graph:
      return try GraphBlockSpec(block: block)
    default:
      let body = try SpecNode.parseBody(block)
      switch kind {
      case .data: return try DataBlockSpec(body, block: block)
      case .model: return try ModelBlockSpec(body, block: block)
      case .step: return try StepBlockSpec(body, block: block)
      case .gradcheck: return try GradcheckBlockSpec(body, block: block)
      case .train: return try TrainBlockSpec(body, block: block)
      case .compare: return try CompareBlockSpec(body, block: block)
      case .graph: throw NotebookError(position: body.position, message: "unreachable")
      }
    }
  }
}

extension SpecNode {
  /// The `expect:` mapping of a body, parsed; empty when absent.
  func expectations() throws(NotebookError) -> [Expectation] {
    guard let node = self["expect"] else { return [] }
    return try Expectations.parse(node)
  }

  /// An optional scalar read with `read`, nil when the key is absent.
  func optional<T>(_ key: String, _ read: (SpecNode) throws(NotebookError) -> T) throws(NotebookError) -> T? {
    guard let node = self[key], !node.isNull else { return nil }
    return try read(node)
  }
}
