import Autodiff
import NeuralNet
import Tensor
import Testing

/// The autodiff engine and the layer library are independent implementations
/// of the same derivatives: the same small network must give the same
/// gradients in both.
@Suite struct CrossCheckTests {
  @Test func denseSigmoidBCEAgreesBetweenGraphAndLayerLibrary() throws {
    let w1: [[Double]] = [[0.3, -0.8], [1.1, 0.25], [-0.4, 0.6]]
    let b1: [Double] = [0.05, -0.2, 0.3]
    let w2: [[Double]] = [[0.7, -1.3, 0.45]]
    let b2 = -0.15
    let x: [Double] = [0.5, -1.2]
    for t in [0.0, 1.0] {
      let program = try GraphProgram.parse(
        """
        x = [0.5, -1.2]
        t = \(t)
        W1 = [[0.3, -0.8], [1.1, 0.25], [-0.4, 0.6]]
        b1 = [0.05, -0.2, 0.3]
        W2 = [[0.7, -1.3, 0.45]]
        b2 = -0.15
        h = sigmoid(W1 @ x + b1)
        p = sigmoid(W2 @ h + b2)
        L = -(t * log(p) + (1 - t) * log(1 - p))
        """)
      let graph = try program.evaluate()

      let spec = NetworkSpec(
        layers: [
          .dense(
            DenseSpec(
              inputs: 2, outputs: 3, bias: true, weights: Matrix(rowsOf: w1), biasValues: b1, initializer: nil
            )),
          .activation(.sigmoid),
          .dense(
            DenseSpec(
              inputs: 3, outputs: 1, bias: true, weights: Matrix(rowsOf: w2), biasValues: [b2],
              initializer: nil)),
          .activation(.sigmoid),
        ],
        loss: LossFunction(kind: .bce, scale: 1, reduction: .mean), regularizer: nil)
      var rng = RandomSource(seed: 0)
      let network = try Network(spec: spec, inputSize: 2, rng: &rng)
      let back = try network.lossAndGradients(Matrix(row: x), target: Matrix(scalar: t))

      #expect(abs(try #require(graph.node(named: "L")).value.storage[0] - back.loss) < 1e-12)
      let pairs = [("W1", "W1"), ("b1", "b1"), ("W2", "W2"), ("b2", "b2")]
      for (graphName, layerName) in pairs {
        let g = try #require(graph.gradient(wrt: graphName))
        let l = try #require(back.parameterGradients[layerName])
        // The graph keeps biases as columns; the layer library as rows.
        #expect(g.storage.count == l.storage.count)
        #expect(g.storage.elementsEqual(l.storage) { abs($0 - $1) < 1e-12 }, "\(graphName): \(g) vs \(l)")
      }
      // Both agree with central differences too.
      let fd = try program.finiteDifference(wrt: "W1")
      #expect(GradientComparison.relativeError(try #require(graph.gradient(wrt: "W1")), fd) < 1e-8)
    }
  }

  @Test func tanhMSEWithL2AgreesBetweenGraphAndLayerLibrary() throws {
    let program = try GraphProgram.parse(
      """
      x = [1.5, -0.5]
      t = 0.25
      lambda = 0.1
      W1 = [[0.2, -0.7], [0.9, 0.4]]
      W2 = [[-0.6, 1.2]]
      h = tanh(W1 @ x)
      y = W2 @ h
      L = (y - t)^2 + lambda / 2 * (sum(W1 * W1) + sum(W2 * W2))
      """)
    let graph = try program.evaluate()
    let spec = NetworkSpec(
      layers: [
        .dense(
          DenseSpec(
            inputs: 2, outputs: 2, bias: false, weights: Matrix(rowsOf: [[0.2, -0.7], [0.9, 0.4]]),
            biasValues: nil,
            initializer: nil)),
        .activation(.tanh),
        .dense(
          DenseSpec(
            inputs: 2, outputs: 1, bias: false, weights: Matrix(rowsOf: [[-0.6, 1.2]]), biasValues: nil,
            initializer: nil)),
      ],
      loss: LossFunction(kind: .mse, scale: 1, reduction: .mean), regularizer: .l2(0.1))
    var rng = RandomSource(seed: 0)
    let network = try Network(spec: spec, inputSize: 2, rng: &rng)
    let back = try network.lossAndGradients(Matrix(row: [1.5, -0.5]), target: Matrix(scalar: 0.25))
    #expect(abs(try #require(graph.node(named: "L")).value.storage[0] - back.loss) < 1e-12)
    for name in ["W1", "W2"] {
      let g = try #require(graph.gradient(wrt: name))
      let l = try #require(back.parameterGradients[name])
      #expect(g.storage.elementsEqual(l.storage) { abs($0 - $1) < 1e-12 }, "\(name)")
    }
  }
}
