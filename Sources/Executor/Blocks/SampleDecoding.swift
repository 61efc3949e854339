import Notebook
import Tensor

/// Inputs and targets written in a block (`input: [1, 2]`, `target: 1`).
enum SampleDecoding {
  /// Samples as an N×features matrix, by one rule for inline and named models
  /// (contract §4). `features` is the model's input size when it is known
  /// before the data (`ModelDefinition.knownInputSize`: the first dense
  /// layer's `in` or `weights`, or the size an earlier block built it with).
  ///
  /// - a number is one sample of one feature (1×1);
  /// - a flat list of n numbers is one sample (1×n) when n equals `features`
  ///   or `features` is unknown; else, when `features` is 1, n samples of one
  ///   feature (n×1); else an error naming both sizes;
  /// - a list of lists is a batch, one row per sample (rows of equal length).
  static func inputs(_ node: SpecNode, features: Int?) throws -> Matrix {
    switch try node.numericValue() {
    case .scalar(let x):
      return Matrix(rows: 1, cols: 1, storage: [x])
    case .vector(let v):
      if features == nil || v.count == features { return Matrix(row: v) }
      if features == 1 { return Matrix(column: v) }
      throw NotebookError(
        position: node.position,
        message: "the input has \(v.count) values but the model expects \(features ?? 0) features",
        hint: "Write one sample as a list of \(features ?? 0) numbers, or a batch as a list of such lists.")
    case .matrix(let rows):
      guard let m = Matrix(rowsOf: rows) else {
        throw NotebookError(
          position: node.position, message: "every sample must have the same number of features")
      }
      return m
    }
  }

  /// Targets as an N×outputs matrix for `samples` samples: a number per sample
  /// for a one-output model, a list per sample otherwise. A single integer
  /// class index per sample is kept as N×1 (cross-entropy accepts it).
  static func targets(_ node: SpecNode, samples: Int, outputs: Int) throws -> Matrix {
    let value = try node.numericValue()
    let m: Matrix
    switch value {
    case .scalar(let t):
      m = Matrix(rows: 1, cols: 1, storage: [t])
    case .vector(let v):
      if samples == 1 && v.count == outputs {
        m = Matrix(row: v)
      } else if v.count == samples {
        m = Matrix(column: v)
      } else {
        throw NotebookError(
          position: node.position,
          message: "\(v.count) targets for \(samples) sample(s) of a model with \(outputs) output(s)",
          hint: "Give a number per sample for a one-output model, or a list per sample otherwise.")
      }
    case .matrix(let rows):
      guard let mm = Matrix(rowsOf: rows) else {
        throw NotebookError(position: node.position, message: "every target row must have the same length")
      }
      m = mm
    }
    guard m.rows == samples else {
      throw NotebookError(
        position: node.position, message: "\(m.rows) target row(s) for \(samples) sample(s)")
    }
    return m
  }
}
