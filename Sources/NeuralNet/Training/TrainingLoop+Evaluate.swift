import Tensor

/// Evaluating the current network on a whole data set, forward only.
extension TrainingLoop {
  /// L (data + regularization) and accuracy of the current network on `x`
  /// with targets `target`, equal to `Network.evaluate(_:target:)`: the
  /// forward pass runs on chunks of at most `evaluationChunk` rows in the
  /// workspace; the N×k outputs (and the logits when softmax is fused with
  /// cross-entropy) are gathered, then the loss sums every element in order.
  /// - Precondition: `x` and `target` were checked at `init`.
  mutating func evaluate(_ x: Matrix, target: Matrix) -> (loss: Double, accuracy: Double?) {
    let n = x.rows
    let k = network.outputSize
    let last = network.layers.count - 1
    let fused = plan.fusesFinalSoftmax
    var output = Matrix(rows: n, cols: k)
    var logits = Matrix(rows: fused ? n : 0, cols: k)
    var start = 0
    while start < n {
      let rows = Swift.min(TrainingLoop.evaluationChunk, n - start)
      workspace.resize(rows: rows)
      TrainingWorkspace.copyRows(from: x, start: start, into: &workspace.input)
      _ = TrainingLoop.forward(network.layers, &workspace)
      TrainingWorkspace.place(workspace.outputs[last], into: &output, atRow: start)
      if fused {
        TrainingWorkspace.place(
          last > 0 ? workspace.outputs[last - 1] : workspace.input, into: &logits, atRow: start)
      }
      start += rows
    }
    let loss = network.spec.loss
    let lossInput = fused ? logits : output
    var scratch = Matrix(rows: n, cols: k)
    var dataLoss = 0.0
    scratch.withMutableBase { g in
      lossInput.withBase { y in
        target.withBase { t in
          dataLoss =
            loss.evaluate(output: y, rows: n, cols: k, target: t, targetCols: target.cols, gradient: g).loss
        }
      }
    }
    return (dataLoss + network.regularizationLoss, loss.accuracy(output: output, target: target))
  }
}
