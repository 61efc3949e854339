import Tensor

/// An error in a network description or in how a network is used: an unknown
/// name, a shape that does not fit, a value out of range.
///
/// `message` says what is wrong, `hint` what to change. `layerIndex` (0-based
/// position in the layer list) and `key` (the spec key concerned: `"loss"`,
/// `"init"`, `"in"`, `"out"`, `"weights"`, `"bias"`, `"layers"`,
/// `"regularizer"`, `"optimizer"`, `"target"`, …) let a caller point at the
/// offending place in the user's text.
public struct NeuralNetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, in one sentence.
  public var message: String
  /// What to change, when there is something useful to say.
  public var hint: String?
  /// 0-based index in the layer list, when the error concerns one layer.
  public var layerIndex: Int?
  /// The spec key concerned, when there is one.
  public var key: String?

  /// An error with every field given by label.
  public init(message: String, hint: String? = nil, layerIndex: Int? = nil, key: String? = nil) {
    self.message = message
    self.hint = hint
    self.layerIndex = layerIndex
    self.key = key
  }

  /// Shorthand for `init(message:hint:layerIndex:key:)`.
  public init(_ message: String, hint: String? = nil, layerIndex: Int? = nil, key: String? = nil) {
    self.init(message: message, hint: hint, layerIndex: layerIndex, key: key)
  }

  /// The message followed by the hint in parentheses (`ErrorText.terminal`), e.g.
  /// `unknown activation 'sigmod' (Did you mean 'sigmoid'?)`.
  public var description: String { ErrorText.terminal(message, hint: hint) }

  /// The same error attached to layer `index` (0-based) unless it already names one.
  func atLayer(_ index: Int) -> NeuralNetError {
    var copy = self
    if copy.layerIndex == nil { copy.layerIndex = index }
    return copy
  }
}
