import Tensor

/// Evaluating the current network on a whole data set, forward only.
extension TrainingLoop {
  /// L (data + regularization) and accuracy of the current parameters on
  /// `x` with targets `target` (`labels`: the same targets as given, for the
  /// accuracy). In float64 equal to `Network.evaluate(_:target:)`: the
  /// forward pass runs on chunks of at most `evaluationChunk` rows in the
  /// workspace; the N×k outputs (and the logits when softmax is fused with
  /// cross-entropy) are gathered, then the loss sums every element in order
  /// (in `Double`, from the widened outputs).
  /// - Precondition: `x` and `target` were checked at `init`.
  mutating func evaluate(_ x: Grid<Scalar>, target: Grid<Scalar>, labels: Matrix) -> (
    loss: Double, accuracy: Double?
  ) {
    let n = x.rows
    let k = template.outputSize
    let last = template.layers.count - 1
    let fused = plan.fusesFinalSoftmax
    var output = Grid<Scalar>(rows: n, cols: k)
    var logits = Grid<Scalar>(rows: fused ? n : 0, cols: k)
    // Its own buffers (no gradients): resizing the training workspace to a
    // chunk and back zero-filled every buffer twice an epoch.
    var chunk =
      evaluationWorkspace
      ?? TrainingWorkspace(
        rows: Swift.min(TrainingLoop.evaluationChunk, n), inputWidth: template.inputSize,
        targetWidth: target.cols, widths: plan.widths)
    evaluationWorkspace = nil
    defer { evaluationWorkspace = chunk }
    var start = 0
    while start < n {
      let rows = Swift.min(TrainingLoop.evaluationChunk, n - start)
      chunk.resize(rows: rows)
      TrainingWorkspace.copyRows(from: x, start: start, into: &chunk.input)
      _ = TrainingLoop.forward(template.layers, parameters, plan, &chunk)
      TrainingWorkspace.place(chunk.outputs[last], into: &output, atRow: start)
      if fused {
        TrainingWorkspace.place(last > 0 ? chunk.outputs[last - 1] : chunk.input, into: &logits, atRow: start)
      }
      start += rows
    }
    let loss = template.spec.loss
    let lossInput = fused ? logits : output
    var scratch = Grid<Scalar>(rows: n, cols: k)
    var dataLoss = 0.0
    scratch.withMutableBase { g in
      lossInput.withBase { y in
        target.withBase { t in
          dataLoss =
            loss.evaluate(output: y, rows: n, cols: k, target: t, targetCols: target.cols, gradient: g).loss
        }
      }
    }
    var regularization = 0.0
    if let regularizer = template.spec.regularizer {
      for w in parameters.weights { regularization += regularizer.value(w) }
    }
    return (dataLoss + regularization, loss.accuracy(output: output.matrix, target: labels))
  }
}
