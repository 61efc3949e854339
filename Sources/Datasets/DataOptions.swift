/// The optional keys common to every `data` source, applied by `DataLoader.load` in
/// this order:
///
/// 1. `classes-keep` — keep only the rows whose label is listed (source order kept);
/// 2. `relabel` — map labels (`{1: 0, 2: 1}`); labels not listed stay as they are;
/// 3. `split` — stratified per class and shuffled (see `SplitFractions`); without it
///    every row is train, in source order;
/// 4. `limit` — the first N rows of each part (train, and test separately);
/// 5. `standardize` — fit mean and std on the (limited) train part, apply to both;
/// 6. `one-hot` — targets become N×k one-hot rows, k = largest label + 1.
public struct DataOptions: Sendable, Equatable {
  /// `classes-keep`: the labels to keep, or `nil` to keep all.
  public var keepClasses: [Int]?
  /// `relabel`: old label → new label.
  public var relabel: [Int: Int]?
  /// `limit`: at most this many rows per part (≥ 1).
  public var limit: Int?
  /// `standardize`: centre and scale each feature with train statistics.
  public var standardize: Bool
  /// `split`: train and test fractions; `nil` puts every row in train.
  public var split: SplitFractions?
  /// `one-hot`: N×k one-hot targets instead of N×1 labels.
  public var oneHot: Bool

  /// Options; every key defaults to "not given".
  public init(
    keepClasses: [Int]? = nil, relabel: [Int: Int]? = nil, limit: Int? = nil,
    standardize: Bool = false, split: SplitFractions? = nil, oneHot: Bool = false
  ) {
    self.keepClasses = keepClasses
    self.relabel = relabel
    self.limit = limit
    self.standardize = standardize
    self.split = split
    self.oneHot = oneHot
  }
}

/// `split: {train: a, test: b}` with `0 < a`, `0 ≤ b`, `a + b ≤ 1`.
///
/// The split is stratified: within each class (regression data: the whole set as one
/// class) of `n_c` rows, `n_test = round(n_c · b)` rows go to test and
/// `n_train = n_c − n_test` to train when `a + b = 1` (within 1e-9), else
/// `n_train = min(round(n_c · a), n_c − n_test)`; rounding is to nearest, halves away
/// from zero. Which rows go where is a seeded shuffle of each class; each part is then
/// shuffled as a whole, so its order mixes the classes.
public struct SplitFractions: Sendable, Equatable {
  /// Fraction of each class for training.
  public var train: Double
  /// Fraction of each class for testing.
  public var test: Double

  /// Fractions `train` and `test`.
  public init(train: Double, test: Double) {
    self.train = train
    self.test = test
  }
}
