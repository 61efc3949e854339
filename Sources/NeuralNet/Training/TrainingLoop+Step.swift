import Tensor

/// One epoch of minibatch steps on the preallocated workspace.
extension TrainingLoop {
  /// Runs one epoch: draws `rng.permutation(N)`, then for each batch of
  /// `config.batch` consecutive indices of it (the last batch may be
  /// smaller): forward, loss (data + regularization), backward, and an
  /// optimizer step. Stops early, without applying that step, when a
  /// minibatch loss is NaN or ±∞ (`nonFiniteLoss`). Does not evaluate.
  public mutating func trainEpoch(rng: inout RandomSource, shouldStop: (() -> Bool)? = nil) -> EpochSteps {
    let n = trainingInput.rows
    let order = rng.permutation(n)
    let batch = config.batch.samples(outOf: n)
    var normSums = [Double](repeating: 0, count: plan.denseCount)
    var steps = 0
    var epochKinks = 0
    var start = 0
    while start < n {
      if let shouldStop, shouldStop() {
        return EpochSteps(
          steps: steps, gradientNorms: normSums.map { $0 / Double(Swift.max(steps, 1)) }, kinks: epochKinks,
          nonFiniteLoss: nil, stopped: true)
      }
      let end = Swift.min(start + batch, n)
      let (loss, stepKinks) = lossAndGradients(order[start..<end])
      guard loss.isFinite else {
        kinks += epochKinks
        return EpochSteps(
          steps: steps, gradientNorms: normSums.map { $0 / Double(steps) }, kinks: epochKinks,
          nonFiniteLoss: loss)
      }
      let squaredNorms = applyStep()
      for k in 0..<plan.denseCount { normSums[k] += squaredNorms[k].squareRoot() }
      steps += 1
      epochKinks += stepKinks
      start = end
    }
    epochsCompleted += 1
    kinks += epochKinks
    return EpochSteps(
      steps: steps, gradientNorms: normSums.map { $0 / Double(steps) }, kinks: epochKinks, nonFiniteLoss: nil)
  }

  /// Forward and backward on the samples `indices`: fills the gradient
  /// buffers and returns L (data + regularization) and the kinks, as
  /// `Network.lossAndGradients(_:target:)` on those rows.
  mutating func lossAndGradients(_ indices: ArraySlice<Int>) -> (loss: Double, kinks: Int) {
    workspace.resize(rows: indices.count)
    workspace.prepareGradients()
    TrainingWorkspace.gather(indices, of: trainingInput, into: &workspace.input)
    TrainingWorkspace.gather(indices, of: trainingTarget, into: &workspace.target)
    var kinks = TrainingLoop.forward(network.layers, &workspace)
    let data = lossLayer()
    kinks += data.kinks
    let regularization = backward()
    kinks += regularization.kinks
    return (data.loss + regularization.loss, kinks)
  }

  /// The loss layer on the workspace's last output (on the logits when
  /// softmax is fused with cross-entropy), writing ∂L/∂output into the
  /// gradient buffer of the layer whose output the loss reads.
  private mutating func lossLayer() -> (loss: Double, kinks: Int) {
    let last = network.layers.count - 1
    let top = plan.fusesFinalSoftmax ? last - 1 : last
    let output = top >= 0 ? workspace.outputs[top] : workspace.input
    let target = workspace.target
    let rows = workspace.rows
    let loss = network.spec.loss
    var result = (loss: 0.0, kinks: 0)
    if top < 0 {
      // A lone softmax layer fused with cross-entropy: nothing to train, but
      // the loss is still taken on the input.
      var scratch = Matrix(rows: rows, cols: output.cols)
      scratch.withMutableBase { g in
        output.withBase { y in
          target.withBase { t in
            result = loss.evaluate(
              output: y, rows: rows, cols: output.cols, target: t, targetCols: target.cols, gradient: g)
          }
        }
      }
      return result
    }
    workspace.gradients[top].withMutableBase { g in
      output.withBase { y in
        target.withBase { t in
          result = loss.evaluate(
            output: y, rows: rows, cols: output.cols, target: t, targetCols: target.cols, gradient: g)
        }
      }
    }
    return result
  }

  /// Runs every layer on `workspace.input`, writing `workspace.outputs`;
  /// returns the activation inputs at a kink. Dense: the bias rows are laid
  /// down, then one gemm adds X·Wᵀ (β = 1), as `DenseLayer.forward`.
  static func forward(_ layers: [Layer], _ ws: inout TrainingWorkspace) -> Int {
    var kinks = 0
    let rows = ws.rows
    for i in layers.indices {
      let input = i == 0 ? ws.input : ws.outputs[i - 1]
      switch layers[i] {
      case .dense(let d):
        if let bias = d.bias {
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
        Matrix.gemm(1, input, d.weights, transposeB: true, d.bias == nil ? 0 : 1, into: &ws.outputs[i])
      case .activation(let a):
        let cols = input.cols
        input.withBase { x in
          ws.outputs[i].withMutableBase { y in
            kinks += a.activation.forward(x, into: y, rows: rows, cols: cols)
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
  /// weights at its kink.
  private mutating func backward() -> (loss: Double, kinks: Int) {
    let last = network.layers.count - 1
    let top = plan.fusesFinalSoftmax ? last - 1 : last
    let first = plan.firstParameterLayer
    let regularizer = network.spec.regularizer
    var regularization = (loss: 0.0, kinks: 0)
    guard top >= first else { return regularization }
    let rows = workspace.rows
    for i in stride(from: top, through: first, by: -1) {
      let input = i == 0 ? workspace.input : workspace.outputs[i - 1]
      let g = workspace.gradients[i]
      switch network.layers[i] {
      case .dense(let d):
        guard let k = plan.denseNumber[i] else { continue }
        // 0 + x = x exactly, so β = 1 on a cleared buffer gives β = 0's numbers.
        let beta = weightGradientsAreZero[k] ? 1.0 : 0.0
        Matrix.gemm(1, g, transposeA: true, input, beta, into: &weightGradients[k])
        weightGradientsAreZero[k] = false
        if d.bias != nil {
          let cols = g.cols
          g.withBase { gs in
            biasGradients[k]?.withMutableBase { s in
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
          regularization.loss += regularizer.value(d.weights)
          regularizer.addGradient(of: d.weights, to: &weightGradients[k])
          regularization.kinks += regularizer.kinks(in: d.weights)
        }
        if i > first {
          Matrix.gemm(1, g, d.weights, 0, into: &workspace.gradients[i - 1])
        }
      case .activation(let a):
        let count = g.count
        let output = workspace.outputs[i]
        if let p = plan.preluNumber[i] {
          input.withBase { x in
            g.withBase { gs in
              alphaGradients[p] = a.activation.alphaGradient(input: x, gradOutput: gs, count: count)
            }
          }
        }
        if i > first {
          let cols = g.cols
          input.withBase { x in
            output.withBase { y in
              g.withBase { gs in
                workspace.gradients[i - 1].withMutableBase { d in
                  a.activation.backward(input: x, output: y, gradOutput: gs, into: d, rows: rows, cols: cols)
                }
              }
            }
          }
        }
      }
    }
    return regularization
  }

  /// The optimizer step on the gradient buffers, parameters updated in
  /// place; returns ‖∂L/∂W_k‖² per dense layer. Plain SGD runs fused with
  /// the norms (one pass over each ∂W); momentum and Adam go through
  /// `Optimizer.step` after the norms are taken.
  private mutating func applyStep() -> [Double] {
    if case .sgd = optimizer.kind {
      let squaredNorms = optimizer.fusedSGDStep(
        &network, plan: plan, weights: &weightGradients, biases: biasGradients, alphas: alphaGradients)
      for k in weightGradientsAreZero.indices { weightGradientsAreZero[k] = true }
      return squaredNorms
    }
    var squaredNorms = [Double](repeating: 0, count: plan.denseCount)
    for k in 0..<plan.denseCount {
      weightGradients[k].withBase { g in squaredNorms[k] = sumOfSquares(g, count: weightGradients[k].count) }
    }
    var gradients: [String: Matrix] = [:]
    gradients.reserveCapacity(plan.denseCount * 2 + plan.preluCount)
    for k in 0..<plan.denseCount {
      gradients[plan.weightNames[k]] = weightGradients[k]
      if let b = biasGradients[k] { gradients[plan.biasNames[k]] = b }
    }
    for p in 0..<plan.preluCount {
      gradients[plan.alphaNames[p]] = Matrix(scalar: alphaGradients[p])
    }
    optimizer.step(&network, gradients: gradients)
    return squaredNorms
  }
}
