import Foundation
import Tensor

/// The compact layer syntax of `layers: [dense 2->2, tanh, dense 2->1 nobias, sigmoid]`.
extension LayerSpec {
  /// Reads one compact layer:
  /// - `dense IN->OUT` (`→` and spaces around `->` accepted), `dense ->OUT` or
  ///   `dense OUT` (in inferred), followed optionally by `nobias` (or
  ///   `no-bias`, `bias=false`), `bias`, and `init=NAME` (e.g. `init=normal(0.01)`);
  /// - an activation as `Activation.parse` reads it (`tanh`, `leaky-relu(0.1)`).
  /// - Throws: an unknown layer name (with a hint among `dense` and the
  ///   activations) or a malformed dense size; `key` is `"layers"` (`"init"`
  ///   for a bad init).
  public static func parseCompact(_ text: String) throws(NeuralNetError) -> LayerSpec {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let head = trimmed.prefix { !$0.isWhitespace && $0 != "(" && $0 != "-" && !$0.isNumber }
    if head.lowercased() == "dense" {
      return .dense(try parseDense(String(trimmed.dropFirst(head.count)), text: text))
    }
    do {
      return .activation(try Activation.parse(trimmed))
    } catch {
      var e = error
      e.key = "layers"
      if e.message.hasPrefix("unknown activation") {
        e.message = "unknown layer '\(text)'"
        let name = CallSyntax.normalize(String(trimmed.prefix { !$0.isWhitespace && $0 != "(" }))
        e.hint =
          NameCategory.crossHint(for: name, expected: .activation)
          ?? Activation.suggestion(for: name, among: ["dense"] + Activation.names)
      }
      throw e
    }
  }

  /// The part after `dense`: sizes, then flags.
  private static func parseDense(_ rest: String, text: String) throws(NeuralNetError) -> DenseSpec {
    let malformed = NeuralNetError(
      "cannot read the dense layer '\(text)'",
      hint: "Write dense IN->OUT, e.g. dense 2->3, or dense ->3 to infer in.", key: "layers")
    let body = rest.replacingOccurrences(of: "→", with: "->").trimmingCharacters(in: .whitespaces)
    var inputs: Int?
    var tail: Substring
    if let arrow = body.range(of: "->") {
      let left = body[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
      if !left.isEmpty {
        guard let n = Int(left) else { throw malformed }
        inputs = n
      }
      tail = body[arrow.upperBound...]
    } else {
      tail = Substring(body)
    }
    var tokens = tail.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    guard let first = tokens.first, let outputs = Int(first) else { throw malformed }
    tokens.removeFirst()
    var spec = DenseSpec(inputs: inputs, outputs: outputs)
    for token in tokens {
      let flag = CallSyntax.normalize(token)
      switch flag {
      case "nobias", "no-bias", "bias=false": spec.bias = false
      case "bias", "bias=true": spec.bias = true
      default:
        if flag.hasPrefix("init=") {
          spec.initializer = try Initializer.parse(String(token.dropFirst("init=".count)))
        } else {
          throw NeuralNetError(
            "unknown option '\(token)' in dense layer '\(text)'",
            hint: NameSuggestion.hint(for: flag, among: ["nobias", "bias", "init="]), key: "layers")
        }
      }
    }
    return spec
  }
}
