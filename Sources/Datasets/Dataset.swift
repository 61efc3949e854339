import Tensor

/// One set of samples: features, class labels when it is a classification set, and
/// the targets a loss compares against.
///
/// Row `i` of `features` and of `targets` and `labels[i]` belong to sample `i`.
/// `targets` is N×1 holding the label values as `Double` (or the regression
/// values), or N×k one-hot rows (`targets[i, labels[i]] = 1`, all else 0) after
/// `one-hot: true`.
public struct Dataset: Sendable, Equatable {
  /// The inputs, one sample per row (N×d).
  public var features: Matrix
  /// Class labels, when every target is a whole number; `nil` for regression data.
  public var labels: [Int]?
  /// N×1 label or regression values, or N×k one-hot rows.
  public var targets: Matrix
  /// `classCount` = (largest label) + 1 over the whole data set before the split,
  /// so that train and test agree; `nil` without labels or with a negative label.
  public var classCount: Int?

  /// Number of samples N (rows of `features`).
  public var count: Int { features.rows }
  /// Number of features d (columns of `features`).
  public var featureCount: Int { features.cols }

  /// A data set; throws when the row counts of `features`, `targets` and `labels` differ,
  /// or when a label is outside `0..<classCount`.
  public init(features: Matrix, targets: Matrix, labels: [Int]? = nil, classCount: Int? = nil)
    throws(DatasetError)
  {
    guard targets.rows == features.rows else {
      throw DatasetError(
        "features have \(features.rows) rows but targets have \(targets.rows)", key: "y")
    }
    if let labels, labels.count != features.rows {
      throw DatasetError(
        "features have \(features.rows) rows but there are \(labels.count) labels", key: "y")
    }
    if let labels, let classCount, let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
      throw DatasetError("label \(bad) is outside 0..<\(classCount)", key: "y")
    }
    self.init(unchecked: features, targets: targets, labels: labels, classCount: classCount)
  }

  /// The memberwise initializer, for code that built consistent parts itself.
  init(unchecked features: Matrix, targets: Matrix, labels: [Int]?, classCount: Int?) {
    self.features = features
    self.targets = targets
    self.labels = labels
    self.classCount = classCount
  }
}

/// The train part and, when `split` asked for one, the test part, with the summary
/// the report shows.
public struct DataSplit: Sendable, Equatable {
  /// The training samples (all samples when there is no `split`).
  public var train: Dataset
  /// The test samples, or `nil` when there is no `split` (or its test fraction is 0).
  public var test: Dataset?
  /// Counts for the report's summary table.
  public var summary: DataSummary
  /// The per-feature mean and standard deviation fitted on `train` when
  /// `standardize: true`; `nil` otherwise.
  public var standardization: Standardization?

  /// A split from its parts.
  public init(
    train: Dataset, test: Dataset?, summary: DataSummary, standardization: Standardization? = nil
  ) {
    self.train = train
    self.test = test
    self.summary = summary
    self.standardization = standardization
  }
}

/// The numbers of the report's summary table for a `data` block.
public struct DataSummary: Sendable, Equatable {
  /// The `source` key, e.g. `"moons"`.
  public var source: String
  /// Samples in the train part.
  public var trainCount: Int
  /// Samples in the test part (0 without a split).
  public var testCount: Int
  /// Number of features d.
  public var featureCount: Int
  /// Number of classes (largest label + 1), or `nil` for regression data.
  public var classCount: Int?
  /// Samples per label present, in increasing label order; empty without labels.
  public var classCounts: [ClassCount]

  /// How many samples of one label landed in each part.
  public struct ClassCount: Sendable, Equatable {
    /// The class label.
    public var label: Int
    /// Samples with this label in the train part.
    public var train: Int
    /// Samples with this label in the test part.
    public var test: Int

    /// One row of the per-class table.
    public init(label: Int, train: Int, test: Int) {
      self.label = label
      self.train = train
      self.test = test
    }
  }

  /// A summary from its numbers.
  public init(
    source: String, trainCount: Int, testCount: Int, featureCount: Int, classCount: Int?,
    classCounts: [ClassCount]
  ) {
    self.source = source
    self.trainCount = trainCount
    self.testCount = testCount
    self.featureCount = featureCount
    self.classCount = classCount
    self.classCounts = classCounts
  }

  /// The summary as (quantity, value) rows for a two-column table: `source`,
  /// `train`, `test`, `features`, `classes` (when labelled), then `class k` rows
  /// written `train / test` when there is a test part, else the train count.
  public var rows: [(String, String)] {
    var out: [(String, String)] = [
      ("source", source), ("train", "\(trainCount)"), ("test", "\(testCount)"),
      ("features", "\(featureCount)"),
    ]
    if let classCount { out.append(("classes", "\(classCount)")) }
    for c in classCounts {
      out.append(("class \(c.label)", testCount > 0 ? "\(c.train) / \(c.test)" : "\(c.train)"))
    }
    return out
  }
}

/// Per-feature statistics used by `standardize: true`:
/// `x' = (x − mean) / std`, with `std` replaced by 1 where it is 0 (the feature is
/// then only centred), as scikit-learn's `StandardScaler` does.
public struct Standardization: Sendable, Equatable {
  /// Train-set mean of each feature, `mean_j = (1/N) Σᵢ x_ij`.
  public var mean: [Double]
  /// Train-set population standard deviation of each feature,
  /// `std_j = √((1/N) Σᵢ (x_ij − mean_j)²)` (divisor N, not N − 1), as fitted.
  public var std: [Double]

  /// Statistics from their values.
  public init(mean: [Double], std: [Double]) {
    self.mean = mean
    self.std = std
  }
}
