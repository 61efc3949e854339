import Testing

@testable import Datasets
@testable import Tensor

@Suite struct OptionsTests {
  /// A table whose first feature is the row number, so rows can be traced.
  static func traced(labels: [Int]) -> DataSource {
    .table(x: labels.indices.map { [Double($0), Double($0 % 3)] }, y: labels.map(Double.init))
  }

  @Test func splitIsStratifiedDisjointAndDeterministic() throws {
    // Class 0: 100 rows, class 1: 50 rows, class 2: 7 rows.
    let labels =
      [Int](repeating: 0, count: 100) + [Int](repeating: 1, count: 50) + [Int](repeating: 2, count: 7)
    let options = DataOptions(split: SplitFractions(train: 0.8, test: 0.2))
    let a = try load(Self.traced(labels: labels), options, seed: 5)
    let test = try #require(a.test)
    // n_test = round(n_c · 0.2): 20, 10, round(1.4) = 1; train gets the rest.
    #expect(
      a.summary.classCounts == [
        .init(label: 0, train: 80, test: 20), .init(label: 1, train: 40, test: 10),
        .init(label: 2, train: 6, test: 1),
      ])
    #expect(a.train.count == 126)
    #expect(test.count == 31)
    #expect(a.summary.trainCount == 126)
    #expect(a.summary.testCount == 31)
    // Every row lands in exactly one part, with its own label.
    let ids = column(a.train.features, 0) + column(test.features, 0)
    #expect(ids.sorted() == (0..<157).map(Double.init))
    let trainLabels = try #require(a.train.labels)
    for (i, id) in column(a.train.features, 0).enumerated() { #expect(trainLabels[i] == labels[Int(id)]) }
    // Parts are shuffled (not in source order) and the same seed gives the same split.
    #expect(column(a.train.features, 0) != column(a.train.features, 0).sorted())
    #expect(try load(Self.traced(labels: labels), options, seed: 5) == a)
    #expect(try load(Self.traced(labels: labels), options, seed: 6).train != a.train)
  }

  /// Halves round away from zero; fractions that do not sum to 1 leave rows out.
  @Test func splitRounding() throws {
    let labels = [Int](repeating: 0, count: 5) + [Int](repeating: 1, count: 10)
    let half = try load(Self.traced(labels: labels), DataOptions(split: .init(train: 0.7, test: 0.3)))
    // 5 · 0.3 = 1.5 → 2 test, 3 train; 10 · 0.3 = 3 test, 7 train.
    #expect(
      half.summary.classCounts == [.init(label: 0, train: 3, test: 2), .init(label: 1, train: 7, test: 3)])
    let partial = try load(Self.traced(labels: labels), DataOptions(split: .init(train: 0.4, test: 0.2)))
    // round(2) train, round(1) test of 5; round(4) train, round(2) test of 10.
    #expect(
      partial.summary.classCounts == [.init(label: 0, train: 2, test: 1), .init(label: 1, train: 4, test: 2)])
    let none = try load(Self.traced(labels: labels), DataOptions(split: .init(train: 1, test: 0)))
    #expect(none.test == nil)
    #expect(none.train.count == 15)
  }

  @Test func splitErrors() {
    func error(_ s: SplitFractions, n: Int = 10) -> DatasetError? {
      datasetError { () throws(DatasetError) in
        _ = try load(Self.traced(labels: [Int](repeating: 0, count: n)), DataOptions(split: s))
      }
    }
    #expect(error(.init(train: 0.8, test: 0.3))?.key == "split")
    #expect(error(.init(train: 0, test: 0.5))?.key == "split")
    let empty = error(.init(train: 0.9, test: 0.1), n: 3)
    #expect(
      empty?.message == "'split' leaves no test rows: 3 rows with test fraction 0.1 round to 0 per class")
  }

  /// Regression targets (not whole numbers) split as one group.
  @Test func regressionDataSplitsAsOneGroup() throws {
    let x = (0..<10).map { [Double($0)] }
    let d = try load(.table(x: x, y: x.map { $0[0] + 0.5 }), DataOptions(split: .init(train: 0.8, test: 0.2)))
    #expect(d.train.labels == nil)
    #expect(d.train.classCount == nil)
    #expect(d.summary.classCount == nil)
    #expect(d.train.count == 8)
    #expect(d.test?.count == 2)
    for i in 0..<d.train.count { #expect(d.train.targets[i, 0] == d.train.features[i, 0] + 0.5) }
  }

  @Test func keepAndRelabel() throws {
    let source = Self.traced(labels: [0, 1, 2, 1, 2, 0, 2])
    let kept = try load(source, DataOptions(keepClasses: [1, 2]))
    #expect(column(kept.train.features, 0) == [1, 2, 3, 4, 6])  // source order kept
    #expect(kept.train.labels == [1, 2, 1, 2, 2])
    #expect(kept.train.classCount == 3)  // largest label + 1
    let relabelled = try load(source, DataOptions(keepClasses: [1, 2], relabel: [1: 0, 2: 1]))
    #expect(relabelled.train.labels == [0, 1, 0, 1, 1])
    #expect(relabelled.train.targets.storage == [0, 1, 0, 1, 1])
    #expect(relabelled.train.classCount == 2)
    #expect(
      relabelled.summary.classCounts == [
        .init(label: 0, train: 2, test: 0), .init(label: 1, train: 3, test: 0),
      ])

    let missing = datasetError { () throws(DatasetError) in
      _ = try load(source, DataOptions(keepClasses: [1, 5]))
    }
    #expect(missing?.message == "'classes-keep' lists label 5, which does not occur; the labels are 0, 1, 2")
    let badMap = datasetError { () throws(DatasetError) in
      _ = try load(source, DataOptions(keepClasses: [1, 2], relabel: [0: 1]))
    }
    #expect(badMap?.key == "relabel")
    let regression = datasetError { () throws(DatasetError) in
      _ = try load(.table(x: [[1], [2]], y: [0.5, 1]), DataOptions(keepClasses: [1]))
    }
    #expect(
      regression?.message
        == "'classes-keep' needs class labels, but the targets are not all whole numbers (row 1 has 0.5)")
  }

  @Test func limitTakesTheFirstRowsOfEachPart() throws {
    let labels = (0..<40).map { $0 % 2 }
    let plain = try load(Self.traced(labels: labels), DataOptions(limit: 5))
    #expect(column(plain.train.features, 0) == [0, 1, 2, 3, 4])
    let split = try load(Self.traced(labels: labels), DataOptions(split: .init(train: 0.5, test: 0.5)))
    let limited = try load(
      Self.traced(labels: labels), DataOptions(limit: 3, split: .init(train: 0.5, test: 0.5)))
    #expect(limited.train.features == split.train.features.rows(in: 0..<3))
    #expect(limited.test?.features == split.test?.features.rows(in: 0..<3))
    #expect(limited.summary.trainCount == 3)
    #expect(limited.summary.testCount == 3)
    let zero = datasetError { () throws(DatasetError) in
      _ = try load(Self.traced(labels: labels), DataOptions(limit: 0))
    }
    #expect(zero?.key == "limit")
  }

  @Test func standardizeFitsOnTrainAndAppliesToTest() throws {
    let n = 60
    // Column 0 varies, column 1 is constant (std 0: only centred).
    let x = (0..<n).map { [Double($0 * $0) / 10, 7] }
    let y = (0..<n).map { Double($0 % 2) }
    let options = DataOptions(standardize: true, split: .init(train: 0.75, test: 0.25))
    let raw = try load(.table(x: x, y: y), DataOptions(split: .init(train: 0.75, test: 0.25)), seed: 3)
    let d = try load(.table(x: x, y: y), options, seed: 3)
    let rawTrain = column(raw.train.features, 0)
    let (m, s) = (mean(rawTrain), std(rawTrain))
    #expect(abs(mean(column(d.train.features, 0))) < 1e-12)
    #expect(abs(std(column(d.train.features, 0)) - 1) < 1e-12)
    #expect(column(d.train.features, 1).allSatisfy { $0 == 0 })
    let stats = try #require(d.standardization)
    #expect(abs(stats.mean[0] - m) < 1e-9)
    #expect(abs(stats.std[0] - s) < 1e-9)
    #expect(stats.mean[1] == 7)
    #expect(stats.std[1] == 0)
    let test = try #require(d.test)
    let rawTest = try #require(raw.test)
    for i in 0..<test.count {
      #expect(abs(test.features[i, 0] - (rawTest.features[i, 0] - m) / s) < 1e-12)
      #expect(test.features[i, 1] == 0)
    }
    // The test part is not standardized on its own statistics.
    #expect(abs(mean(column(test.features, 0))) > 1e-3)
  }

  @Test func oneHotTargets() throws {
    let d = try load(.table(x: [[0], [1], [2], [3]], y: [0, 2, 1, 2]), DataOptions(oneHot: true))
    #expect(d.train.targets.rows == 4)
    #expect(d.train.targets.cols == 3)
    #expect(d.train.targets.rowArrays == [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]])
    #expect(d.train.labels == [0, 2, 1, 2])
    let negative = datasetError { () throws(DatasetError) in
      _ = try load(.table(x: [[0], [1]], y: [-1, 1]), DataOptions(oneHot: true))
    }
    #expect(negative?.key == "one-hot")
    #expect(negative?.hint == "Map it with 'relabel', e.g. {-1: 0}.")
    let mapped = try load(.table(x: [[0], [1]], y: [-1, 1]), DataOptions(relabel: [-1: 0], oneHot: true))
    #expect(mapped.train.targets.rowArrays == [[1, 0], [0, 1]])
  }

  @Test func tableErrors() {
    func error(_ x: [[Double]], _ y: [Double]) -> DatasetError? {
      datasetError { () throws(DatasetError) in _ = try load(.table(x: x, y: y)) }
    }
    #expect(error([[1, 2], [3]], [0, 1])?.message == "row 2 of 'x' has 1 values but row 1 has 2")
    #expect(error([[1], [2]], [0])?.key == "y")
    #expect(error([], [])?.key == "x")
  }

  @Test func summaryRows() throws {
    let d = try load(
      Self.traced(labels: [0, 0, 1, 1, 1, 1, 0, 0, 1, 1]), DataOptions(split: .init(train: 0.5, test: 0.5)))
    let rows = d.summary.rows.map { "\($0.0)=\($0.1)" }
    #expect(
      rows == [
        "source=table", "train=5", "test=5", "features=2", "classes=2", "class 0=2 / 2", "class 1=3 / 3",
      ])
  }
}
