import NeuralNet
import Tensor

/// The homework-3 workload every benchmark shares: 784-1000-1000-1 (relu,
/// relu, sigmoid), bce, batch 64, plain SGD lr 0.01, one epoch over 12,000
/// seeded synthetic samples (inputs uniform in [0, 1), targets 0/1).
enum Workload {
  static let samples = 12_000
  static let batch = 64
  static let widths = [784, 1000, 1000, 1]
  /// FLOP per sample of one training step: 2·(784·1000 + 1000·1000 + 1000)
  /// forward, the same for the weight gradients, 2·(1000·1000 + 1000) for
  /// the input gradients of layers 2 and 3.
  static let flopPerSample = 9_142_000.0

  /// The network (He init, seed 1).
  static func network() throws -> Network {
    var rng = RandomSource(seed: 1)
    let spec = NetworkSpec(
      layers: [
        .dense(DenseSpec(inputs: 784, outputs: 1000)), .activation(.relu),
        .dense(DenseSpec(outputs: 1000)), .activation(.relu),
        .dense(DenseSpec(outputs: 1)), .activation(.sigmoid),
      ], loss: LossFunction(kind: .bce), initializer: .he)
    return try Network(spec: spec, inputSize: 784, rng: &rng)
  }

  /// Seeded inputs uniform in [0, 1) and random 0/1 targets.
  static func data(_ n: Int = samples) -> (x: Matrix, t: Matrix) {
    var rng = RandomSource(seed: 2)
    var x = Matrix(rows: n, cols: 784)
    for i in 0..<x.count { x.storage[i] = rng.uniform() }
    var t = Matrix(rows: n, cols: 1)
    for i in 0..<n { t.storage[i] = rng.index(below: 2) == 0 ? 0 : 1 }
    return (x, t)
  }

  static let config = TrainingConfig(optimizer: .sgd, learningRate: 0.01, batch: .size(batch), epochs: 1)

  /// Seconds of each of `epochs` training epochs (`trainEpoch` only: forward,
  /// backward, update; no evaluation), after a warm-up of 10 steps.
  static func epochSeconds<Scalar: BLASScalar>(_: Scalar.Type, epochs: Int) throws -> [Double] {
    let network = try network()
    let (x, t) = data()
    var warmRng = RandomSource(seed: 3)
    var warm = try TrainingLoop<Scalar>(
      network: network, x: x.rows(in: 0..<640), t: t.rows(in: 0..<640), testX: nil, testT: nil, config: config
    )
    _ = warm.trainEpoch(rng: &warmRng)
    var rng = RandomSource(seed: 4)
    var loop = try TrainingLoop<Scalar>(network: network, x: x, t: t, testX: nil, testT: nil, config: config)
    var times: [Double] = []
    for _ in 0..<epochs {
      var steps: EpochSteps?
      times.append(seconds { steps = loop.trainEpoch(rng: &rng) })
      if let loss = steps?.nonFiniteLoss { print("warning: the benchmark run diverged (loss \(loss))") }
    }
    return times
  }
}

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
  let start = ContinuousClock.now
  body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
  let s = values.sorted()
  guard !s.isEmpty else { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
