import Datasets
import Foundation
import Notebook
import Tensor

/// `data` — a data set from a generator, inline table, CSV or IDX files.
/// Results: `train.n`, `test.n`, `features`, `classes`. Report: a summary
/// table and, for 2-D data, a scatter plot.
struct DataBlockSpec: BlockSpec {
  let body: SpecNode
  let source: DataSource
  let options: DataOptions
  let blockSeed: UInt64?
  let pathNodes: [String: SpecNode]
  var expectations: [Expectation] { [] }
  var references: [Reference] { [] }

  static let commonKeys = [
    "source", "classes-keep", "relabel", "limit", "standardize", "split", "one-hot", "seed",
  ]
  static let sourceKeys: [String: [String]] = [
    "gaussian": ["classes"], "xor": ["n", "noise"], "moons": ["n", "noise"],
    "circles": ["n", "noise", "factor"],
    "spiral": ["n", "noise", "classes"], "table": ["x", "y"], "csv": ["path", "target", "delimiter"],
    "idx": ["images", "labels"],
  ]

  init(_ body: SpecNode, block: BlockSource) throws {
    self.body = body
    let sourceNode = try body.require("source")
    let name = try sourceNode.string()
    guard let extra = DataBlockSpec.sourceKeys[name] else {
      throw NotebookError(
        position: sourceNode.position, message: "unknown data source '\(name)'",
        hint: NameSuggestion.hint(for: name, among: DataBlockSpec.sourceKeys.keys.sorted()))
    }
    try body.rejectUnknownKeys(allowed: DataBlockSpec.commonKeys + extra)
    var paths: [String: SpecNode] = [:]
    func count(_ key: String = "n") throws -> Int {
      let node = try body.require(key)
      let n = try node.int()
      guard n > 0 else { throw NotebookError(position: node.position, message: "'\(key)' must be positive") }
      return n
    }
    func noise(_ d: Double) throws -> Double {
      try body.optional("noise") { n throws(NotebookError) in try n.double() } ?? d
    }
    switch name {
    case "gaussian":
      var classes: [GaussianClass] = []
      for c in try body.require("classes").sequence() {
        try c.rejectUnknownKeys(allowed: ["mean", "cov", "n"])
        classes.append(
          GaussianClass(
            mean: try c.require("mean").doubles(), covariance: try c.require("cov").matrix(),
            count: try c.require("n").int()))
      }
      source = .gaussian(classes)
    case "xor": source = .xor(n: try count(), noise: try noise(0.1))
    case "moons": source = .moons(n: try count(), noise: try noise(0.1))
    case "circles":
      source = .circles(
        n: try count(), noise: try noise(0.1),
        factor: try body.optional("factor") { n throws(NotebookError) in try n.double() } ?? 0.5)
    case "spiral":
      source = .spiral(
        n: try count(), classes: try body.optional("classes") { n throws(NotebookError) in try n.int() } ?? 2,
        noise: try noise(0.2))
    case "table":
      let x = try body.require("x")
      let rows: [[Double]]
      switch try x.numericValue() {
      case .matrix(let m): rows = m
      case .vector(let v): rows = v.map { [$0] }
      case .scalar(let s): rows = [[s]]
      }
      source = .table(x: rows, y: try body.require("y").doubles())
    case "csv":
      let p = try body.require("path")
      paths["path"] = p
      source = .csv(
        path: try p.string(), target: try body.require("target").string(),
        delimiter: try body.optional("delimiter", DataBlockSpec.delimiter))
    default:
      let i = try body.require("images")
      let l = try body.require("labels")
      paths["images"] = i
      paths["labels"] = l
      source = .idx(images: try i.string(), labels: try l.string())
    }
    pathNodes = paths
    var options = DataOptions()
    if let keep = body["classes-keep"] { options.keepClasses = try keep.doubles().map { Int($0) } }
    if let relabel = body["relabel"] {
      var map: [Int: Int] = [:]
      for e in relabel.entries() {
        guard let from = Int(e.key) else {
          throw NotebookError(position: e.keyPosition, message: "relabel keys are class labels (integers)")
        }
        map[from] = try e.value.int()
      }
      options.relabel = map
    }
    options.limit = try body.optional("limit") { n throws(NotebookError) in try n.int() }
    options.standardize =
      try body.optional("standardize") { n throws(NotebookError) in try n.bool() } ?? false
    options.oneHot = try body.optional("one-hot") { n throws(NotebookError) in try n.bool() } ?? false
    if let split = body["split"] {
      try split.rejectUnknownKeys(allowed: ["train", "test"])
      let train = try split.require("train").double()
      let test = try split.optional("test") { n throws(NotebookError) in try n.double() } ?? (1 - train)
      guard train > 0, test >= 0, train + test <= 1 + 1e-9 else {
        throw NotebookError(
          position: split.position, message: "split fractions must be positive and add up to at most 1")
      }
      options.split = SplitFractions(train: train, test: test)
    }
    self.options = options
    blockSeed = try body.optional("seed") { n throws(NotebookError) in try n.uint64() }
  }

  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    try context.options.memory.check(estimatedBytes, for: "this data set", at: body.position)
    var rng = RandomSource(seed: context.seed(blockSeed: blockSeed))
    let resolved = try resolvePaths(context)
    let split: DataSplit
    do {
      split = try DataLoader.load(
        resolved, options: options, rng: &rng, memoryLimit: context.options.memory.limit)
    } catch {
      var node = error.key.flatMap { body[$0] } ?? body
      if let needed = error.neededBytes {
        try context.options.memory.check(needed, for: error.message, at: node.position)
      }
      // An element of a list (class K of `classes`), and the key within it.
      if let item = error.item, let items = try? node.sequence(), items.indices.contains(item) {
        node = items[item]
        if let key = error.itemKey, let value = node[key] { node = value }
      }
      throw NotebookError(position: node.position, message: error.message, hint: error.hint)
    }
    for (part, d) in [("train", split.train), ("test", split.test)] {
      guard let d else { continue }
      if let bad = DataReport.firstNonFinite(d.features) {
        throw NotebookError(
          position: body.position,
          message: "the \(part) data has a \(bad.value) at sample \(bad.row + 1), feature \(bad.col + 1)",
          hint:
            "Remove or fill missing values before training; NaN and infinite inputs make every gradient NaN.")
      }
      if let bad = DataReport.firstNonFinite(d.targets) {
        throw NotebookError(
          position: body.position,
          message: "the \(part) targets have a \(bad.value) at sample \(bad.row + 1)",
          hint: "Every target must be a finite number.")
      }
    }
    outcome.results.set("train.n", Double(split.train.count))
    outcome.results.set("test.n", Double(split.test?.count ?? 0))
    outcome.results.set("features", Double(split.train.featureCount))
    if let c = split.train.classCount { outcome.results.set("classes", Double(c)) }
    outcome.content.append(.table(DataReport.table(split)))
    if split.train.featureCount == 2 {
      outcome.content.append(.figure(DataReport.scatter(split, stem: context.figurePrefix + "-scatter")))
    }
    return .data(split)
  }

  /// The files this block reads (`path`, or `images` and `labels`), resolved
  /// as `run` resolves them, each with its content digest (nil when missing
  /// or when the path cannot be expanded: `run` then reports why). Files
  /// larger than the memory limit are identified by size and time, not read.
  func inputFiles(context: BlockContext) -> [InputFile] {
    let templates: [(key: String, path: String)]
    switch source {
    case .csv(let path, _, _): templates = [("path", path)]
    case .idx(let images, let labels): templates = [("images", images), ("labels", labels)]
    case .gaussian, .xor, .moons, .circles, .spiral, .table: templates = []
    }
    return templates.map { t in
      guard
        let expanded = try? PathTemplate.expand(
          t.path, environment: context.options.environment, relativeTo: context.options.notebookDirectory,
          key: t.key)
      else { return InputFile(path: t.path, key: t.key, digest: nil) }
      return InputFile(
        path: expanded.path, key: t.key,
        digest: FileDigest.digest(path: expanded.path, maximumBytes: context.options.memory.limit))
    }
  }

  /// Bytes a generated data set needs at its peak: 8 per value of the
  /// features and targets, ×3 for the generator's and the split's copies, plus
  /// the scatter plot of a 2-D set (its at most ``DataReport/maxScatterPoints``
  /// points and their gnuplot text, ~150 bytes a point). Files are checked by the loader against the header or file size.
  private var estimatedBytes: Double {
    let rows: Double
    let cols: Double
    switch source {
    case .gaussian(let classes):
      rows = classes.reduce(0) { $0 + Double(max($1.count, 0)) }
      cols = Double(classes.first?.mean.count ?? 1)
    case .xor(let n, _), .moons(let n, _), .circles(let n, _, _), .spiral(let n, _, _):
      rows = Double(n)
      cols = 2
    default:
      return 0
    }
    return 8 * rows * (cols + 1) * 3 + (cols == 2 ? 150 * min(rows, Double(DataReport.maxScatterPoints)) : 0)
  }

  /// Expands `${VAR}` in csv/idx paths relative to the notebook's folder.
  private func resolvePaths(_ context: BlockContext) throws -> DataSource {
    func expand(_ key: String, _ path: String) throws -> String {
      do {
        return try PathTemplate.resolveFile(
          path, environment: context.options.environment, relativeTo: context.options.notebookDirectory,
          key: key)
      } catch {
        throw NotebookError(
          position: pathNodes[key]?.position ?? body.position, message: error.message, hint: error.hint)
      }
    }
    switch source {
    case .csv(let path, let target, let delimiter):
      return .csv(path: try expand("path", path), target: target, delimiter: delimiter)
    case .idx(let images, let labels):
      return .idx(images: try expand("images", images), labels: try expand("labels", labels))
    default: return source
    }
  }
}

/// The data summary table and scatter plot.
enum DataReport {
  /// The first NaN or infinite element, in row-major order.
  static func firstNonFinite(_ m: Matrix) -> (row: Int, col: Int, value: String)? {
    guard let i = m.storage.firstIndex(where: { !$0.isFinite }) else { return nil }
    let x = m.storage[i]
    return (i / max(m.cols, 1), i % max(m.cols, 1), x.isNaN ? "NaN" : (x > 0 ? "+infinity" : "-infinity"))
  }

  static func table(_ split: DataSplit) -> ReportTable {
    let summary = split.summary
    var t = ReportTable(
      caption: "Data (\(summary.source))", columns: ["Split", "Samples", "Features", "Per class"])
    func perClass(_ count: (DataSummary.ClassCount) -> Int) -> ReportTable.Cell {
      guard summary.classCount != nil, !summary.classCounts.isEmpty else { return .text("—") }
      return .text(summary.classCounts.map { "\($0.label): \(count($0))" }.joined(separator: ", "))
    }
    t.rows.append([
      .text("train"), .number(Double(summary.trainCount)), .number(Double(summary.featureCount)),
      perClass { $0.train },
    ])
    if split.test != nil {
      t.rows.append([
        .text("test"), .number(Double(summary.testCount)), .number(Double(summary.featureCount)),
        perClass { $0.test },
      ])
    }
    t.digits = 12
    return t
  }

  /// The most points a scatter plot draws: beyond it the picture is a solid blob, and every
  /// point costs gnuplot time and cache space.
  static let maxScatterPoints = 5_000

  /// The sampling step of a scatter plot of `count` samples: ⌈count ÷ ``maxScatterPoints``⌉
  /// (1, every sample, up to the limit). Samples 0, k, 2k, … are drawn, so the classes keep
  /// their proportions whatever order the data is in, and the picture is deterministic.
  static func scatterStride(count: Int) -> Int {
    max(1, (count + maxScatterPoints - 1) / maxScatterPoints)
  }

  /// What a caption adds when not every sample is drawn, e.g. `every 200th sample shown,
  /// 5000 points`; nil when all are.
  static func shownNote(count: Int) -> String? {
    let k = scatterStride(count: count)
    guard k > 1 else { return nil }
    let shown = (count + k - 1) / k
    return "every \(ordinal(k)) sample shown, \(shown) points"
  }

  /// `2nd`, `3rd`, `11th`, `21st`, `200th`.
  static func ordinal(_ k: Int) -> String {
    let suffix: String
    switch (k % 10, k % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(k)\(suffix)"
  }

  /// The first two features of `d`, one point set per class label (one set
  /// for unlabelled data), in label order; every ``scatterStride(count:)``-th
  /// sample only, so at most ``maxScatterPoints`` points in all.
  static func points(of d: Dataset) -> [ScatterFigure.PointClass] {
    let labels = d.labels ?? [Int](repeating: 0, count: d.count)
    let drawn = Array(stride(from: 0, to: min(labels.count, d.count), by: scatterStride(count: d.count)))
    return Set(drawn.map { labels[$0] }).sorted().map { label in
      let idx = drawn.filter { labels[$0] == label }
      return ScatterFigure.PointClass(
        label: "class \(label)", x: idx.map { d.features[$0, 0] }, y: idx.map { d.features[$0, 1] })
    }
  }

  static func scatter(_ split: DataSplit, stem: String) -> FigureRequest {
    let note = shownNote(count: split.train.count).map { "; \($0)" } ?? ""
    return FigureRequest(
      stem: stem, caption: "Training data (\(split.train.count) samples\(note))",
      kind: .scatter(
        ScatterFigure(title: "Training data", xLabel: "x₁", yLabel: "x₂", classes: points(of: split.train))))
  }
}
