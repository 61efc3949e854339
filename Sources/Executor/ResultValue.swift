import Tensor

/// A value at a result path (`loss`, `grad.W1`, `curve.train.loss`, …).
///
/// In `results.json`: a scalar is a JSON number, a vector (n×1 or 1×n) a flat
/// array, a matrix an array of rows; NaN and infinities are the strings
/// `"nan"`, `"inf"`, `"-inf"` (contract section 9).
public enum ResultValue: Equatable, Hashable, Sendable, Codable {
  case number(Double)
  case vector([Double])
  case matrix([[Double]])
  case text(String)
  case bool(Bool)

  /// How a matrix result keeps its shape in `results.json` (contract §9): a
  /// value keeps its own shape even with one element; only true scalars are
  /// bare numbers.
  public enum Shape: Sendable {
    /// A true scalar (a loss, a scalar graph node, a PReLU α): 1×1 is a bare
    /// number; any other shape is written as `list` writes it.
    case scalar
    /// A vector, or a batch of vectors (a bias, a layer's activations, the
    /// output): n×1 and 1×n, 1×1 included, are flat arrays; otherwise rows.
    case list
    /// A matrix in its own right (a weight, out × in): always an array of
    /// rows, 1×1 and 1×n included.
    case matrix
  }

  /// A matrix result: 1×1 becomes a number, n×1 or 1×n a vector, else rows
  /// (`Shape.scalar`).
  public init(_ m: Matrix) {
    self.init(m, shape: .scalar)
  }

  /// A matrix result written with `shape` (see `Shape`).
  public init(_ m: Matrix, shape: Shape) {
    switch shape {
    case .scalar where m.isScalar:
      self = .number(m.storage[0])
    case .scalar, .list:
      self = m.rows == 1 || m.cols == 1 ? .vector(m.storage) : .matrix(m.rowArrays)
    case .matrix:
      self = .matrix(m.rowArrays)
    }
  }

  /// Every number in the value, in row-major order (empty for text and bool).
  public var numbers: [Double] {
    switch self {
    case .number(let x): return [x]
    case .vector(let v): return v
    case .matrix(let rows): return rows.flatMap { $0 }
    case .text, .bool: return []
    }
  }

  /// The value as text, each number written by `number`: a vector `[a, b]`,
  /// a matrix `[[a, b], [c, d]]`, text through `text`, booleans
  /// `true`/`false`. Failure lines, `results.json` and report tables differ
  /// only in the two closures.
  public func text(number: (Double) -> String, text quote: (String) -> String = { $0 }) -> String {
    func list(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }
    switch self {
    case .number(let x): return number(x)
    case .vector(let xs): return list(xs)
    case .matrix(let rows): return "[" + rows.map { list($0) }.joined(separator: ", ") + "]"
    case .text(let s): return quote(s)
    case .bool(let b): return b ? "true" : "false"
    }
  }

  /// The shape as rows×cols for messages: a scalar is `1×1`, a vector `n`.
  public var shapeDescription: String {
    switch self {
    case .number: return "scalar"
    case .vector(let v): return "vector of \(v.count)"
    case .matrix(let r): return "\(r.count)×\(r.first?.count ?? 0) matrix"
    case .text: return "text"
    case .bool: return "boolean"
    }
  }
}

/// Ordered result paths of one block. Order is the order the block produced
/// them, so `results.json` is stable between runs.
public struct ResultSet: Equatable, Sendable, Codable {
  /// `(path, value)` pairs in insertion order; a path occurs once.
  public private(set) var entries: [Entry] = []

  /// One result path and its value.
  public struct Entry: Equatable, Sendable, Codable {
    public var path: String
    public var value: ResultValue
  }

  public init() {}

  /// Sets `path` to `value`, replacing an earlier value in place.
  public mutating func set(_ path: String, _ value: ResultValue) {
    if let i = entries.firstIndex(where: { $0.path == path }) {
      entries[i].value = value
    } else {
      entries.append(Entry(path: path, value: value))
    }
  }

  /// Sets a scalar.
  public mutating func set(_ path: String, _ x: Double) { set(path, .number(x)) }
  /// Sets a matrix result (scalar, vector or rows by shape).
  public mutating func set(_ path: String, _ m: Matrix) { set(path, ResultValue(m)) }
  /// Sets a matrix result that keeps `shape` (see `ResultValue.Shape`).
  public mutating func set(_ path: String, _ m: Matrix, shape: ResultValue.Shape) {
    set(path, ResultValue(m, shape: shape))
  }

  /// The value at `path`.
  public subscript(path: String) -> ResultValue? {
    entries.first { $0.path == path }?.value
  }

  /// All paths in order.
  public var paths: [String] { entries.map(\.path) }
}
