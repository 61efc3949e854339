import Tensor

/// Samples as a source produced them, before the common options.
struct RawData {
  /// N×d features.
  var features: Matrix
  /// One target value per row (the label as `Double` for classification data).
  var values: [Double]
  /// Class labels when every value is a whole number, else `nil`.
  var labels: [Int]?

  /// Labelled data: `values` are the labels as `Double`.
  init(features: Matrix, labels: [Int]) {
    self.features = features
    self.values = labels.map(Double.init)
    self.labels = labels
  }

  /// Data whose targets are `values`; labels are set when every value is a whole
  /// number that fits an `Int` exactly (|v| < 2⁵³).
  init(features: Matrix, values: [Double]) {
    self.features = features
    self.values = values
    var labels: [Int] = []
    labels.reserveCapacity(values.count)
    for v in values {
      guard v == v.rounded(), abs(v) < 9_007_199_254_740_992, let k = Int(exactly: v) else {
        self.labels = nil
        return
      }
      labels.append(k)
    }
    self.labels = labels
  }

  /// The rows `indices`, in that order (no copy when they are all rows in order).
  func rows(_ indices: [Int]) -> RawData {
    if indices.elementsEqual(0..<features.rows) { return self }
    var out = self
    out.features = features.rows(at: indices)
    out.values = indices.map { values[$0] }
    out.labels = labels.map { l in indices.map { l[$0] } }
    return out
  }
}
