import Foundation

/// Where a `data` block's samples come from (the `source` key of contract section 2).
///
/// Generated sources (`gaussian`, `xor`, `moons`, `circles`, `spiral`) draw every
/// random number from the `RandomSource` given to `DataLoader.load` and return their
/// rows in a shuffled order (Fisher–Yates with that source), as scikit-learn's
/// generators do; `table`, `csv` and `idx` keep the order of their rows.
/// `csv` and `idx` paths must already be expanded (see `PathTemplate`).
public enum DataSource: Sendable, Equatable {
  /// One Gaussian cloud per class: class `k` gives `count` points
  /// `x = mean + L·z`, `z ~ N(0, I)`, `L Lᵀ = covariance` (Cholesky), label `k`.
  case gaussian([GaussianClass])
  /// `n` points split evenly over four clusters centred at (±1, ±1) (the first
  /// `n mod 4` clusters get one more), spread N(0, noise²) per coordinate; label 1 for
  /// the clusters whose centre coordinates differ in sign, (−1, 1) and (1, −1).
  case xor(n: Int, noise: Double)
  /// scikit-learn's `make_moons`: `n_out = ⌊n/2⌋` points `(cos t, sin t)` (label 0) and
  /// `n_in = n − n_out` points `(1 − cos t, 1 − sin t − 0.5)` (label 1), `t = linspace(0, π)`,
  /// then shuffled, then N(0, noise²) added to each coordinate.
  case moons(n: Int, noise: Double)
  /// scikit-learn's `make_circles`: `n_out = ⌊n/2⌋` points `(cos t, sin t)` (label 0) and
  /// `n_in = n − n_out` points `factor·(cos t, sin t)` (label 1), `t = linspace(0, 2π)`
  /// without the endpoint, then shuffled, then N(0, noise²) added. `0 ≤ factor < 1`.
  case circles(n: Int, noise: Double, factor: Double)
  /// The CS231n spiral: arm `j` of `classes` holds `N_j` points (`n` split evenly, the
  /// first `n mod classes` arms one more), `r = linspace(0, 1, N_j)`,
  /// `t = linspace(4j, 4(j+1), N_j) + noise·N(0, 1)`, `x = (r sin t, r cos t)`, label `j`.
  case spiral(n: Int, classes: Int, noise: Double)
  /// Inline rows `x` and one target per row `y`.
  case table(x: [[Double]], y: [Double])
  /// A comma-separated file with a header row; `target` names the column holding `y`,
  /// every other column is a feature. `delimiter` nil detects `,`, `;` or tab from the header
  /// line (`CSVReader.delimiter(of:)`).
  case csv(path: String, target: String, delimiter: CSVDelimiter? = nil)
  /// MNIST IDX image and label files (`.gz` or raw); pixels scaled to [0, 1] by /255.
  case idx(images: String, labels: String)

  /// The report's name for the data: the `source` key, and for files the file names read
  /// (not their folders, so a report does not depend on where the files are), e.g.
  /// `idx: t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz` — the reader sees which
  /// MNIST set was used.
  public var label: String {
    func base(_ path: String) -> String { (path as NSString).lastPathComponent }
    switch self {
    case .csv(let path, _, _): return "csv: " + base(path)
    case .idx(let images, let labels): return "idx: \(base(images)), \(base(labels))"
    case .gaussian, .xor, .moons, .circles, .spiral, .table: return name
    }
  }

  /// The `source` key naming this case, e.g. `"moons"`.
  public var name: String {
    switch self {
    case .gaussian: "gaussian"
    case .xor: "xor"
    case .moons: "moons"
    case .circles: "circles"
    case .spiral: "spiral"
    case .table: "table"
    case .csv: "csv"
    case .idx: "idx"
    }
  }

  /// Every `source` name, for "did you mean" hints.
  public static let names = ["gaussian", "xor", "moons", "circles", "spiral", "table", "csv", "idx"]
}

/// Default values of the optional generator keys.
public enum DataDefaults {
  /// `noise` of `xor`, `moons` and `circles`: standard deviation 0.1.
  public static let noise = 0.1
  /// `noise` of `spiral`: 0.2, the value of the CS231n notes (it multiplies N(0, 1)
  /// added to the angle, in radians).
  public static let spiralNoise = 0.2
  /// `classes` of `spiral`: 2 arms.
  public static let spiralClasses = 2
  /// `factor` of `circles`: inner radius 0.5 (outer radius 1).
  public static let circlesFactor = 0.5
}

/// One class of the `gaussian` source: `count` points drawn from N(mean, covariance).
public struct GaussianClass: Sendable, Equatable {
  /// The centre, d values.
  public var mean: [Double]
  /// The d×d covariance; must be symmetric positive semi-definite.
  public var covariance: [[Double]]
  /// The number of points, at least 1 (key `n`).
  public var count: Int

  /// A class from its mean, covariance and point count.
  public init(mean: [Double], covariance: [[Double]], count: Int) {
    self.mean = mean
    self.covariance = covariance
    self.count = count
  }
}
