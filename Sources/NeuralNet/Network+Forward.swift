import Tensor

/// Everything the forward pass computed, kept for the backward pass and for
/// showing per-layer values (z after a dense layer, a after an activation).
public struct ForwardPass: Sendable {
  /// The batch X (N × inputSize).
  public var input: Matrix
  /// The output of each layer, in layer order (one per layer).
  public var layerOutputs: [Matrix]
  /// The network's output, the last layer's output.
  public var output: Matrix
  /// Activation inputs exactly at a kink (relu/leaky-relu/prelu at 0, elu at 0 when α ≠ 1).
  public var kinks: Int

  /// A forward pass record.
  public init(input: Matrix, layerOutputs: [Matrix], output: Matrix, kinks: Int) {
    self.input = input
    self.layerOutputs = layerOutputs
    self.output = output
    self.kinks = kinks
  }

  /// The input of layer `i` (0-based): X for the first layer, else the previous output.
  public func layerInput(_ i: Int) -> Matrix { i == 0 ? input : layerOutputs[i - 1] }
}

extension Network {
  /// Checks that a batch has `inputSize` columns.
  /// - Throws: naming both sizes.
  public func checkInput(_ x: Matrix) throws(NeuralNetError) {
    guard x.cols == inputSize else {
      throw NeuralNetError(
        "the input has \(x.cols) features per sample but the model takes \(inputSize)",
        hint: "Give \(inputSize) values per sample.", key: "input")
    }
  }

  /// Runs every layer on the batch `x` (N × inputSize, one sample per row),
  /// keeping each layer's output.
  /// - Precondition: `x.cols == inputSize` (see `checkInput`; the throwing
  ///   entry points `lossAndGradients` and `evaluate` check it).
  public func forward(_ x: Matrix) -> ForwardPass {
    precondition(x.cols == inputSize, "input has \(x.cols) columns, the model takes \(inputSize)")
    var outputs: [Matrix] = []
    outputs.reserveCapacity(layers.count)
    var current = x
    var kinks = 0
    for layer in layers {
      let (y, k) = layer.forward(current)
      kinks += k
      outputs.append(y)
      current = y
    }
    return ForwardPass(input: x, layerOutputs: outputs, output: current, kinks: kinks)
  }

  /// The network's output for `x` (forward pass without the record).
  public func predict(_ x: Matrix) -> Matrix { forward(x).output }
}
