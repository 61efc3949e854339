import Tensor

/// Builds a `data` block's train and test sets from a source and the common options.
public enum DataLoader {
  /// Loads `source`, then applies `options` in the order documented on `DataOptions`:
  /// `classes-keep`, `relabel`, `split`, `limit`, `standardize`, `one-hot`.
  ///
  /// Every random draw (generation, then the split's shuffles) comes from `rng`, so the
  /// same seed gives the same bytes. `csv` and `idx` paths must already be expanded
  /// (`PathTemplate.resolveFile`). `classCount` is the largest label + 1, computed after
  /// `relabel` and before the split so that train and test agree.
  ///
  /// Sizes read from files (CSV cells, IDX headers) and the one-hot targets
  /// (rows × classes × 8 bytes, twice) are checked against `memoryLimit`
  /// before they are allocated; the error has `neededBytes` set.
  public static func load(
    _ source: DataSource, options: DataOptions, rng: inout RandomSource, memoryLimit: Int = .max
  ) throws(DatasetError) -> DataSplit {
    var data = try raw(source, &rng, memoryLimit: memoryLimit)
    if let keep = options.keepClasses { data = try DataPipeline.keep(data, classes: keep) }
    if let map = options.relabel { data = try DataPipeline.relabel(data, map: map) }
    let classCount = DataPipeline.classCount(data.labels)

    var trainRows = Array(0..<data.features.rows)
    var testRows: [Int]? = nil
    if let fractions = options.split {
      (trainRows, testRows) = try DataPipeline.split(data, fractions: fractions, rng: &rng)
    }
    if let limit = options.limit {
      guard limit >= 1 else {
        throw DatasetError("'limit' must be at least 1; it is \(limit)", key: "limit")
      }
      trainRows = Array(trainRows.prefix(limit))
      testRows = testRows.map { Array($0.prefix(limit)) }
    }
    var train = data.rows(trainRows)
    var test = testRows.map { data.rows($0) }

    var standardization: Standardization? = nil
    if options.standardize {
      let stats = DataPipeline.fitStandardization(train.features)
      DataPipeline.apply(stats, to: &train.features)
      if var part = test {
        DataPipeline.apply(stats, to: &part.features)
        test = part
      }
      standardization = stats
    }
    if options.oneHot, data.labels == nil || classCount == nil {
      throw DatasetError(
        data.labels == nil
          ? "'one-hot' needs class labels, but the targets are not all whole numbers"
          : "'one-hot' needs labels 0, 1, 2, …, but there is a negative label",
        hint: data.labels == nil
          ? "Drop 'one-hot' for regression data." : "Map it with 'relabel', e.g. {-1: 0}.",
        key: "one-hot")
    }
    if options.oneHot, let k = classCount, k < 2 {
      // One-hot rows of a single class are N×1 ones, which a loss would read
      // as the class index 1.
      throw DatasetError(
        "'one-hot' needs at least two classes, but the only label is 0",
        hint: "Drop 'one-hot' (class indices work as targets), or include data of class 1.", key: "one-hot")
    }
    if options.oneHot, let k = classCount {
      let rows = Double(train.features.rows + (test?.features.rows ?? 0))
      try MemoryCheck.check(
        16 * rows * Double(k), "one-hot targets for \(k) classes (the largest label is \(k - 1))",
        key: "one-hot", limit: memoryLimit)
    }
    let trainSet = DataPipeline.dataset(train, classCount: classCount, oneHot: options.oneHot)
    let testSet = test.map { DataPipeline.dataset($0, classCount: classCount, oneHot: options.oneHot) }
    let summary = DataPipeline.summary(
      source: source.label, train: train, test: test, classCount: classCount)
    return DataSplit(train: trainSet, test: testSet, summary: summary, standardization: standardization)
  }

  /// The source's rows before any option.
  static func raw(_ source: DataSource, _ rng: inout RandomSource, memoryLimit: Int = .max)
    throws(DatasetError) -> RawData
  {
    switch source {
    case .gaussian(let classes):
      return try Generators.gaussian(classes, &rng)
    case .xor(let n, let noise):
      return try Generators.xor(n: n, noise: noise, &rng)
    case .moons(let n, let noise):
      return try Generators.moons(n: n, noise: noise, &rng)
    case .circles(let n, let noise, let factor):
      return try Generators.circles(n: n, noise: noise, factor: factor, &rng)
    case .spiral(let n, let classes, let noise):
      return try Generators.spiral(n: n, classes: classes, noise: noise, &rng)
    case .table(let x, let y):
      return try table(x: x, y: y)
    case .csv(let path, let target, let delimiter):
      return try CSVReader.read(path: path, target: target, delimiter: delimiter, memoryLimit: memoryLimit)
    case .idx(let imagesPath, let labelsPath):
      let images = try IDXReader.readImages(path: imagesPath, memoryLimit: memoryLimit)
      let labels = try IDXReader.readLabels(path: labelsPath, memoryLimit: memoryLimit)
      guard images.rows == labels.count else {
        throw DatasetError(
          "'\(imagesPath)' holds \(images.rows) images but '\(labelsPath)' holds \(labels.count) labels",
          hint: "Use the labels file that belongs to these images (train with train, t10k with t10k).",
          key: "labels")
      }
      return RawData(features: images, labels: labels)
    }
  }

  /// `table`: rows `x` (all the same length ≥ 1), one finite `y` per row.
  static func table(x: [[Double]], y: [Double]) throws(DatasetError) -> RawData {
    guard let first = x.first else {
      throw DatasetError("'x' has no rows", hint: "Give a list of rows, e.g. x: [[0, 0], [0, 1]].", key: "x")
    }
    guard !first.isEmpty else { throw DatasetError("row 1 of 'x' is empty", key: "x") }
    for (i, row) in x.enumerated() {
      guard row.count == first.count else {
        throw DatasetError(
          "row \(i + 1) of 'x' has \(row.count) values but row 1 has \(first.count)",
          hint: "Every row needs the same number of features.", key: "x")
      }
      guard row.allSatisfy(\.isFinite) else {
        throw DatasetError("row \(i + 1) of 'x' has a value that is not a finite number", key: "x")
      }
    }
    guard y.count == x.count else {
      throw DatasetError(
        "'y' has \(y.count) values but 'x' has \(x.count) rows", hint: "Give one target per row.", key: "y")
    }
    guard y.allSatisfy(\.isFinite) else {
      throw DatasetError("'y' has a value that is not a finite number", key: "y")
    }
    var storage = [Double]()
    storage.reserveCapacity(x.count * first.count)
    for row in x { storage.append(contentsOf: row) }
    return RawData(features: Matrix(rows: x.count, cols: first.count, storage: storage), values: y)
  }
}
