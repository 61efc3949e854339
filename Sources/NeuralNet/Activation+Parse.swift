import Tensor

/// Reading activation names as a user writes them.
extension Activation {
  /// Other spellings accepted for the canonical names.
  static let aliases: [String: String] = [
    "linear": "identity", "none": "identity", "logistic": "sigmoid", "leakyrelu": "leaky-relu",
    "lrelu": "leaky-relu",
  ]

  /// Reads `relu`, `leaky-relu`, `leaky-relu(0.1)`, `leaky-relu(slope=0.1)`,
  /// `prelu(alpha=0.25)`, `elu(1)`, `elu(alpha=1)`, … (case-insensitive, `_` as
  /// `-`). Defaults: leaky slope 0.01, PReLU alpha 0.25, ELU alpha 1.
  /// - Throws: an unknown name (with a "Did you mean …?" hint), an unknown or
  ///   non-numeric parameter, a parameter on a function that takes none.
  public static func parse(_ text: String) throws(NeuralNetError) -> Activation {
    let call = try CallSyntax.parse(text, what: "activation", key: nil)
    let name = aliases[call.name] ?? call.name
    switch name {
    case "sigmoid", "tanh", "relu", "gelu", "softplus", "identity", "softmax":
      _ = try call.bind([], key: nil)
      switch name {
      case "sigmoid": return .sigmoid
      case "tanh": return .tanh
      case "relu": return .relu
      case "gelu": return .gelu
      case "softplus": return .softplus
      case "identity": return .identity
      default: return .softmax
      }
    case "leaky-relu":
      let v = try call.numbers([("slope", defaultLeakySlope)], key: nil)
      return .leakyReLU(slope: v[0])
    case "prelu":
      let v = try call.numbers([("alpha", defaultPReLUAlpha)], key: nil)
      return .prelu(alpha: v[0])
    case "elu":
      let v = try call.numbers([("alpha", defaultELUAlpha)], key: nil)
      return .elu(alpha: v[0])
    default:
      throw unknown(
        String(text.trimmingCharacters(in: .whitespaces).prefix { $0 != "(" }), normalized: call.name)
    }
  }

  /// Reads the mapping form of a layer item, e.g. `- prelu: {alpha: 0.1}`:
  /// the same as `parse("prelu(alpha=0.1)")`, options in key order. An
  /// unknown `name` is reported as written, without the options.
  /// - Throws: as `parse(_:)`.
  public static func parse(name: String, options: [String: String]) throws(NeuralNetError) -> Activation {
    let normalized = CallSyntax.normalize(name)
    guard names.contains(aliases[normalized] ?? normalized) else {
      throw unknown(name, normalized: normalized)
    }
    guard !options.isEmpty else { return try parse(name) }
    let arguments = options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return try parse("\(name)(\(arguments.joined(separator: ", ")))")
  }

  /// `unknown activation 'NAME'` with a suggestion.
  static func unknown(_ written: String, normalized: String) -> NeuralNetError {
    NeuralNetError(
      "unknown activation '\(written)'",
      hint: NameCategory.crossHint(for: normalized, expected: .activation)
        ?? suggestion(for: normalized, among: names))
  }

  /// "Did you mean …?" for a misspelt name (`NameSuggestion`), or for a name that starts
  /// one candidate only (`leaky` → `leaky-relu`); else the list of known names.
  static func suggestion(for name: String, among candidates: [String]) -> String {
    if NameSuggestion.closest(to: name, among: candidates) == nil, name.count >= 3 {
      let extended = candidates.filter { $0.hasPrefix(name) }
      if extended.count == 1, let only = extended.first { return "Did you mean '\(only)'?" }
    }
    return NameSuggestion.hint(for: name, among: candidates)
  }
}
