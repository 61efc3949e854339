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
  /// The files the block will read, resolved and digested, for its cache key
  /// (empty for blocks that read no file). Never throws: a path that cannot
  /// be resolved is listed with a nil digest and `run` reports the error.
  func inputFiles(context: BlockContext) -> [InputFile]
}

extension BlockSpec {
  var redefines: String? { nil }
  func inputFiles(context: BlockContext) -> [InputFile] { [] }
}

/// A decoded block, its `timeout:` (seconds), which any YAML block may set, and its `printed:`
/// values (contract section 10), which any block that may carry `expect:` may set.
struct ParsedBlock {
  var spec: any BlockSpec
  var timeout: Double?
  var printed = PrintedValues()
}

/// Decoding of block bodies by kind.
enum BlockSpecs {
  static func parse(_ block: BlockSource, kind: BlockKind) throws -> any BlockSpec {
    try parseWithOptions(block, kind: kind).spec
  }

  static func parseWithOptions(_ block: BlockSource, kind: BlockKind) throws -> ParsedBlock {
    if kind == .graph {
      let graph = try GraphBlockSpec(block: block)
      return ParsedBlock(spec: graph, timeout: graph.timeout, printed: try graphPrinted(block))
    }
    return try decodeCollecting(try SpecNode.parseBody(block), block: block, kind: kind)
  }

  /// Decodes a YAML block body (every kind but `graph`) once; throws at the first problem.
  static func decode(_ body: SpecNode, block: BlockSource, kind: BlockKind) throws -> ParsedBlock {
    var body = body
    let printed = try takePrinted(&body, kind: kind)
    var timeout: Double?
    if let t = body["timeout"] {
      let seconds = try t.double()
      guard seconds > 0, seconds.isFinite else {
        throw NotebookError(position: t.position, message: "timeout is a positive number of seconds")
      }
      timeout = seconds
      body = SpecNode.mapping(body.entries().filter { $0.key != "timeout" }, at: body.position)
    }
    body = try StudentOption.strip(body, block: block)
    let spec: any BlockSpec
    switch kind {
    case .data: spec = try DataBlockSpec(body, block: block)
    case .model: spec = try ModelBlockSpec(body, block: block)
    case .step: spec = try StepBlockSpec(body, block: block)
    case .gradcheck: spec = try GradcheckBlockSpec(body, block: block)
    case .train: spec = try TrainBlockSpec(body, block: block)
    case .compare: spec = try CompareBlockSpec(body, block: block)
    case .graph: spec = try GraphBlockSpec(block: block)
    }
    return ParsedBlock(spec: spec, timeout: timeout, printed: printed)
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
