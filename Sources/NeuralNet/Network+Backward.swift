import Tensor

/// Everything the backward pass computed.
public struct BackwardPass: Sendable {
  /// Data loss plus regularization.
  public var loss: Double
  /// The loss layer's value.
  public var dataLoss: Double
  /// The regularizer's value (0 without one).
  public var regularizationLoss: Double
  /// ∂L/∂(output of layer i), one per layer (for a dense layer ∂L/∂z, for an activation ∂L/∂a).
  public var outputGradients: [Matrix]
  /// ∂L/∂X; empty (0×0) when not requested.
  public var inputGradient: Matrix
  /// ∂L/∂θ for every parameter, same names and shapes as `Network.parameter`,
  /// regularization included.
  public var parameterGradients: [String: Matrix]
  /// Elements at a kink: activation inputs (forward), hinge margins of exactly
  /// 1 (loss), and weights exactly 0 under l1.
  public var kinks: Int
}

/// Loss, regularization and accuracy of a batch, without gradients.
public struct NetworkEvaluation: Sendable {
  /// The network's output.
  public var output: Matrix
  /// Data loss plus regularization.
  public var loss: Double
  /// The loss layer's value.
  public var dataLoss: Double
  /// The regularizer's value.
  public var regularizationLoss: Double
  /// The loss's accuracy convention (nil when not a classification setting).
  public var accuracy: Double?
}

extension Network {
  /// True when the model ends in softmax and the loss is cross-entropy: the
  /// loss is then taken on the softmax's input (the logits), so that softmax
  /// is not applied twice, and ∂L/∂logits = p − t is used directly.
  var fusesFinalSoftmax: Bool {
    guard spec.loss.kind == .crossEntropy, case .activation(let a) = layers.last else { return false }
    return a.activation == .softmax
  }

  /// The loss layer on a forward pass: its evaluation, and ∂L/∂(logits) when
  /// the final softmax is fused with cross-entropy.
  func lossLayer(_ pass: ForwardPass, target: Matrix) throws(NeuralNetError) -> (LossEvaluation, Matrix?) {
    if fusesFinalSoftmax {
      let result = try spec.loss.evaluateAfterSoftmax(
        probabilities: pass.output, logits: pass.layerInput(layers.count - 1), target: target)
      return (result.evaluation, result.logitGradient)
    }
    return (try spec.loss.evaluate(output: pass.output, target: target), nil)
  }

  /// The regularizer's value over every dense W (0 without a regularizer).
  public var regularizationLoss: Double {
    guard let regularizer = spec.regularizer else { return 0 }
    var total = 0.0
    for case .dense(let d) in layers { total += regularizer.value(d.weights) }
    return total
  }

  /// The backward pass (lecture 001, 18.113.2): the loss layer gives
  /// ∂L/∂output, then each layer in reverse order turns ∂L/∂(its output) into
  /// ∂L/∂(its input) (criteria A) and ∂L/∂(its parameters) (criteria B). The
  /// regularizer's gradient is added to each W.
  /// `needsInputGradient: false` skips ∂L/∂X (one gemm for the first dense layer).
  /// - Throws: a target that does not fit the output (see `LossFunction.evaluate`).
  public func backward(
    _ pass: ForwardPass, target: Matrix, needsInputGradient: Bool = true
  ) throws(NeuralNetError) -> BackwardPass {
    let (evaluation, logitGradient) = try lossLayer(pass, target: target)
    var g = evaluation.gradient
    var kinks = pass.kinks + evaluation.kinks
    var outputGradients = [Matrix](repeating: Matrix(rows: 0, cols: 0), count: layers.count)
    var parameterGradients: [String: Matrix] = [:]
    var regularizationLoss = 0.0
    var denseNumber = layers.reduce(0) { if case .dense = $1 { return $0 + 1 } else { return $0 } }
    var preluNumber = layers.reduce(0) {
      if case .activation(let a) = $1, a.alpha != nil { return $0 + 1 } else { return $0 }
    }
    for i in stride(from: layers.count - 1, through: 0, by: -1) {
      outputGradients[i] = g
      let input = pass.layerInput(i)
      switch layers[i] {
      case .dense(let d):
        let grads = d.backward(input: input, gradOutput: g, needsInputGradient: i > 0 || needsInputGradient)
        var dW = grads.weights
        if let regularizer = spec.regularizer {
          regularizationLoss += regularizer.value(d.weights)
          regularizer.addGradient(of: d.weights, to: &dW)
          kinks += regularizer.kinks(in: d.weights)
        }
        parameterGradients["W\(denseNumber)"] = dW
        if let db = grads.bias { parameterGradients["b\(denseNumber)"] = db }
        denseNumber -= 1
        g = grads.input
      case .activation(let a):
        if i == layers.count - 1, let logitGradient {
          g = logitGradient
          continue
        }
        let grads = a.backward(input: input, output: pass.layerOutputs[i], gradOutput: g)
        if let dAlpha = grads.alpha {
          parameterGradients["alpha\(preluNumber)"] = Matrix(scalar: dAlpha)
          preluNumber -= 1
        }
        g = grads.input
      }
    }
    return BackwardPass(
      loss: evaluation.loss + regularizationLoss, dataLoss: evaluation.loss,
      regularizationLoss: regularizationLoss, outputGradients: outputGradients,
      inputGradient: needsInputGradient ? g : Matrix(rows: 0, cols: 0),
      parameterGradients: parameterGradients, kinks: kinks)
  }

  /// Forward then backward on a batch.
  /// - Throws: an input with the wrong number of features, or a target that
  ///   does not fit.
  public func lossAndGradients(
    _ x: Matrix, target: Matrix, needsInputGradient: Bool = true
  ) throws(NeuralNetError) -> BackwardPass {
    try checkInput(x)
    return try backward(forward(x), target: target, needsInputGradient: needsInputGradient)
  }

  /// Loss (data + regularization) and accuracy of a batch, without gradients.
  /// - Throws: as `lossAndGradients`.
  public func evaluate(_ x: Matrix, target: Matrix) throws(NeuralNetError) -> NetworkEvaluation {
    try checkInput(x)
    let pass = forward(x)
    let (evaluation, _) = try lossLayer(pass, target: target)
    let regularization = regularizationLoss
    return NetworkEvaluation(
      output: pass.output, loss: evaluation.loss + regularization, dataLoss: evaluation.loss,
      regularizationLoss: regularization, accuracy: spec.loss.accuracy(output: pass.output, target: target))
  }
}
