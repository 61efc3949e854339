import Tensor

/// Backprop against central finite differences, one parameter tensor at a time.
public enum GradientCheck {
  /// For every parameter tensor (in `parameterNames` order): the backprop
  /// gradient a of the total loss (data + regularization) and the estimate
  /// n_i = (L(θ_i + ε) − L(θ_i − ε)) / 2ε, one element at a time, compared
  /// norm-wise: relative error ‖a − n‖₂ / max(‖a‖₂ + ‖n‖₂, 10⁻⁸); a tensor
  /// passes when that is below `tolerance`. Costs two forward passes per
  /// parameter element.
  /// - Throws: ε or tolerance not positive and finite; input or target that
  ///   does not fit the network.
  public static func run(
    network: Network, input: Matrix, target: Matrix, epsilon: Double = 1e-6, tolerance: Double = 1e-6
  ) throws(NeuralNetError) -> [TensorCheck] {
    guard epsilon > 0, epsilon.isFinite else {
      throw NeuralNetError("epsilon must be a positive number, not \(epsilon)", key: "epsilon")
    }
    guard tolerance > 0, tolerance.isFinite else {
      throw NeuralNetError("tolerance must be a positive number, not \(tolerance)", key: "tolerance")
    }
    let backprop = try network.lossAndGradients(input, target: target, needsInputGradient: false)
    var probe = network
    var checks: [TensorCheck] = []
    for (name, slot) in network.parameterSlots {
      guard let analytic = backprop.parameterGradients[name] else { continue }
      let original = network.value(at: slot)
      var numeric = Matrix(rows: original.rows, cols: original.cols)
      for i in 0..<original.count {
        let theta = original.storage[i]
        probe.modify(slot) { $0.storage[i] = theta + epsilon }
        let plus = try totalLoss(probe, input, target)
        probe.modify(slot) { $0.storage[i] = theta - epsilon }
        let minus = try totalLoss(probe, input, target)
        probe.modify(slot) { $0.storage[i] = theta }
        numeric.storage[i] = (plus - minus) / (2 * epsilon)
      }
      checks.append(TensorCheck(name: name, analytic: analytic, numeric: numeric, tolerance: tolerance))
    }
    return checks
  }

  /// Data loss plus regularization, forward only.
  private static func totalLoss(_ network: Network, _ x: Matrix, _ t: Matrix) throws(NeuralNetError) -> Double
  {
    try network.evaluate(x, target: t).loss
  }
}

/// The comparison for one parameter tensor.
public struct TensorCheck: Sendable {
  /// The parameter's name (`W1`, `b1`, `alpha1`, …).
  public var name: String
  /// max_i |a_i − n_i|.
  public var maxAbsoluteDifference: Double
  /// ‖a − n‖₂ / max(‖a‖₂ + ‖n‖₂, 10⁻⁸).
  public var relativeError: Double
  /// `relativeError < tolerance` (false when it is NaN).
  public var passed: Bool
  /// The backprop gradient a.
  public var analytic: Matrix
  /// The central-difference estimate n.
  public var numeric: Matrix

  /// Compares `analytic` with `numeric`.
  public init(name: String, analytic: Matrix, numeric: Matrix, tolerance: Double) {
    self.name = name
    self.analytic = analytic
    self.numeric = numeric
    self.maxAbsoluteDifference = analytic.maxAbsDifference(numeric)
    self.relativeError = (analytic - numeric).norm() / Swift.max(analytic.norm() + numeric.norm(), 1e-8)
    self.passed = relativeError < tolerance
  }
}
