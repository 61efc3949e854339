import NeuralNet
import Notebook
import Tensor

/// `step` — one forward and backward pass, shown as the lectures do.
///
/// Results: `loss`, `output`, `forward.z1`, `forward.a1`, …, `backward.da1`,
/// `backward.dz1`, …, `grad.W1`, `grad.b1`, …, `new.W1`, … (with a learning
/// rate), `grad.x` (∂L/∂input, the input's shape), `kinks`. Dense layers are numbered from 1; `z_k` is dense layer k's
/// output and `a_k` the output of the activations that follow it (`a_k = z_k`
/// when none does).
struct StepBlockSpec: BlockSpec {
  let model: ModelSource
  let input: SpecNode
  let target: SpecNode
  let learningRate: Double?
  let show: Set<String>
  let apply: Bool
  let expectations: [Expectation]

  static let keys = ["model", "input", "target", "learning-rate", "show", "apply", "expect", "seed"]
  static let sections = ["forward", "backward", "update"]

  init(_ body: SpecNode, block: BlockSource) throws {
    try body.rejectUnknownKeys(allowed: StepBlockSpec.keys) { ResultPathKeys.isResultPath($0, of: .step) }
    model = try ModelSource(try body.require("model"))
    input = try body.require("input")
    target = try body.require("target")
    learningRate = try body.optional("learning-rate") { n throws(NotebookError) in try n.double() }
    if let s = body["show"] {
      var set = Set<String>()
      for item in try s.list() {
        let name = try item.string()
        guard StepBlockSpec.sections.contains(name) else {
          throw NotebookError(
            position: item.position, message: "unknown section '\(name)' in show",
            hint: NameSuggestion.hint(for: name, among: StepBlockSpec.sections))
        }
        set.insert(name)
      }
      show = set
    } else {
      show = Set(StepBlockSpec.sections)
    }
    apply = try body.optional("apply") { n throws(NotebookError) in try n.bool() } ?? false
    if apply && learningRate == nil {
      let at = body.entries().first { $0.key == "apply" }?.keyPosition ?? body.position
      throw NotebookError(
        position: at, message: "apply: true needs a learning-rate",
        hint: "Add learning-rate: 0.1, or drop apply: true.")
    }
    expectations = try body.expectations()
  }

  var references: [Reference] { model.reference.map { [$0] } ?? [] }
  var redefines: String? { apply ? model.reference?.name : nil }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    var definition = try model.definition(workspace: workspace, context: context)
    let x = try SampleDecoding.inputs(input, features: definition.knownInputSize)
    let network = try definition.network(
      inputSize: x.cols, at: input.position, budget: context.options.memory, rows: x.rows)
    let t = try SampleDecoding.targets(target, samples: x.rows, outputs: network.outputSize)
    let pass = network.forward(x)
    let back = try positioned(target.position) { () throws(NeuralNetError) in
      try network.backward(pass, target: t)
    }
    let stages = StepStages(network: network, pass: pass, backward: back)
    let single = x.rows == 1

    outcome.results.set("loss", back.loss)
    outcome.results.set("output", pass.output, shape: .list)
    for s in stages.stages {
      outcome.results.set("forward.z\(s.index)", s.z, shape: .list)
      if let a = s.a { outcome.results.set("forward.a\(s.index)", a, shape: .list) }
    }
    for s in stages.stages.reversed() {
      if s.a != nil { outcome.results.set("backward.da\(s.index)", s.dA, shape: .list) }
      outcome.results.set("backward.dz\(s.index)", s.dZ, shape: .list)
    }
    for name in network.parameterNames {
      if let g = back.parameterGradients[name] {
        outcome.results.set("grad.\(name)", g, shape: StepStages.shape(ofParameter: name))
      }
    }
    outcome.results.set("grad.x", try StepStages.inputGradient(back.inputGradient, writtenAs: input))
    var updated = network
    if let lr = learningRate {
      for name in network.parameterNames {
        guard let p = network.parameter(name), let g = back.parameterGradients[name] else { continue }
        var q = p
        q.addScaled(g, -lr)
        try? updated.setParameter(name, q)
        outcome.results.set("new.\(name)", q, shape: StepStages.shape(ofParameter: name))
      }
    }
    outcome.results.set("kinks", Double(back.kinks))

    if show.contains("forward") {
      outcome.content.append(.table(stages.forwardTable(single: single, input: x, loss: back)))
    }
    if show.contains("backward") {
      outcome.content.append(
        .table(stages.backwardTable(single: single, gradients: back, names: network.parameterNames)))
    }
    if show.contains("update"), let lr = learningRate {
      outcome.content.append(.table(updateTable(network, back, lr, single: single)))
    }
    if back.kinks > 0 {
      outcome.content.append(
        .note("\(back.kinks) element(s) sat exactly at a kink; the documented subgradient was used."))
    }
    if apply {
      definition.network = updated
      return .model(definition)
    }
    return .none
  }

  private func updateTable(_ network: Network, _ back: BackwardPass, _ lr: Double, single: Bool)
    -> ReportTable
  {
    var table = ReportTable(
      caption: "Update with learning rate α = \(lr): θ ← θ − α·∂L/∂θ",
      columns: ["Parameter", "Before", "∂L/∂θ", "After"])
    for name in network.parameterNames {
      guard let p = network.parameter(name), let g = back.parameterGradients[name] else { continue }
      var q = p
      q.addScaled(g, -lr)
      // Weights keep their out × in shape; biases show as columns.
      let asColumn = { (m: Matrix) in
        name.hasPrefix("b") ? StepStages.display(m, single: true, isBias: true) : m
      }
      table.rows.append([
        .math(StepStages.tex(name)), .matrix(asColumn(p)), .matrix(asColumn(g)), .matrix(asColumn(q)),
      ])
    }
    return table
  }
}

/// The per-dense-layer view of a pass: z_k, a_k and their gradients.
struct StepStages {
  struct Stage {
    var index: Int
    var activation: String?
    var z: Matrix
    var a: Matrix?
    var dZ: Matrix
    var dA: Matrix
  }
  var stages: [Stage] = []

  init(network: Network, pass: ForwardPass, backward: BackwardPass) {
    var k = 0
    for (i, layer) in network.layers.enumerated() {
      switch layer {
      case .dense:
        k += 1
        stages.append(
          Stage(
            index: k, activation: nil, z: pass.layerOutputs[i], a: nil, dZ: backward.outputGradients[i],
            dA: backward.outputGradients[i]))
      case .activation(let act):
        if stages.isEmpty {
          // Activation before any dense layer: shown as layer 0's output.
          stages.append(
            Stage(
              index: 0, activation: nil, z: pass.input, a: nil, dZ: backward.inputGradient,
              dA: backward.inputGradient))
        }
        let last = stages.count - 1
        let name = stages[last].activation.map { $0 + " ∘ " } ?? ""
        stages[last].activation = name + act.activation.name
        stages[last].a = pass.layerOutputs[i]
        stages[last].dA = backward.outputGradients[i]
      }
    }
  }

  /// How a parameter (or its gradient, update, trained value) keeps its shape
  /// in results: a weight `W…` is an out × in matrix (1×1 too), a bias `b…` a
  /// flat list (one element too), a PReLU `alpha…` a scalar.
  static func shape(ofParameter name: String) -> ResultValue.Shape {
    if name.hasPrefix("W") { return .matrix }
    if name.hasPrefix("b") { return .list }
    return .scalar
  }

  /// ∂L/∂x (N×features) with the shape the input was written in: a number
  /// gives a number, a flat list a flat list (one sample, or one single-feature
  /// sample per entry), a list of lists rows.
  static func inputGradient(_ g: Matrix, writtenAs input: SpecNode) throws -> ResultValue {
    switch try input.numericValue() {
    case .scalar: return ResultValue(g, shape: .scalar)
    case .vector: return .vector(g.storage)
    case .matrix: return ResultValue(g, shape: .matrix)
    }
  }

  /// Parameter names as TeX: `W1` → `W^{[1]}`.
  static func tex(_ name: String) -> String {
    let letters = name.prefix { $0.isLetter }
    let digits = name.dropFirst(letters.count)
    let base = letters == "alpha" ? "\\alpha" : String(letters)
    return digits.isEmpty ? base : "\(base)^{[\(digits)]}"
  }

  /// A single sample's activations are shown as column vectors, as in the
  /// lectures; a batch keeps one row per sample. Biases show as columns.
  static func display(_ m: Matrix, single: Bool, isBias: Bool = false) -> Matrix {
    if (single || isBias) && m.rows == 1 && m.cols > 1 { return m.transposed }
    return m
  }

  func forwardTable(single: Bool, input: Matrix, loss: BackwardPass) -> ReportTable {
    var table = ReportTable(
      caption: single ? "Forward pass" : "Forward pass (one row per sample)",
      columns: ["Layer", "Quantity", "Value"])
    table.rows.append([.text("input"), .math("x"), .matrix(StepStages.display(input, single: single))])
    for s in stages {
      if s.index > 0 {
        table.rows.append([
          .text("\(s.index)"), .math(zFormula(s.index)),
          .matrix(StepStages.display(s.z, single: single)),
        ])
      }
      if let a = s.a, let act = s.activation {
        table.rows.append([
          .text("\(s.index)"), .math("a^{[\(s.index)]} = \\text{\(act)}(z^{[\(s.index)]})"),
          .matrix(StepStages.display(a, single: single)),
        ])
      }
    }
    table.rows.append([.text("loss"), .math("L"), .number(loss.loss)])
    if loss.regularizationLoss != 0 {
      table.rows.append([.text("data loss"), .math("L_{data}"), .number(loss.dataLoss)])
      table.rows.append([.text("regularizer"), .math("R"), .number(loss.regularizationLoss)])
    }
    return table
  }

  /// `z^{[k]} = W^{[k]}a^{[k-1]} + b^{[k]}` with `x` for the first layer.
  private func zFormula(_ k: Int) -> String {
    let previous = k == 1 ? "x" : "a^{[\(k - 1)]}"
    return "z^{[\(k)]} = W^{[\(k)]}\(previous) + b^{[\(k)]}"
  }

  func backwardTable(single: Bool, gradients: BackwardPass, names: [String]) -> ReportTable {
    var table = ReportTable(
      caption: "Backward pass (output to input)", columns: ["Layer", "Quantity", "Value"])
    for s in stages.reversed() where s.index > 0 {
      let k = s.index
      if s.a != nil {
        table.rows.append([
          .text("\(k)"), .math("\\partial L/\\partial a^{[\(k)]}"),
          .matrix(StepStages.display(s.dA, single: single)),
        ])
      }
      table.rows.append([
        .text("\(k)"), .math("\\partial L/\\partial z^{[\(k)]}"),
        .matrix(StepStages.display(s.dZ, single: single)),
      ])
      if let g = gradients.parameterGradients["W\(k)"] {
        table.rows.append([.text("\(k)"), .math("\\partial L/\\partial W^{[\(k)]}"), .matrix(g)])
      }
      if let g = gradients.parameterGradients["b\(k)"] {
        table.rows.append([
          .text("\(k)"), .math("\\partial L/\\partial b^{[\(k)]}"),
          .matrix(StepStages.display(g, single: single, isBias: true)),
        ])
      }
    }
    for name in names where name.hasPrefix("alpha") {
      if let g = gradients.parameterGradients[name] {
        table.rows.append([
          .text("prelu"), .math("\\partial L/\\partial \(StepStages.tex(name))"), .matrix(g),
        ])
      }
    }
    table.rows.append([
      .text("input"), .math("\\partial L/\\partial x"),
      .matrix(StepStages.display(gradients.inputGradient, single: single)),
    ])
    return table
  }
}
