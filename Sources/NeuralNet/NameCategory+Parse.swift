/// The kinds of name a notebook spells (layers, activations, losses, optimizers, inits), so that
/// a name written in the wrong place is answered with where it belongs.
public enum NameCategory: String, CaseIterable, Sendable {
  case layer, activation, loss, optimizer, initializer

  /// The known names of this category (aliases included), lower case.
  var names: [String] {
    switch self {
    case .layer: return ["dense"]
    case .activation: return Activation.names + Array(Activation.aliases.keys)
    case .loss: return LossFunction.names + Array(LossFunction.aliases.keys)
    case .optimizer: return OptimizerKind.names
    case .initializer: return Initializer.names + Array(Initializer.aliases.keys)
    }
  }

  /// Where a name of this category is written, e.g. "'adam' is an optimizer; write `optimizer: adam`".
  func placement(_ name: String) -> String {
    switch self {
    case .layer: return "'\(name)' is a layer; write `- \(name): {in: …, out: …}`"
    case .activation: return "'\(name)' is an activation; write it as a layer, e.g. `- \(name)`"
    case .loss: return "'\(name)' is a loss; write `loss: \(name)`"
    case .optimizer: return "'\(name)' is an optimizer; write `optimizer: \(name)` in a train block"
    case .initializer: return "'\(name)' is an init; write `init: \(name)`"
    }
  }

  /// The hint for `written`, unknown where a name of `expected` was wanted, when it is the name
  /// of another category (matched case-insensitively, `_` read as `-`): `placement` plus a
  /// period; `nil` when it names nothing else (the caller keeps its did-you-mean hint).
  public static func crossHint(for written: String, expected: NameCategory) -> String? {
    let name = CallSyntax.normalize(String(written.prefix { $0 != "(" }))
    for category in allCases where category != expected && category.names.contains(name) {
      return category.placement(name) + "."
    }
    return nil
  }
}
