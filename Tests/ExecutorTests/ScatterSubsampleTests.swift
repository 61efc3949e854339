import Datasets
import Tensor
import Testing

@testable import Executor

/// A scatter plot draws at most ``DataReport/maxScatterPoints`` points: a data block of a
/// million 2-D samples used to pipe every point (twice) to gnuplot and into the cache, and
/// took minutes for a picture that is a solid blob long before that.
@Suite struct ScatterSubsampleTests {
  /// `n` samples with features (i, −i) and labels i mod 3.
  func dataset(_ n: Int) throws -> Dataset {
    var x = Matrix(rows: n, cols: 2)
    for i in 0..<n {
      x[i, 0] = Double(i)
      x[i, 1] = -Double(i)
    }
    return try Dataset(
      features: x, targets: Matrix(rows: n, cols: 1), labels: (0..<n).map { $0 % 3 }, classCount: 3)
  }

  @Test func smallSetsAreDrawnWhole() throws {
    let classes = DataReport.points(of: try dataset(300))
    #expect(classes.map(\.x.count) == [100, 100, 100])
    #expect(classes[1].x.first == 1)
    #expect(classes[1].y.first == -1)
    #expect(DataReport.shownNote(count: 300) == nil)
  }

  @Test func largeSetsAreDrawnEveryKthSample() throws {
    let n = 1_000_000
    let classes = DataReport.points(of: try dataset(n))
    let shown = classes.map(\.x.count).reduce(0, +)
    // stride ⌈1 000 000 / 5 000⌉ = 200: samples 0, 200, 400, …; all have label (200k) mod 3.
    #expect(shown == 5_000)
    #expect(classes[0].x.prefix(3) == [0, 600, 1200])
    #expect(classes[1].x.prefix(2) == [400, 1000])
    #expect(classes[2].x.prefix(2) == [200, 800])
    #expect(DataReport.shownNote(count: n) == "every 200th sample shown, 5000 points")
  }

  func split(_ n: Int) throws -> DataSplit {
    let summary = DataSummary(
      source: "test", trainCount: n, testCount: 0, featureCount: 2, classCount: 3, classCounts: [])
    return DataSplit(train: try dataset(n), test: nil, summary: summary)
  }

  @Test func theCaptionSaysWhatIsShown() throws {
    #expect(
      DataReport.scatter(try split(12_000), stem: "d").caption
        == "Training data (12000 samples; every 3rd sample shown, 4000 points)")
    #expect(
      DataReport.scatter(try split(5_001), stem: "d").caption
        == "Training data (5001 samples; every 2nd sample shown, 2501 points)")
    #expect(DataReport.scatter(try split(40), stem: "d").caption == "Training data (40 samples)")
  }
}
