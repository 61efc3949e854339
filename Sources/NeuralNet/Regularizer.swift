import Tensor

/// A penalty on dense-layer weights W (never on biases or PReLU alphas),
/// added to the data loss.
///
/// - `l2(λ)`: R = (λ/2)·Σ w², ∂R/∂w = λ·w.
/// - `l1(λ)`: R = λ·Σ |w|, ∂R/∂w = λ·sign(w) with sign(0) = 0 (the
///   minimum-norm subgradient); each w exactly 0 counts as a kink.
public enum Regularizer: Hashable, Sendable {
  /// (λ/2)·Σ w².
  case l2(Double)
  /// λ·Σ |w|.
  case l1(Double)

  /// The names `parse` accepts.
  public static let names = ["l2", "l1"]

  /// Reads one entry of `regularizer: {l2: 0.01}`: `name` is `l2` or `l1`
  /// (case-insensitive), `value` the strength λ, a finite number ≥ 0.
  /// - Throws: unknown name (with a hint) or a bad λ; `key` is `"regularizer"`.
  public static func parse(name: String, value: String) throws(NeuralNetError) -> Regularizer {
    let normalized = CallSyntax.normalize(name)
    guard names.contains(normalized) else {
      throw NeuralNetError(
        "unknown regularizer '\(name)'", hint: NameSuggestion.hint(for: normalized, among: names),
        key: "regularizer")
    }
    let lambda = try CallSyntax.number(value, what: "the \(normalized) strength", key: "regularizer")
    guard lambda >= 0 else {
      throw NeuralNetError(
        "the \(normalized) strength must be ≥ 0, not \(formatNumber(lambda))", key: "regularizer")
    }
    return normalized == "l2" ? .l2(lambda) : .l1(lambda)
  }

  /// Reads the one-line form `l2(0.01)` or `l1(lambda=0.001)`.
  /// - Throws: as `parse(name:value:)`, or a missing λ.
  public static func parse(_ text: String) throws(NeuralNetError) -> Regularizer {
    let call = try CallSyntax.parse(text, what: "regularizer", key: "regularizer")
    guard names.contains(call.name) else {
      throw NeuralNetError(
        "unknown regularizer '\(text)'", hint: NameSuggestion.hint(for: call.name, among: names),
        key: "regularizer")
    }
    let values = try call.bind(["lambda"], key: "regularizer")
    guard let value = values[0] else {
      throw NeuralNetError(
        "\(call.name) needs a strength", hint: "Write e.g. \(call.name)(0.01).", key: "regularizer")
    }
    return try parse(name: call.name, value: value)
  }

  /// The canonical name, e.g. `l2(0.01)`.
  public var name: String {
    switch self {
    case .l2(let lambda): return "l2(\(formatNumber(lambda)))"
    case .l1(let lambda): return "l1(\(formatNumber(lambda)))"
    }
  }

  /// The strength λ.
  public var strength: Double {
    switch self {
    case .l2(let lambda), .l1(let lambda): return lambda
    }
  }

  /// R(W): (λ/2)·Σ w² or λ·Σ |w|.
  public func value(_ weights: Matrix) -> Double {
    switch self {
    case .l2(let lambda): return 0.5 * lambda * weights.squaredNorm()
    case .l1(let lambda): return lambda * weights.storage.reduce(0) { $0 + abs($1) }
    }
  }

  /// ∂R/∂W: λ·W, or λ·sign(W) with sign(0) = 0.
  public func gradient(_ weights: Matrix) -> Matrix {
    var g = Matrix(rows: weights.rows, cols: weights.cols)
    addGradient(of: weights, to: &g)
    return g
  }

  /// `gradient += ∂R/∂W` in place.
  public func addGradient(of weights: Matrix, to gradient: inout Matrix) {
    switch self {
    case .l2(let lambda):
      gradient.addScaled(weights, lambda)
    case .l1(let lambda):
      gradient.storage.withUnsafeMutableBufferPointer { g in
        weights.storage.withUnsafeBufferPointer { w in
          var i = 0
          while i < w.count {
            let v = w[i]
            g[i] += v > 0 ? lambda : (v < 0 ? -lambda : 0)
            i &+= 1
          }
        }
      }
    }
  }

  /// Weights exactly 0, where |w| has its kink (l1 only; 0 for l2).
  public func kinks(in weights: Matrix) -> Int {
    guard case .l1 = self else { return 0 }
    return weights.storage.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
  }
}
