import Foundation
import Testing

@testable import Datasets
@testable import Tensor

@Suite struct GeneratorTests {
  /// Every generated source: N×2 (or N×d), labels per class, same seed same bytes,
  /// another seed other numbers.
  @Test(arguments: [
    DataSource.xor(n: 103, noise: 0.1),
    .moons(n: 101, noise: 0.1),
    .circles(n: 101, noise: 0.1, factor: 0.5),
    .spiral(n: 101, classes: 3, noise: 0.2),
    .gaussian([
      GaussianClass(mean: [0, 0, 0], covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], count: 40),
      GaussianClass(mean: [2, 2, 2], covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], count: 61),
    ]),
  ])
  func shapesLabelsAndDeterminism(source: DataSource) throws {
    let a = try load(source, seed: 42)
    let b = try load(source, seed: 42)
    let c = try load(source, seed: 43)
    #expect(a == b)
    #expect(a.train.features != c.train.features)
    #expect(a.test == nil)
    let n = a.train.count
    #expect(n == 101 || n == 103)
    #expect(a.train.features.rows == n)
    #expect(a.train.targets.rows == n)
    #expect(a.train.targets.cols == 1)
    let labels = try #require(a.train.labels)
    #expect(a.train.targets.storage == labels.map(Double.init))
    #expect(a.train.featureCount == (a.summary.source == "gaussian" ? 3 : 2))
    #expect(a.train.features.isFinite)
    let expectedCounts: [Int: Int] =
      switch source {
      case .xor: [0: 52, 1: 51]  // clusters of 26, 26, 26, 25: labels 0, 1, 0, 1
      case .moons, .circles: [0: 50, 1: 51]  // n_out = ⌊101/2⌋, n_in = 51
      case .spiral: [0: 34, 1: 34, 2: 33]
      default: [0: 40, 1: 61]
      }
    #expect(Dictionary(grouping: labels, by: { $0 }).mapValues(\.count) == expectedCounts)
    #expect(a.train.classCount == expectedCounts.count)
    // Generated rows are shuffled: the labels are not in blocks.
    #expect(labels != labels.sorted())
  }

  @Test func numpyLinspace() {
    #expect(Generators.linspace(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1])
    #expect(Generators.linspace(0, 2, 4, endpoint: false) == [0, 0.5, 1, 1.5])
    #expect(Generators.linspace(3, 9, 1) == [3])
    #expect(Generators.linspace(0, Double.pi, 3).last == Double.pi)
    #expect(Generators.linspace(0, 1, 0).isEmpty)
  }

  /// With noise 0 every moon point is on its unit half circle: outer centred at (0, 0)
  /// with y ≥ 0, inner centred at (1, 0.5) with y ≤ 0.5.
  @Test func moonsLieOnTheirArcsWithoutNoise() throws {
    let d = try load(.moons(n: 200, noise: 0)).train
    let labels = try #require(d.labels)
    for i in 0..<d.count {
      let (x, y) = (d.features[i, 0], d.features[i, 1])
      if labels[i] == 0 {
        #expect(abs(hypot(x, y) - 1) < 1e-12)
        #expect(y >= -1e-15)
      } else {
        #expect(abs(hypot(x - 1, y - 0.5) - 1) < 1e-12)
        #expect(y <= 0.5 + 1e-15)
      }
    }
  }

  /// make_moons(5, shuffle=False, noise=None): n_out = 2 outer points (1, 0), (−1, 0)
  /// with label 0 and n_in = 3 inner points (0, 0.5), (1, −0.5), (2, 0.5) with label 1
  /// (up to sin π ≈ 1.2e-16, cos π/2 ≈ 6e-17).
  @Test func moonsMatchScikitLearnForFivePoints() throws {
    let d = try load(.moons(n: 5, noise: 0)).train
    let labels = try #require(d.labels)
    let rows = zip(d.features.rowArrays, labels).map { ($0[0], $0[1], $1) }
      .sorted { ($0.2, $0.0) < ($1.2, $1.0) }
    let expected: [(Double, Double, Int)] = [
      (-1, 0, 0), (1, 0, 0), (0, 0.5, 1), (1, -0.5, 1), (2, 0.5, 1),
    ]
    #expect(rows.count == expected.count)
    for (r, e) in zip(rows, expected) {
      #expect(abs(r.0 - e.0) < 1e-15)
      #expect(abs(r.1 - e.1) < 1e-15)
      #expect(r.2 == e.2)
    }
  }

  /// With noise 0: outer ring radius 1 (label 0), inner radius 0.5 (label 1), and the
  /// angles are 2πk/n_out without the endpoint.
  @Test func circlesLieOnTheirRingsWithoutNoise() throws {
    let d = try load(.circles(n: 9, noise: 0, factor: 0.5)).train
    let labels = try #require(d.labels)
    #expect(labels.filter { $0 == 0 }.count == 4)
    var outerAngles: [Double] = []
    for i in 0..<d.count {
      let r = hypot(d.features[i, 0], d.features[i, 1])
      #expect(abs(r - (labels[i] == 0 ? 1 : 0.5)) < 1e-12)
      if labels[i] == 0 {
        var a = atan2(d.features[i, 1], d.features[i, 0])
        if a < -1e-12 { a += 2 * .pi }
        outerAngles.append(a)
      }
    }
    let sortedAngles = outerAngles.sorted()
    for (k, a) in sortedAngles.enumerated() { #expect(abs(a - Double(k) * .pi / 2) < 1e-12) }
  }

  /// Noise is N(0, noise²) per coordinate: the radial error of circles has std ≈ noise.
  @Test func circlesNoiseHasTheGivenSpread() throws {
    let d = try load(.circles(n: 4000, noise: 0.05, factor: 0.5)).train
    let labels = try #require(d.labels)
    let errors = (0..<d.count).map { i in
      hypot(d.features[i, 0], d.features[i, 1]) - (labels[i] == 0 ? 1 : 0.5)
    }
    #expect(abs(std(errors) - 0.05) < 0.005)
  }

  /// CS231n with noise 0: arm j point i is r(sin t, cos t), r = linspace(0, 1, N),
  /// t = linspace(4j, 4j + 4, N). For n = 6, 2 arms: N = 3, r = 0, 0.5, 1.
  @Test func spiralMatchesCS231nWithoutNoise() throws {
    let d = try load(.spiral(n: 6, classes: 2, noise: 0)).train
    let labels = try #require(d.labels)
    var expected: Set<[Double]> = []
    for j in 0..<2 {
      for (r, t) in zip([0.0, 0.5, 1.0], [0.0, 2.0, 4.0].map { $0 + 4 * Double(j) }) {
        expected.insert([r * sin(t), r * cos(t), Double(j)])
      }
    }
    let got = Set((0..<6).map { [d.features[$0, 0], d.features[$0, 1], Double(labels[$0])] })
    #expect(got == expected)
  }

  /// Labels follow the sign rule: 1 exactly where the two coordinates differ in sign
  /// (with noise 0.1 no point leaves its quadrant), and clusters sit at (±1, ±1).
  @Test func xorLabelsFollowTheSignRule() throws {
    let d = try load(.xor(n: 400, noise: 0.1)).train
    let labels = try #require(d.labels)
    for i in 0..<d.count {
      let (x, y) = (d.features[i, 0], d.features[i, 1])
      #expect(labels[i] == ((x < 0) != (y < 0) ? 1 : 0))
      #expect(abs(abs(x) - 1) < 0.6)
      #expect(abs(abs(y) - 1) < 0.6)
    }
    let exact = try load(.xor(n: 8, noise: 0)).train
    #expect(Set(exact.features.rowArrays) == [[1, 1], [-1, 1], [-1, -1], [1, -1]])
  }

  /// Sample mean and covariance of 20,000 draws match (μ, Σ) within a few standard errors.
  @Test func gaussianSampleMomentsMatch() throws {
    let cov: [[Double]] = [[1, 0.6], [0.6, 2]]
    let d = try load(.gaussian([GaussianClass(mean: [1, -2], covariance: cov, count: 20000)])).train
    let x = column(d.features, 0)
    let y = column(d.features, 1)
    let (mx, my) = (mean(x), mean(y))
    #expect(abs(mx - 1) < 0.03)
    #expect(abs(my + 2) < 0.04)
    let n = Double(x.count)
    let cxx = zip(x, x).map { ($0 - mx) * ($1 - mx) }.reduce(0, +) / n
    let cxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / n
    let cyy = zip(y, y).map { ($0 - my) * ($1 - my) }.reduce(0, +) / n
    #expect(abs(cxx - 1) < 0.05)
    #expect(abs(cxy - 0.6) < 0.05)
    #expect(abs(cyy - 2) < 0.08)
    #expect(d.labels == [Int](repeating: 0, count: 20000))
  }

  @Test func choleskyFactorsDefiniteAndSemiDefiniteMatrices() throws {
    let l = try Cholesky.factor([[4, 2], [2, 5]], key: "classes")
    #expect(l == [[2, 0], [1, 2]])
    // Singular: both coordinates move together, x₂ − μ₂ = x₁ − μ₁ exactly.
    #expect(try Cholesky.factor([[1, 1], [1, 1]], key: "classes") == [[1, 0], [1, 0]])
    let d = try load(.gaussian([GaussianClass(mean: [0, 3], covariance: [[1, 1], [1, 1]], count: 50)]))
    for r in d.train.features.rowArrays { #expect(abs((r[1] - 3) - r[0]) < 1e-14) }
  }

  @Test func gaussianRejectsBadCovariancesAndShapes() {
    func error(_ classes: [GaussianClass]) -> DatasetError? {
      datasetError { () throws(DatasetError) in _ = try load(.gaussian(classes)) }
    }
    let nonSymmetric = error([GaussianClass(mean: [0, 0], covariance: [[1, 0.5], [0.2, 1]], count: 5)])
    #expect(nonSymmetric?.message.contains("not symmetric") == true)
    #expect(nonSymmetric?.key == "classes")
    let indefinite = error([GaussianClass(mean: [0, 0], covariance: [[1, 2], [2, 1]], count: 5)])
    #expect(indefinite?.message.contains("not positive semi-definite") == true)
    let negative = error([GaussianClass(mean: [0], covariance: [[-1]], count: 5)])
    #expect(negative?.message.contains("not positive semi-definite") == true)
    let wrongSize = error([GaussianClass(mean: [0, 0], covariance: [[1]], count: 5)])
    #expect(wrongSize?.message.contains("must be 2×2") == true)
    let mixed = error([
      GaussianClass(mean: [0, 0], covariance: [[1, 0], [0, 1]], count: 5),
      GaussianClass(mean: [0], covariance: [[1]], count: 5),
    ])
    #expect(mixed?.message == "class 1 has a 1-dimensional mean but class 0 has 2 dimensions")
    #expect(mixed?.item == 1)
    #expect(mixed?.itemKey == "mean")
    #expect(error([])?.message == "'classes' is empty")
    #expect(error([])?.item == nil)
    // Each error names the class (0-based item of `classes`) and the key within it.
    let ok = GaussianClass(mean: [0, 0], covariance: [[1, 0], [0, 1]], count: 5)
    let badCov = error([ok, ok, GaussianClass(mean: [0, 0], covariance: [[1, 2], [2, 1]], count: 5)])
    #expect(badCov?.item == 2)
    #expect(badCov?.itemKey == "cov")
    #expect(badCov?.message.hasPrefix("class 2: ") == true)
    let noRows = error([ok, GaussianClass(mean: [0, 0], covariance: [[1, 0], [0, 1]], count: 0)])
    #expect(noRows?.item == 1)
    #expect(noRows?.itemKey == "n")
    #expect(noRows?.message == "class 1: 'n' must be at least 1; it is 0")
    #expect(wrongSize?.item == 0)
    #expect(wrongSize?.itemKey == "cov")
  }

  @Test func messagesHaveNoFinalPeriodAndHintsAreSentences() {
    func error(_ s: DataSource) -> DatasetError? {
      datasetError { () throws(DatasetError) in _ = try load(s) }
    }
    let errors = [
      error(.moons(n: 0, noise: 0.1)), error(.xor(n: 10, noise: -1)),
      error(.circles(n: 10, noise: 0.1, factor: 1)), error(.gaussian([])),
      error(.gaussian([GaussianClass(mean: [0, 0], covariance: [[1, 0.5], [0.2, 1]], count: 5)])),
      error(.table(x: [[1, 2], [3]], y: [0, 1])), error(.table(x: [[1]], y: [0, 1])),
    ]
    for e in errors {
      #expect(e != nil)
      guard let e else { continue }
      #expect(!e.message.hasSuffix("."), "\(e.message)")
      if let hint = e.hint { #expect(hint.hasSuffix(".") && hint.first?.isUppercase == true, "\(hint)") }
      #expect(e.description == e.message + (e.hint.map { " (\($0))" } ?? ""))
    }
  }

  @Test func generatorParametersAreChecked() {
    func error(_ s: DataSource) -> DatasetError? {
      datasetError { () throws(DatasetError) in _ = try load(s) }
    }
    #expect(error(.moons(n: 0, noise: 0.1))?.key == "n")
    #expect(error(.xor(n: 10, noise: -1))?.key == "noise")
    #expect(error(.circles(n: 10, noise: 0.1, factor: 1))?.key == "factor")
    #expect(error(.spiral(n: 10, classes: 0, noise: 0.2))?.key == "classes")
    #expect(error(.spiral(n: 2, classes: 3, noise: 0.2))?.message == "'n' must be at least 3; it is 2")
  }
}
