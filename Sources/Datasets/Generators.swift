import Foundation
import Tensor

/// The synthetic 2-D (and Gaussian d-D) sources. Every draw comes from `rng`.
enum Generators {
  /// NumPy's `linspace(a, b, n, endpoint)`: `a + i·step` for `i = 0..<n` with
  /// `step = (b − a)/(n − 1)` (endpoint) or `(b − a)/n` (no endpoint); with the
  /// endpoint the last value is exactly `b`; `n = 1` gives `[a]`.
  static func linspace(_ a: Double, _ b: Double, _ n: Int, endpoint: Bool = true) -> [Double] {
    guard n > 0 else { return [] }
    let div = endpoint ? n - 1 : n
    guard div > 0 else { return [a] }
    let step = (b - a) / Double(div)
    var out = (0..<n).map { Double($0) * step + a }
    if endpoint { out[n - 1] = b }
    return out
  }

  /// Throws unless `n ≥ minimum`.
  static func checkCount(_ n: Int, minimum: Int = 1, key: String = "n") throws(DatasetError) {
    guard n >= minimum else {
      throw DatasetError("'\(key)' must be at least \(minimum); it is \(n)", key: key)
    }
  }

  /// Throws unless `noise` is finite and ≥ 0.
  static func checkNoise(_ noise: Double) throws(DatasetError) {
    guard noise.isFinite, noise >= 0 else {
      throw DatasetError(
        "'noise' is a standard deviation and must be a finite number ≥ 0; it is \(noise)", key: "noise")
    }
  }

  /// Rows permuted by a Fisher–Yates shuffle drawn from `rng`.
  static func shuffled(_ data: RawData, _ rng: inout RandomSource) -> RawData {
    data.rows(rng.permutation(data.features.rows))
  }

  /// Adds `noise · N(0, 1)` to every element, row by row.
  static func addNoise(_ m: inout Matrix, _ noise: Double, _ rng: inout RandomSource) {
    for i in 0..<m.storage.count { m.storage[i] += noise * rng.normal() }
  }

  /// `gaussian`: class `k` gives `n_k` rows `μ_k + L_k z` (z ~ N(0, I), `L_k` the Cholesky
  /// factor of `Σ_k`), label `k`; then the rows are shuffled.
  static func gaussian(_ classes: [GaussianClass], _ rng: inout RandomSource) throws(DatasetError)
    -> RawData
  {
    guard let first = classes.first else {
      throw DatasetError("'classes' is empty", hint: "List at least one {mean, cov, n}.", key: "classes")
    }
    let d = first.mean.count
    guard d > 0 else {
      throw DatasetError("class 0 has an empty 'mean'", key: "classes", item: 0, itemKey: "mean")
    }
    var factors: [[[Double]]] = []
    for (k, c) in classes.enumerated() {
      guard c.mean.count == d else {
        throw DatasetError(
          "class \(k) has a \(c.mean.count)-dimensional mean but class 0 has \(d) dimensions",
          hint: "Every class needs a mean of the same length.", key: "classes", item: k, itemKey: "mean")
      }
      guard c.mean.allSatisfy(\.isFinite) else {
        throw DatasetError(
          "class \(k) has a mean that is not finite", key: "classes", item: k, itemKey: "mean")
      }
      guard c.covariance.count == d, c.covariance.allSatisfy({ $0.count == d }) else {
        throw DatasetError(
          "class \(k): 'cov' must be \(d)×\(d) to match its \(d)-dimensional mean; its rows have lengths \(c.covariance.map(\.count))",
          key: "classes", item: k, itemKey: "cov")
      }
      guard c.count >= 1 else {
        throw DatasetError(
          "class \(k): 'n' must be at least 1; it is \(c.count)", key: "classes", item: k, itemKey: "n")
      }
      do {
        factors.append(try Cholesky.factor(c.covariance, key: "classes"))
      } catch {
        throw DatasetError(
          "class \(k): \(error.message)", hint: error.hint, key: "classes", item: k, itemKey: "cov")
      }
    }
    let total = classes.reduce(0) { $0 + $1.count }
    var storage = [Double]()
    storage.reserveCapacity(total * d)
    var labels = [Int]()
    labels.reserveCapacity(total)
    var z = [Double](repeating: 0, count: d)
    for (k, c) in classes.enumerated() {
      let l = factors[k]
      for _ in 0..<c.count {
        for j in 0..<d { z[j] = rng.normal() }
        for i in 0..<d {
          var x = c.mean[i]
          for j in 0...i { x += l[i][j] * z[j] }
          storage.append(x)
        }
        labels.append(k)
      }
    }
    return shuffled(RawData(features: Matrix(rows: total, cols: d, storage: storage), labels: labels), &rng)
  }

  /// `xor`: cluster `c` of the centres (1, 1), (−1, 1), (−1, −1), (1, −1) gets
  /// `⌊n/4⌋` points (+1 for `c < n mod 4`), each `centre + noise·N(0, I)`; label 1 for
  /// the centres whose two signs differ; then the rows are shuffled.
  static func xor(n: Int, noise: Double, _ rng: inout RandomSource) throws(DatasetError) -> RawData {
    try checkCount(n)
    try checkNoise(noise)
    let centres: [(Double, Double, Int)] = [(1, 1, 0), (-1, 1, 1), (-1, -1, 0), (1, -1, 1)]
    var storage = [Double]()
    storage.reserveCapacity(2 * n)
    var labels = [Int]()
    labels.reserveCapacity(n)
    for (c, centre) in centres.enumerated() {
      let size = n / 4 + (c < n % 4 ? 1 : 0)
      for _ in 0..<size {
        storage.append(centre.0 + noise * rng.normal())
        storage.append(centre.1 + noise * rng.normal())
        labels.append(centre.2)
      }
    }
    return shuffled(RawData(features: Matrix(rows: n, cols: 2, storage: storage), labels: labels), &rng)
  }

  /// `moons`: scikit-learn `make_moons(n, shuffle=True, noise)`.
  static func moons(n: Int, noise: Double, _ rng: inout RandomSource) throws(DatasetError) -> RawData {
    try checkCount(n)
    try checkNoise(noise)
    let nOut = n / 2
    let nIn = n - nOut
    var storage = [Double]()
    storage.reserveCapacity(2 * n)
    for t in linspace(0, Double.pi, nOut) {
      storage.append(cos(t))
      storage.append(sin(t))
    }
    for t in linspace(0, Double.pi, nIn) {
      storage.append(1 - cos(t))
      storage.append(1 - sin(t) - 0.5)
    }
    let labels = [Int](repeating: 0, count: nOut) + [Int](repeating: 1, count: nIn)
    var data = shuffled(RawData(features: Matrix(rows: n, cols: 2, storage: storage), labels: labels), &rng)
    addNoise(&data.features, noise, &rng)
    return data
  }

  /// `circles`: scikit-learn `make_circles(n, shuffle=True, noise, factor)`.
  static func circles(n: Int, noise: Double, factor: Double, _ rng: inout RandomSource)
    throws(DatasetError) -> RawData
  {
    try checkCount(n)
    try checkNoise(noise)
    guard factor >= 0, factor < 1 else {
      throw DatasetError(
        "'factor' (inner radius / outer radius) must be in [0, 1); it is \(factor)", key: "factor")
    }
    let nOut = n / 2
    let nIn = n - nOut
    var storage = [Double]()
    storage.reserveCapacity(2 * n)
    for t in linspace(0, 2 * Double.pi, nOut, endpoint: false) {
      storage.append(cos(t))
      storage.append(sin(t))
    }
    for t in linspace(0, 2 * Double.pi, nIn, endpoint: false) {
      storage.append(cos(t) * factor)
      storage.append(sin(t) * factor)
    }
    let labels = [Int](repeating: 0, count: nOut) + [Int](repeating: 1, count: nIn)
    var data = shuffled(RawData(features: Matrix(rows: n, cols: 2, storage: storage), labels: labels), &rng)
    addNoise(&data.features, noise, &rng)
    return data
  }

  /// `spiral`: the CS231n spiral (see `DataSource.spiral`); arm by arm, then shuffled.
  static func spiral(n: Int, classes: Int, noise: Double, _ rng: inout RandomSource)
    throws(DatasetError) -> RawData
  {
    try checkCount(classes, key: "classes")
    try checkCount(n, minimum: classes)
    try checkNoise(noise)
    var storage = [Double]()
    storage.reserveCapacity(2 * n)
    var labels = [Int]()
    labels.reserveCapacity(n)
    for j in 0..<classes {
      let size = n / classes + (j < n % classes ? 1 : 0)
      let r = linspace(0, 1, size)
      let t = linspace(Double(4 * j), Double(4 * (j + 1)), size)
      for i in 0..<size {
        let angle = t[i] + rng.normal() * noise
        storage.append(r[i] * sin(angle))
        storage.append(r[i] * cos(angle))
        labels.append(j)
      }
    }
    return shuffled(RawData(features: Matrix(rows: n, cols: 2, storage: storage), labels: labels), &rng)
  }
}
