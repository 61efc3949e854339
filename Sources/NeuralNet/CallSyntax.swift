import Foundation
import Tensor

/// The small call syntax shared by activations, initializers, losses and
/// optimizers: `name`, `name(value, …)` or `name(key=value, …)` (`key: value`
/// is accepted too). Names are case-insensitive and `_` reads as `-`.
struct CallSyntax {
  /// One argument: positional when `key` is nil.
  struct Argument {
    var key: String?
    var value: String
  }

  /// The normalised name (lower case, `_` → `-`, no spaces).
  var name: String
  /// Arguments in written order.
  var arguments: [Argument]
  /// The text as written, for messages.
  var text: String

  /// Lower case, `_` → `-`, surrounding whitespace removed.
  static func normalize(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
  }

  /// Splits `text` into a name and its arguments.
  /// - Throws: on unbalanced parentheses or an empty argument.
  static func parse(_ text: String, what: String, key: String?) throws(NeuralNetError) -> CallSyntax {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let open = trimmed.firstIndex(of: "(") else {
      if trimmed.contains(")") {
        throw NeuralNetError("unbalanced parentheses in \(what) '\(text)'", key: key)
      }
      return CallSyntax(name: normalize(trimmed), arguments: [], text: text)
    }
    guard trimmed.hasSuffix(")"), trimmed.filter({ $0 == "(" }).count == 1,
      trimmed.filter({ $0 == ")" }).count == 1
    else {
      throw NeuralNetError(
        "unbalanced parentheses in \(what) '\(text)'", hint: "Write e.g. name(0.1) or name(key=0.1).",
        key: key)
    }
    let name = normalize(String(trimmed[..<open]))
    let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    var arguments: [Argument] = []
    if !inner.trimmingCharacters(in: .whitespaces).isEmpty {
      for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
        let piece = part.trimmingCharacters(in: .whitespaces)
        guard !piece.isEmpty else {
          throw NeuralNetError("empty argument in \(what) '\(text)'", key: key)
        }
        if let separator = piece.firstIndex(where: { $0 == "=" || $0 == ":" }) {
          let k = normalize(String(piece[..<separator]))
          let v = piece[piece.index(after: separator)...].trimmingCharacters(in: .whitespaces)
          guard !k.isEmpty, !v.isEmpty else {
            throw NeuralNetError("cannot read argument '\(piece)' in \(what) '\(text)'", key: key)
          }
          arguments.append(Argument(key: k, value: v))
        } else {
          arguments.append(Argument(key: nil, value: piece))
        }
      }
    }
    return CallSyntax(name: name, arguments: arguments, text: text)
  }

  /// Binds the arguments to `parameters` (in order for positional arguments,
  /// by name otherwise) and returns their string values; missing ones are nil.
  /// - Throws: on too many arguments, an unknown key, or a parameter given twice.
  func bind(_ parameters: [String], key: String?) throws(NeuralNetError) -> [String?] {
    var values = [String?](repeating: nil, count: parameters.count)
    if parameters.isEmpty && !arguments.isEmpty {
      throw NeuralNetError(
        "\(name) takes no parameters, but '\(text)' gives some", hint: "Write just '\(name)'.", key: key)
    }
    var position = 0
    for argument in arguments {
      let index: Int
      if let k = argument.key {
        guard let i = parameters.firstIndex(of: k) else {
          throw NeuralNetError(
            "\(name) has no parameter '\(k)'",
            hint: NameSuggestion.hint(for: k, among: parameters), key: key)
        }
        index = i
      } else {
        guard position < parameters.count else {
          throw NeuralNetError(
            "too many arguments in '\(text)'",
            hint: "\(name) takes \(parameters.joined(separator: ", ")).", key: key)
        }
        index = position
        position += 1
      }
      guard values[index] == nil else {
        throw NeuralNetError("'\(parameters[index])' is given twice in '\(text)'", key: key)
      }
      values[index] = argument.value
    }
    return values
  }

  /// Binds numeric parameters with defaults; every value must be a finite number.
  func numbers(_ parameters: [(name: String, default: Double)], key: String?) throws(NeuralNetError)
    -> [Double]
  {
    let texts = try bind(parameters.map(\.name), key: key)
    var result: [Double] = []
    for (i, parameter) in parameters.enumerated() {
      if let t = texts[i] {
        result.append(try CallSyntax.number(t, what: "\(parameter.name) in '\(text)'", key: key))
      } else {
        result.append(parameter.default)
      }
    }
    return result
  }

  /// A finite `Double` read from `text`.
  static func number(_ text: String, what: String, key: String?) throws(NeuralNetError) -> Double {
    guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
      throw NeuralNetError("\(what) must be a finite number, not '\(text)'", key: key)
    }
    return v
  }
}

/// A number written as briefly as Swift allows: `1` for 1.0, `0.01`, `1e-08`.
func formatNumber(_ x: Double) -> String {
  if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  return "\(x)"
}
