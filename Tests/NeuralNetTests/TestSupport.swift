import Tensor

@testable import NeuralNet

/// A matrix literal that cannot fail in tests (rows of equal length).
func mat(_ rows: [[Double]]) -> Matrix {
  Matrix(rows: rows.count, cols: rows.first?.count ?? 0, storage: rows.flatMap { $0 })
}

/// rows × cols uniform draws on [lo, hi) whose absolute value is at least `avoid`.
func randomMatrix(
  _ rows: Int, _ cols: Int, _ rng: inout RandomSource, _ lo: Double = -3, _ hi: Double = 3, avoid: Double = 0
) -> Matrix {
  var m = Matrix(rows: rows, cols: cols)
  for i in 0..<m.count {
    var v = rng.uniform(lo, hi)
    while abs(v) < avoid { v = rng.uniform(lo, hi) }
    m.storage[i] = v
  }
  return m
}

/// ‖a − n‖₂ / max(‖a‖₂ + ‖n‖₂, 1e-8), the contract's relative error.
func relativeError(_ a: Matrix, _ n: Matrix) -> Double {
  (a - n).norm() / max(a.norm() + n.norm(), 1e-8)
}

/// Central differences of a scalar function of a matrix, element by element.
func numericGradient(_ x: Matrix, h: Double = 1e-5, _ f: (Matrix) -> Double) -> Matrix {
  var g = Matrix(rows: x.rows, cols: x.cols)
  for i in 0..<x.count {
    var plus = x
    plus.storage[i] += h
    var minus = x
    minus.storage[i] -= h
    g.storage[i] = (f(plus) - f(minus)) / (2 * h)
  }
  return g
}

/// Elementwise |a − b| ≤ tolerance (and equal shapes).
func close(_ a: Matrix, _ b: Matrix, _ tolerance: Double) -> Bool {
  a.rows == b.rows && a.cols == b.cols && a.maxAbsDifference(b) <= tolerance
}

/// A network from compact layer strings.
func network(
  _ layers: [String], loss: LossFunction, inputSize: Int? = nil, regularizer: Regularizer? = nil,
  initializer: Initializer = .xavier, seed: UInt64 = 1
) throws -> Network {
  var specs: [LayerSpec] = []
  for text in layers { specs.append(try LayerSpec.parseCompact(text)) }
  var rng = RandomSource(seed: seed)
  return try Network(
    spec: NetworkSpec(layers: specs, loss: loss, regularizer: regularizer, initializer: initializer),
    inputSize: inputSize, rng: &rng)
}

/// The error a throwing closure throws, or nil.
func thrownError(_ body: () throws -> Void) -> NeuralNetError? {
  do {
    try body()
    return nil
  } catch let error as NeuralNetError {
    return error
  } catch {
    return NeuralNetError("unexpected error type: \(error)")
  }
}
