import Tensor

/// One epoch of minibatch steps on the preallocated workspace.
extension TrainingLoop {
  /// Runs one epoch: draws `rng.permutation(N)`, then for each batch of
  /// `config.batch` consecutive indices of it (the last batch may be
  /// smaller): forward, loss (data + regularization), backward, and an
  /// optimizer step. Stops early, without applying that step, when a
  /// minibatch loss is NaN or ±∞ (`nonFiniteLoss`). Does not evaluate.
  /// Specialized for both precisions, so that callers in other modules (the
  /// benchmark) run the same specialized code as `Trainer.train`.
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public mutating func trainEpoch(rng: inout RandomSource, shouldStop: (() -> Bool)? = nil) -> EpochSteps {
    let n = trainingInput.rows
    let order = rng.permutation(n)
    let batch = config.batch.samples(outOf: n)
    var normSums = [Double](repeating: 0, count: plan.denseCount)
    var steps = 0
    var epochKinks = 0
    // ‖∂W‖² of the fused layers, set by backward each step (the others' come from the optimizer).
    var fusedNorms = [Double](repeating: 0, count: plan.denseCount)
    var start = 0
    while start < n {
      if let shouldStop, shouldStop() {
        return EpochSteps(
          steps: steps, gradientNorms: normSums.map { $0 / Double(Swift.max(steps, 1)) }, kinks: epochKinks,
          nonFiniteLoss: nil, stopped: true)
      }
      let end = Swift.min(start + batch, n)
      let data = forwardAndLoss(order[start..<end])
      // A non-finite data loss stops before backward, which would already
      // apply the fused steps; L = data + regularization is non-finite then too.
      var loss = data.loss
      var stepKinks = data.kinks
      if loss.isFinite {
        let back = backward(fusedNorms: &fusedNorms)
        loss += back.loss
        stepKinks += back.kinks
      }
      guard loss.isFinite else {
        kinks += epochKinks
        return EpochSteps(
          steps: steps, gradientNorms: normSums.map { $0 / Double(steps) }, kinks: epochKinks,
          nonFiniteLoss: loss)
      }
      let buffered = optimizer.step(&parameters, gradients: &gradients, fused: fusedUpdate)
      for k in weightGradientsAreZero.indices { weightGradientsAreZero[k] = true }
      for k in 0..<plan.denseCount {
        normSums[k] += (fusedUpdate[k] ? fusedNorms[k] : buffered[k]).squareRoot()
      }
      steps += 1
      epochKinks += stepKinks
      start = end
    }
    epochsCompleted += 1
    kinks += epochKinks
    return EpochSteps(
      steps: steps, gradientNorms: normSums.map { $0 / Double(steps) }, kinks: epochKinks, nonFiniteLoss: nil)
  }

  /// Forward and the loss on the samples `indices`: returns the data loss
  /// and the kinks, and leaves ∂L/∂(output) in the gradient buffer of the
  /// layer the loss reads, as `Network.lossAndGradients(_:target:)` on
  /// those rows up to its backward pass.
  mutating func forwardAndLoss(_ indices: ArraySlice<Int>) -> (loss: Double, kinks: Int) {
    workspace.resize(rows: indices.count)
    workspace.prepareGradients()
    TrainingWorkspace.gather(indices, of: trainingInput, into: &workspace.input)
    TrainingWorkspace.gather(indices, of: trainingTarget, into: &workspace.target)
    let kinks = TrainingLoop.forward(template.layers, parameters, plan, &workspace)
    let data = lossLayer()
    return (data.loss, kinks + data.kinks)
  }

  /// The loss layer on the workspace's last output (on the logits when
  /// softmax is fused with cross-entropy), writing ∂L/∂output into the
  /// gradient buffer of the layer whose output the loss reads.
  private mutating func lossLayer() -> (loss: Double, kinks: Int) {
    let last = template.layers.count - 1
    let top = plan.fusesFinalSoftmax ? last - 1 : last
    let output = top >= 0 ? workspace.outputs[top] : workspace.input
    let target = workspace.target
    let rows = workspace.rows
    let loss = template.spec.loss
    var result = (loss: 0.0, kinks: 0)
    // A lone softmax layer fused with cross-entropy has nothing to train,
    // but the loss is still taken on the input (into a scratch gradient).
    var scratch = Grid<Scalar>(rows: top < 0 ? rows : 0, cols: output.cols)
    func evaluate(into gradient: inout Grid<Scalar>) {
      gradient.withMutableBase { g in
        output.withBase { y in
          target.withBase { t in
            result = loss.evaluate(
              output: y, rows: rows, cols: output.cols, target: t, targetCols: target.cols, gradient: g)
          }
        }
      }
    }
    if top < 0 { evaluate(into: &scratch) } else { evaluate(into: &workspace.gradients[top]) }
    return result
  }

  /// The activation of layer `i` with its current parameter (PReLU's α).
  static func activation(
    _ a: ActivationLayer, at i: Int, _ parameters: ParameterSet<Scalar>, _ plan: TrainingPlan
  )
    -> Activation
  {
    guard let p = plan.preluNumber[i] else { return a.activation }
    return .prelu(alpha: parameters.alphas[p])
  }

  /// Runs every layer on `ws.input` with `parameters`, writing `ws.outputs`;
  /// returns the activation inputs at a kink. Dense: the bias rows are laid
  /// down, then one gemm adds X·Wᵀ (β = 1), as `DenseLayer.forward`.
  static func forward(
    _ layers: [Layer], _ parameters: ParameterSet<Scalar>, _ plan: TrainingPlan,
    _ ws: inout TrainingWorkspace<Scalar>
  ) -> Int {
    var kinks = 0
    let rows = ws.rows
    for i in layers.indices {
      let input = i == 0 ? ws.input : ws.outputs[i - 1]
      switch layers[i] {
      case .dense(let d):
        guard let k = plan.denseNumber[i] else { continue }
        if let bias = parameters.biases[k] {
          let out = d.outputs
          bias.withBase { b in
            ws.outputs[i].withMutableBase { z in
              var r = 0
              while r < rows {
                (z + r &* out).update(from: b, count: out)
                r &+= 1
              }
            }
          }
        }
        Grid.gemm(
          1, input, parameters.weights[k], transposeB: true, parameters.biases[k] == nil ? 0 : 1,
          into: &ws.outputs[i])
      case .activation(let a):
        let cols = input.cols
        let activation = TrainingLoop.activation(a, at: i, parameters, plan)
        input.withBase { x in
          ws.outputs[i].withMutableBase { y in
            kinks += activation.forward(x, into: y, rows: rows, cols: cols)
          }
        }
      }
    }
    return kinks
  }

  /// Backward from the loss's gradient down to the first layer with
  /// parameters: dense ∂W = Gᵀ·X (gemm), ∂b = column sums of G, ∂X = G·W
  /// (gemm); activations ∂X = G ⊙ φ′ on raw buffers, PReLU ∂α = Σ G·min(X, 0).
  /// Adds the regularizer's gradient to each ∂W and returns its value
  /// (summed from the last dense layer down, as `Network.backward`) and the
  /// weights at its kink. A fused layer takes its SGD step here
  /// (`fusedDenseStep`), its ‖∂W‖² stored in `fusedNorms`.
  private mutating func backward(fusedNorms: inout [Double]) -> (loss: Double, kinks: Int) {
    let layers = template.layers
    let last = layers.count - 1
    let top = plan.fusesFinalSoftmax ? last - 1 : last
    let first = plan.firstParameterLayer
    let regularizer = template.spec.regularizer
    var regularization = (loss: 0.0, kinks: 0)
    guard top >= first else { return regularization }
    let rows = workspace.rows
    for i in stride(from: top, through: first, by: -1) {
      let input = i == 0 ? workspace.input : workspace.outputs[i - 1]
      let g = workspace.gradients[i]
      switch layers[i] {
      case .dense:
        guard let k = plan.denseNumber[i] else { continue }
        let fused = fusedUpdate[k]
        if fused {
          fusedNorms[k] = fusedDenseStep(layer: i, dense: k, g: g, input: input, first: first)
        } else {
          // 0 + x = x exactly, so β = 1 on a cleared buffer gives β = 0's numbers.
          let beta: Scalar = weightGradientsAreZero[k] ? 1 : 0
          Grid.gemm(1, g, transposeA: true, input, beta, into: &gradients.weights[k])
          weightGradientsAreZero[k] = false
        }
        if gradients.biases[k] != nil {
          let cols = g.cols
          g.withBase { gs in
            gradients.biases[k]?.withMutableBase { s in
              s.update(repeating: 0, count: cols)
              var r = 0
              while r < rows {
                let row = gs + r &* cols
                var c = 0
                while c < cols {
                  s[c] += row[c]
                  c &+= 1
                }
                r &+= 1
              }
            }
          }
        }
        if let regularizer {
          regularization.loss += regularizer.value(parameters.weights[k])
          regularizer.addGradient(of: parameters.weights[k], to: &gradients.weights[k])
          regularization.kinks += regularizer.kinks(in: parameters.weights[k])
        }
        if i > first && !fused {
          Grid.gemm(1, g, parameters.weights[k], 0, into: &workspace.gradients[i - 1])
        }
      case .activation(let a):
        let count = g.count
        let output = workspace.outputs[i]
        let activation = TrainingLoop.activation(a, at: i, parameters, plan)
        if let p = plan.preluNumber[i] {
          input.withBase { x in
            g.withBase { gs in
              gradients.alphas[p] = activation.alphaGradient(input: x, gradOutput: gs, count: count)
            }
          }
        }
        if i > first {
          let cols = g.cols
          input.withBase { x in
            output.withBase { y in
              g.withBase { gs in
                workspace.gradients[i - 1].withMutableBase { d in
                  activation.backward(input: x, output: y, gradOutput: gs, into: d, rows: rows, cols: cols)
                }
              }
            }
          }
        }
      }
    }
    return regularization
  }
}
