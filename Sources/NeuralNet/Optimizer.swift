import Foundation
import Tensor

/// The update rule, with PyTorch's formulas and defaults.
public enum OptimizerKind: Hashable, Sendable {
  /// θ ← θ − lr·g.
  case sgd
  /// PyTorch SGD with momentum (dampening 0, no Nesterov): v ← β·v + g
  /// (v = g on the first step), θ ← θ − lr·v.
  case momentum(beta: Double)
  /// Adam with bias correction (PyTorch): m ← β₁m + (1−β₁)g,
  /// v ← β₂v + (1−β₂)g², θ ← θ − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
  case adam(beta1: Double, beta2: Double, epsilon: Double)

  /// The names `parse` accepts.
  public static let names = ["sgd", "momentum", "adam"]

  /// Reads `sgd`, `momentum` (β = 0.9), `momentum(0.9)`, `momentum(beta=0.9)`,
  /// `adam` (0.9, 0.999, 1e-8), `adam(0.9, 0.999)`,
  /// `adam(beta1=0.9, beta2=0.999, epsilon=1e-8)`.
  /// - Throws: unknown name (with a hint), bad parameters (β in [0, 1), ε > 0);
  ///   `key` is `"optimizer"`.
  public static func parse(_ text: String) throws(NeuralNetError) -> OptimizerKind {
    let key = "optimizer"
    let call = try CallSyntax.parse(text, what: "optimizer", key: key)
    switch call.name {
    case "sgd":
      _ = try call.bind([], key: key)
      return .sgd
    case "momentum":
      let beta = try call.numbers([("beta", 0.9)], key: key)[0]
      try checkBeta(beta, "momentum beta")
      return .momentum(beta: beta)
    case "adam":
      let v = try call.numbers([("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8)], key: key)
      try checkBeta(v[0], "adam beta1")
      try checkBeta(v[1], "adam beta2")
      guard v[2] > 0 else {
        throw NeuralNetError("adam epsilon must be > 0, not \(formatNumber(v[2]))", key: key)
      }
      return .adam(beta1: v[0], beta2: v[1], epsilon: v[2])
    default:
      throw NeuralNetError(
        "unknown optimizer '\(text)'",
        hint: NameCategory.crossHint(for: text, expected: .optimizer)
          ?? NameSuggestion.hint(for: call.name, among: names), key: key)
    }
  }

  /// β must lie in [0, 1).
  private static func checkBeta(_ beta: Double, _ what: String) throws(NeuralNetError) {
    guard beta >= 0 && beta < 1 else {
      throw NeuralNetError("\(what) must lie in [0, 1), not \(formatNumber(beta))", key: "optimizer")
    }
  }

  /// The canonical name: `sgd`, `momentum(0.9)`, `adam`, or
  /// `adam(beta1=…, beta2=…, epsilon=…)` when not PyTorch's defaults.
  public var name: String {
    switch self {
    case .sgd: return "sgd"
    case .momentum(let beta): return "momentum(\(formatNumber(beta)))"
    case .adam(0.9, 0.999, 1e-8): return "adam"
    case .adam(let b1, let b2, let eps):
      return "adam(beta1=\(formatNumber(b1)), beta2=\(formatNumber(b2)), epsilon=\(formatNumber(eps)))"
    }
  }
}

/// An optimizer with its state (momentum buffers, Adam moments and step count).
public struct Optimizer: Sendable {
  /// The update rule.
  public var kind: OptimizerKind
  /// The learning rate lr.
  public var learningRate: Double
  /// Steps taken so far (Adam's t after the next step is `steps + 1`).
  public internal(set) var steps = 0
  /// Momentum buffer v, or Adam's first moment m, per parameter name.
  private var firstMoments: [String: Matrix] = [:]
  /// Adam's second moment v per parameter name.
  private var secondMoments: [String: Matrix] = [:]

  /// A fresh optimizer (zero state).
  public init(kind: OptimizerKind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  /// Updates every parameter of `network` that has an entry in `gradients`
  /// (names and shapes as `BackwardPass.parameterGradients`), in place.
  /// - Precondition: each gradient has its parameter's shape.
  public mutating func step(_ network: inout Network, gradients: [String: Matrix]) {
    steps += 1
    let lr = learningRate
    for (name, slot) in network.parameterSlots {
      guard let g = gradients[name] else { continue }
      switch kind {
      case .sgd:
        network.modify(slot) { p in
          precondition(p.rows == g.rows && p.cols == g.cols, "gradient of \(name) has the wrong shape")
          p.addScaled(g, -lr)
        }
      case .momentum(let beta):
        var v: Matrix
        if var buffer = firstMoments.removeValue(forKey: name) {
          buffer.storage.withUnsafeMutableBufferPointer { vs in
            g.storage.withUnsafeBufferPointer { gs in
              for i in 0..<vs.count { vs[i] = beta * vs[i] + gs[i] }
            }
          }
          v = buffer
        } else {
          v = g
        }
        network.modify(slot) { p in
          precondition(p.rows == v.rows && p.cols == v.cols, "gradient of \(name) has the wrong shape")
          p.addScaled(v, -lr)
        }
        firstMoments[name] = v
      case .adam(let beta1, let beta2, let epsilon):
        let t = Double(steps)
        let stepSize = lr / (1 - pow(beta1, t))
        let correction2 = (1 - pow(beta2, t)).squareRoot()
        var m = firstMoments.removeValue(forKey: name) ?? Matrix(rows: g.rows, cols: g.cols)
        var v = secondMoments.removeValue(forKey: name) ?? Matrix(rows: g.rows, cols: g.cols)
        network.modify(slot) { p in
          precondition(p.rows == g.rows && p.cols == g.cols, "gradient of \(name) has the wrong shape")
          p.storage.withUnsafeMutableBufferPointer { ps in
            m.storage.withUnsafeMutableBufferPointer { ms in
              v.storage.withUnsafeMutableBufferPointer { vs in
                g.storage.withUnsafeBufferPointer { gs in
                  for i in 0..<ps.count {
                    let gi = gs[i]
                    ms[i] = beta1 * ms[i] + (1 - beta1) * gi
                    vs[i] = beta2 * vs[i] + (1 - beta2) * gi * gi
                    ps[i] -= stepSize * ms[i] / (vs[i].squareRoot() / correction2 + epsilon)
                  }
                }
              }
            }
          }
        }
        firstMoments[name] = m
        secondMoments[name] = v
      }
    }
  }
}
