import NeuralNet
import Notebook

/// `model` — a network: layers, loss, optional regularizer and init.
/// Results: `parameters`. Report: the architecture table.
struct ModelBlockSpec: BlockSpec {
  let decoded: DecodedModel
  let blockSeed: UInt64?
  var expectations: [Expectation] { [] }
  var references: [Reference] { [] }

  init(_ body: SpecNode, block: BlockSource) throws {
    try body.rejectUnknownKeys(allowed: DecodedModel.keys)
    decoded = try DecodedModel(body)
    blockSeed = try body.optional("seed") { n throws(NotebookError) in try n.uint64() }
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let seed = context.seed(blockSeed: blockSeed)
    // Built now when the first dense layer says its input size, so errors
    // show here; otherwise at first use with the data's feature count (a
    // later layer's `in` is not the input size).
    let network = try decoded.spec.declaredInputSize.map {
      try decoded.build(inputSize: $0, seed: seed, budget: context.options.memory)
    }
    let definition = ModelDefinition(
      spec: decoded.spec, network: network, seed: seed, layerPositions: decoded.layerPositions,
      position: decoded.position, name: context.block.name)
    if let network {
      outcome.results.set("parameters", Double(network.parameterCount))
    }
    outcome.content.append(.table(ArchitectureTable.make(spec: decoded.spec, network: network)))
    if network == nil {
      outcome.content.append(
        .note(
          "The first dense layer does not give its input size (in), so it is taken from the data "
            + "at first use; the parameter count is known then (no 'parameters' result here)."))
    }
    return .model(definition)
  }
}

/// The architecture table: layer, shape, parameter count, init.
enum ArchitectureTable {
  static func make(spec: NetworkSpec, network: Network?) -> ReportTable {
    var table = ReportTable(caption: "Architecture", columns: ["#", "Layer", "Shape", "Parameters", "Init"])
    var dense = 0
    var width = network?.inputSize
    var total = 0
    for (i, layer) in spec.layers.enumerated() {
      switch layer {
      case .dense(let d):
        dense += 1
        let input = d.inputs ?? width
        let params = (input ?? 0) * d.outputs + (d.bias ? d.outputs : 0)
        total += params
        let shape = "\(input.map(String.init) ?? "?") → \(d.outputs)"
        let initText =
          d.weights != nil ? "explicit" : (d.initializer ?? spec.initializer).name
        table.rows.append([
          .text("\(i + 1)"), .text("dense \(dense)" + (d.bias ? "" : " (no bias)")), .text(shape),
          input == nil ? .text("?") : .number(Double(params)), .text(initText),
        ])
        width = d.outputs
      case .activation(let a):
        var params = 0
        if case .prelu = a { params = 1 }
        total += params
        table.rows.append([
          .text("\(i + 1)"), .text(a.name), .text(width.map { "\($0) → \($0)" } ?? "—"),
          .number(Double(params)), .empty,
        ])
      }
    }
    table.rows.append([
      .empty, .text("loss: \(spec.loss.name)"), .empty, network == nil ? .text("?") : .number(Double(total)),
      .empty,
    ])
    if let r = spec.regularizer {
      table.rows.append([
        .empty, .text("regularizer: \(RegularizerText.describe(r))"), .empty, .empty, .empty,
      ])
    }
    table.digits = 12
    return table
  }
}

/// Human text for a regularizer.
enum RegularizerText {
  static func describe(_ r: Regularizer) -> String {
    switch r {
    case .l2(let l): return "l2 (λ/2)·Σw², λ = \(l)"
    case .l1(let l): return "l1 λ·Σ|w|, λ = \(l)"
    }
  }
}
