import Datasets
import NeuralNet
import Notebook
import Tensor

/// `gradcheck` — backprop gradients against central differences, per
/// parameter tensor (contract section 6). Results: `max-relative-error`,
/// `rel.W1`, `rel.b1`, …, `abs.W1`, …, `passed`.
struct GradcheckBlockSpec: BlockSpec {
  let model: ModelSource
  let data: Reference?
  let input: SpecNode?
  let target: SpecNode?
  let samples: Int
  let epsilon: Double
  let tolerance: Double
  let blockSeed: UInt64?
  let expectations: [Expectation]

  static let keys = ["model", "data", "input", "target", "samples", "epsilon", "tolerance", "seed", "expect"]

  init(_ body: SpecNode, block: BlockSource) throws {
    try body.rejectUnknownKeys(allowed: GradcheckBlockSpec.keys) {
      ResultPathKeys.isResultPath($0, of: .gradcheck)
    }
    model = try ModelSource(try body.require("model"))
    if let d = body["data"] {
      data = Reference(name: try d.string(), kind: .data, position: d.position)
      input = nil
      target = nil
    } else {
      guard let i = body["input"], let t = body["target"] else {
        throw NotebookError(
          position: body.position, message: "gradcheck needs 'data', or 'input' and 'target'")
      }
      data = nil
      input = i
      target = t
    }
    samples = try body.optional("samples") { n throws(NotebookError) in try n.int() } ?? 8
    epsilon = try GradcheckBlockSpec.positive(body, "epsilon", example: "1e-6") ?? 1e-6
    tolerance = try GradcheckBlockSpec.positive(body, "tolerance", example: "1e-6") ?? 1e-6
    blockSeed = try body.optional("seed") { n throws(NotebookError) in try n.uint64() }
    expectations = try body.expectations()
  }

  /// The optional value of `key`: a finite number > 0, else an error at the value.
  static func positive(_ body: SpecNode, _ key: String, example: String) throws(NotebookError) -> Double? {
    try body.optional(key) { n throws(NotebookError) in
      let x = try n.double()
      guard x > 0, x.isFinite else {
        throw n.error(
          "\(key) must be a positive number, got \(n.describedValue)", hint: "Write e.g. \(key): \(example).")
      }
      return x
    }
  }

  var references: [Reference] { [model.reference, data].compactMap { $0 } }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    let definition = try model.definition(workspace: workspace, context: context)
    let x: Matrix
    let t: Matrix
    if let data {
      let split = try workspace.data(data)
      var rng = RandomSource(seed: context.seed(blockSeed: blockSeed))
      let n = min(samples, split.train.count)
      let chosen = Array(rng.permutation(split.train.count).prefix(n)).sorted()
      x = split.train.features.rows(at: chosen)
      t = split.train.targets.rows(at: chosen)
    } else if let input, let target {
      x = try SampleDecoding.inputs(input, features: definition.knownInputSize)
      let outputs = try definition.network(inputSize: x.cols, at: input.position).outputSize
      t = try SampleDecoding.targets(target, samples: x.rows, outputs: outputs)
    } else {
      throw NotebookError(position: context.position, message: "gradcheck needs data")
    }
    let network = try definition.network(
      inputSize: x.cols, at: data?.position ?? context.position, budget: context.options.memory, rows: x.rows,
      source: data.map { "data '\($0.name)'" } ?? "the input")
    let checks = try positioned(context.position) { () throws(NeuralNetError) in
      try GradientCheck.run(network: network, input: x, target: t, epsilon: epsilon, tolerance: tolerance)
    }
    var table = ReportTable(
      caption:
        "Backprop against central differences (ε = \(epsilon), \(x.rows) sample(s), tolerance \(tolerance))",
      columns: ["Tensor", "Max |a − n|", "Relative error ‖a−n‖/(‖a‖+‖n‖)", "Pass"])
    var worst = 0.0
    for c in checks {
      outcome.results.set("rel.\(c.name)", c.relativeError)
      outcome.results.set("abs.\(c.name)", c.maxAbsoluteDifference)
      worst = max(worst, c.relativeError)
      table.rows.append([
        .math(StepStages.tex(c.name)), .number(c.maxAbsoluteDifference), .number(c.relativeError),
        .verdict(c.passed),
      ])
    }
    outcome.results.set("max-relative-error", worst)
    outcome.results.set("passed", .bool(checks.allSatisfy(\.passed)))
    table.digits = 3
    outcome.content.append(.table(table))
    return .none
  }
}
