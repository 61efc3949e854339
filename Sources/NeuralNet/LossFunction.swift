import Tensor

/// How per-element (or per-sample) losses are combined.
public enum Reduction: String, Hashable, Sendable {
  /// The average: over samples × outputs for element-wise losses (PyTorch),
  /// over samples for `cross-entropy`.
  case mean
  /// The plain sum.
  case sum
}

/// The loss functions of the contract.
public enum LossKind: String, Hashable, Sendable, CaseIterable {
  /// (y − t)² per element.
  case mse
  /// `mse` with `reduction: sum`.
  case sse
  /// Binary cross-entropy on probabilities, logs clamped at −100 (PyTorch).
  case bce
  /// Binary cross-entropy on raw logits, stable form.
  case bceLogits = "bce-logits"
  /// max(0, 1 − t·y), targets ±1.
  case hinge
  /// max(0, 1 − t·y)², targets ±1.
  case squaredHinge = "squared-hinge"
  /// Softmax cross-entropy fused on raw logits.
  case crossEntropy = "cross-entropy"
}

/// A loss layer: a kind, a positive `scale` that multiplies the loss, and a
/// reduction. L = scale · reduce(ℓ) where ℓ is the per-element loss (per-row
/// for cross-entropy). Its backward is ∂L/∂output (criteria A of the loss layer).
public struct LossFunction: Hashable, Sendable {
  /// Which loss.
  public var kind: LossKind
  /// The factor multiplying the loss (and its gradient).
  public var scale: Double
  /// Mean or sum.
  public var reduction: Reduction

  /// A loss; `sse` always sums (it is `mse` with `reduction: sum`).
  public init(kind: LossKind, scale: Double = 1, reduction: Reduction = .mean) {
    self.kind = kind
    self.scale = scale
    self.reduction = kind == .sse ? .sum : reduction
  }

  /// The names `parse` accepts.
  public static let names = LossKind.allCases.map(\.rawValue)

  /// Other spellings accepted.
  static let aliases: [String: String] = [
    "binary-cross-entropy": "bce", "bce-with-logits": "bce-logits", "ce": "cross-entropy",
    "crossentropy": "cross-entropy", "softmax-cross-entropy": "cross-entropy",
    "categorical-cross-entropy": "cross-entropy", "squaredhinge": "squared-hinge",
  ]

  /// Reads a loss name with options, as in `loss: {mse: {scale: 0.5, reduction: sum}}`:
  /// `name` is `mse`, `sse`, `bce`, `bce-logits`, `hinge`, `squared-hinge` or
  /// `cross-entropy` (case-insensitive), `options` may hold `scale` (a
  /// positive number, default 1) and `reduction` (`mean`, the default, or `sum`).
  /// - Throws: unknown name or option (with a hint), bad values, `sse` with
  ///   `reduction: mean`. `key` is `"loss"`.
  public static func parse(name: String, options: [String: String]) throws(NeuralNetError) -> LossFunction {
    let normalized = CallSyntax.normalize(name)
    guard let kind = LossKind(rawValue: aliases[normalized] ?? normalized) else {
      throw NeuralNetError(
        "unknown loss '\(name)'",
        hint: NameCategory.crossHint(for: name, expected: .loss)
          ?? NameSuggestion.hint(for: normalized, among: names), key: "loss")
    }
    var scale = 1.0
    var reduction: Reduction?
    for (key, value) in options.sorted(by: { $0.key < $1.key }) {
      switch CallSyntax.normalize(key) {
      case "scale":
        scale = try CallSyntax.number(value, what: "loss scale", key: "loss")
        guard scale > 0 else {
          throw NeuralNetError("loss scale must be > 0, not \(formatNumber(scale))", key: "loss")
        }
      case "reduction":
        guard let r = Reduction(rawValue: CallSyntax.normalize(value)) else {
          throw NeuralNetError(
            "unknown reduction '\(value)'", hint: "Write reduction: mean or reduction: sum.", key: "loss")
        }
        reduction = r
      default:
        throw NeuralNetError(
          "unknown loss option '\(key)'", hint: NameSuggestion.hint(for: key, among: ["scale", "reduction"]),
          key: "loss")
      }
    }
    if kind == .sse && reduction == .mean {
      throw NeuralNetError("sse always sums", hint: "Use mse for the mean.", key: "loss")
    }
    return LossFunction(kind: kind, scale: scale, reduction: reduction ?? .mean)
  }

  /// Reads the one-line form: `mse`, `mse(scale=0.5, reduction=sum)`.
  /// - Throws: as `parse(name:options:)`.
  public static func parse(_ text: String) throws(NeuralNetError) -> LossFunction {
    let call = try CallSyntax.parse(text, what: "loss", key: "loss")
    var options: [String: String] = [:]
    for argument in call.arguments {
      guard let k = argument.key else {
        throw NeuralNetError(
          "loss options need names in '\(text)'", hint: "Write e.g. mse(scale=0.5, reduction=sum).",
          key: "loss")
      }
      options[k] = argument.value
    }
    return try parse(name: call.name, options: options)
  }

  /// The canonical name: the kind, with non-default options in parentheses,
  /// e.g. `mse`, `mse(scale=0.5, reduction=sum)`, `sse`.
  public var name: String {
    var options: [String] = []
    if scale != 1 { options.append("scale=\(formatNumber(scale))") }
    if reduction == .sum && kind != .sse { options.append("reduction=sum") }
    return options.isEmpty ? kind.rawValue : "\(kind.rawValue)(\(options.joined(separator: ", ")))"
  }

  /// True for losses whose output is read as a class decision (everything but mse/sse).
  public var isClassification: Bool { kind != .mse && kind != .sse }
}

/// The loss of a batch and its gradient with respect to the output.
public struct LossEvaluation: Sendable {
  /// L, reduced and scaled.
  public var loss: Double
  /// ∂L/∂output, the output's shape.
  public var gradient: Matrix
  /// Elements exactly at a kink of the loss (hinge margin exactly 1).
  public var kinks: Int

  /// A loss value, its gradient and kink count.
  public init(loss: Double, gradient: Matrix, kinks: Int) {
    self.loss = loss
    self.gradient = gradient
    self.kinks = kinks
  }
}
