import Tensor

/// The common options, one function each, in the order `DataLoader.load` applies them.
enum DataPipeline {
  /// The labels, or an error saying that `key` needs them.
  static func requireLabels(_ data: RawData, key: String) throws(DatasetError) -> [Int] {
    guard let labels = data.labels else {
      let example =
        data.values.firstIndex { $0 != $0.rounded() }.map {
          " (row \($0 + 1) has \(data.values[$0]))"
        } ?? ""
      throw DatasetError(
        "'\(key)' needs class labels, but the targets are not all whole numbers\(example)",
        hint: "Drop '\(key)' for regression data.", key: key)
    }
    return labels
  }

  /// The sorted distinct labels, written `0, 1, 2`.
  static func present(_ labels: [Int]) -> String {
    Set(labels).sorted().map(String.init).joined(separator: ", ")
  }

  /// `classes-keep`: the rows whose label is in `classes`, in source order. Throws when a
  /// listed label never occurs (likely a typo) or the list is empty.
  static func keep(_ data: RawData, classes: [Int]) throws(DatasetError) -> RawData {
    let labels = try requireLabels(data, key: "classes-keep")
    guard !classes.isEmpty else {
      throw DatasetError(
        "'classes-keep' is empty", hint: "List the labels to keep, e.g. [1, 2].", key: "classes-keep")
    }
    let occurring = Set(labels)
    if let missing = classes.first(where: { !occurring.contains($0) }) {
      throw DatasetError(
        "'classes-keep' lists label \(missing), which does not occur; the labels are \(present(labels))",
        key: "classes-keep")
    }
    let wanted = Set(classes)
    return data.rows(labels.indices.filter { wanted.contains(labels[$0]) })
  }

  /// `relabel`: label `l` becomes `map[l]` (others unchanged); the target values follow.
  /// Throws when a key of `map` does not occur among the labels.
  static func relabel(_ data: RawData, map: [Int: Int]) throws(DatasetError) -> RawData {
    let labels = try requireLabels(data, key: "relabel")
    let occurring = Set(labels)
    if let missing = map.keys.sorted().first(where: { !occurring.contains($0) }) {
      throw DatasetError(
        "'relabel' maps label \(missing), which does not occur; the labels are \(present(labels))",
        hint: "'relabel' applies after 'classes-keep', to the original labels.", key: "relabel")
    }
    let mapped = labels.map { map[$0] ?? $0 }
    return RawData(features: data.features, labels: mapped)
  }

  /// Largest label + 1, or `nil` without labels, with no rows, or with a negative label.
  static func classCount(_ labels: [Int]?) -> Int? {
    guard let labels, let lo = labels.min(), let hi = labels.max(), lo >= 0 else { return nil }
    return hi + 1
  }

  /// Stratified split (see `SplitFractions`): per class in increasing label order, a
  /// shuffled copy of its row indices gives `n_test` test rows then `n_train` train rows;
  /// then each part is shuffled. Returns `test = nil` when the test fraction is 0.
  static func split(_ data: RawData, fractions: SplitFractions, rng: inout RandomSource)
    throws(DatasetError) -> (train: [Int], test: [Int]?)
  {
    let a = fractions.train
    let b = fractions.test
    guard a.isFinite, b.isFinite, a > 0, a <= 1, b >= 0, b < 1, a + b <= 1 + 1e-9 else {
      throw DatasetError(
        "'split' fractions must satisfy 0 < train ≤ 1, 0 ≤ test < 1 and train + test ≤ 1; they are train \(a), test \(b)",
        hint: "For example split: {train: 0.8, test: 0.2}.", key: "split")
    }
    let complete = abs(a + b - 1) <= 1e-9
    var groups: [[Int]]
    if let labels = data.labels {
      var byLabel: [Int: [Int]] = [:]
      for (i, l) in labels.enumerated() { byLabel[l, default: []].append(i) }
      groups = byLabel.keys.sorted().compactMap { byLabel[$0] }
    } else {
      groups = [Array(0..<data.values.count)]
    }
    var train: [Int] = []
    var test: [Int] = []
    for var rows in groups {
      rng.shuffle(&rows)
      let n = Double(rows.count)
      let nTest = min(Int((n * b).rounded()), rows.count)
      let nTrain = complete ? rows.count - nTest : min(Int((n * a).rounded()), rows.count - nTest)
      test.append(contentsOf: rows[0..<nTest])
      train.append(contentsOf: rows[nTest..<(nTest + nTrain)])
    }
    rng.shuffle(&train)
    rng.shuffle(&test)
    guard !train.isEmpty else {
      throw DatasetError(
        "'split' leaves no training rows (\(data.values.count) rows, train fraction \(a))", key: "split")
    }
    if b == 0 { return (train, nil) }
    guard !test.isEmpty else {
      throw DatasetError(
        "'split' leaves no test rows: \(data.values.count) rows with test fraction \(b) round to 0 per class",
        hint: "Use more data or a larger test fraction.", key: "split")
    }
    return (train, test)
  }

  /// Mean and population standard deviation of each column of `x` (divisor N).
  static func fitStandardization(_ x: Matrix) -> Standardization {
    let n = x.rows
    let d = x.cols
    var mean = [Double](repeating: 0, count: d)
    var variance = [Double](repeating: 0, count: d)
    guard n > 0 else { return Standardization(mean: mean, std: variance) }
    x.storage.withUnsafeBufferPointer { s in
      mean.withUnsafeMutableBufferPointer { m in
        for i in 0..<n {
          let row = i &* d
          for j in 0..<d { m[j] += s[row &+ j] }
        }
        for j in 0..<d { m[j] /= Double(n) }
        variance.withUnsafeMutableBufferPointer { v in
          for i in 0..<n {
            let row = i &* d
            for j in 0..<d {
              let e = s[row &+ j] - m[j]
              v[j] += e * e
            }
          }
        }
      }
    }
    return Standardization(mean: mean, std: variance.map { ($0 / Double(n)).squareRoot() })
  }

  /// `x_ij ← (x_ij − mean_j) / s_j` with `s_j = std_j`, or `s_j = 1` where `std_j = 0`
  /// (a constant feature is only centred, to 0).
  static func apply(_ stats: Standardization, to x: inout Matrix) {
    let d = x.cols
    let n = x.rows
    let scale = stats.std.map { $0 > 0 ? 1 / $0 : 1 }
    x.storage.withUnsafeMutableBufferPointer { s in
      for i in 0..<n {
        let row = i &* d
        for j in 0..<d { s[row &+ j] = (s[row &+ j] - stats.mean[j]) * scale[j] }
      }
    }
  }

  /// The public data set: targets N×1 values, or N×k one-hot rows
  /// (`t[i, labels[i]] = 1`) when `oneHot` (then `classCount` is not `nil`).
  static func dataset(_ part: RawData, classCount: Int?, oneHot: Bool) -> Dataset {
    var targets = Matrix(column: part.values)
    if oneHot, let labels = part.labels, let k = classCount {
      targets = Matrix(rows: labels.count, cols: k)
      for (i, l) in labels.enumerated() { targets.storage[i * k + l] = 1 }
    }
    return Dataset(unchecked: part.features, targets: targets, labels: part.labels, classCount: classCount)
  }

  /// Counts per label in each part, for the report.
  static func summary(source: String, train: RawData, test: RawData?, classCount: Int?) -> DataSummary {
    var counts: [Int: (Int, Int)] = [:]
    for l in train.labels ?? [] { counts[l, default: (0, 0)].0 += 1 }
    for l in test?.labels ?? [] { counts[l, default: (0, 0)].1 += 1 }
    return DataSummary(
      source: source, trainCount: train.features.rows, testCount: test?.features.rows ?? 0,
      featureCount: train.features.cols, classCount: train.labels == nil ? nil : classCount,
      classCounts: counts.keys.sorted().map { l in
        DataSummary.ClassCount(label: l, train: counts[l]?.0 ?? 0, test: counts[l]?.1 ?? 0)
      })
  }
}
