/// One number as a source printed it: its text as written in the notebook, its decimal value and
/// how many decimals it shows (contract section 10).
public struct PrintedNumber: Equatable, Sendable {
  /// The text as written (quotes removed), e.g. `0.7990`, `−0.1008`, `1.2e-3`.
  public var text: String
  /// The value, digit for digit.
  public var value: PrintedDecimal
  /// Decimals shown: `0.7990` → 4, `1.2e-3` → 4, `25` → 0, `1.2e3` → −2.
  public var decimals: Int
  /// Where the number is written.
  public var position: SourcePosition

  /// Whether `computed`, rounded half away from zero to `decimals` (decimal rounding of its
  /// shortest form, see `PrintedDecimal.rounded(toDecimals:)`), equals the printed value;
  /// −0.0000 equals 0.0000. A NaN or infinite computed value never matches.
  public func matches(_ computed: Double) -> Bool {
    guard let exact = PrintedDecimal(shortest: computed) else { return false }
    return exact.rounded(toDecimals: decimals).isSameValue(as: value)
  }
}

/// The shape of a printed value as written: one number, a flat list, or rows.
public enum PrintedValue: Equatable, Sendable {
  /// `loss: 0.2247`
  case scalar(PrintedNumber)
  /// `grad.b1: [-0.1008, -0.1210]`
  case vector([PrintedNumber])
  /// `grad.W1: [[-0.1008, -0.2016], [-0.1210, -0.2420]]`
  case matrix([[PrintedNumber]])

  /// Every number in row-major order.
  public var numbers: [PrintedNumber] {
    switch self {
    case .scalar(let x): return [x]
    case .vector(let v): return v
    case .matrix(let m): return m.flatMap { $0 }
    }
  }

  /// Its shape as written (compared with a result's as `expect:` does, see `WrittenShape`).
  public var shape: WrittenShape {
    switch self {
    case .scalar: return .number
    case .vector(let v): return .list(v.count)
    case .matrix(let m): return .of(rows: m)
    }
  }
}

/// One entry of a `printed:` mapping: a result path and the value the source printed for it.
public struct PrintedEntry: Equatable, Sendable {
  /// The result path, e.g. `forward.a2`.
  public var path: String
  public var value: PrintedValue
  /// Position of the path (the key).
  public var position: SourcePosition
}

/// A block's `printed:` mapping: the optional `source:` label and the entries in order.
public struct PrintedValues: Equatable, Sendable {
  /// Who printed the values, e.g. `INF721 L6, section 8`.
  public var source: String?
  public var entries: [PrintedEntry]

  public init(source: String? = nil, entries: [PrintedEntry] = []) {
    self.source = source
    self.entries = entries
  }
}

/// Reads a `printed:` mapping (contract section 10).
///
///     printed:
///       source: "INF721 L6, section 8"
///       loss: 0.2247
///       grad.W1: [[-0.1008, -0.2420], [-0.1210, -0.2420]]
///
/// Each value is a number, a flat list or a list of rows of numbers, read from the text as written
/// (`PrintedDecimal.parse`): quoted numbers read the same, a Unicode minus is accepted. A number
/// may show at most `maximumDecimals` decimals (and at least −`maximumDecimals`).
public enum Printed {
  /// The most decimals a printed number may show (1e-400 shows 400).
  public static let maximumDecimals = 400

  /// Parses the value of `printed:`; null gives no entries.
  public static func parse(_ node: SpecNode) throws(NotebookError) -> PrintedValues {
    if node.isNull { return PrintedValues() }
    guard node.isMapping else {
      throw node.error(
        "printed: must be a mapping from a result path to the value a source printed, got \(node.describedValue)",
        hint: "Write one value per line, e.g. 'loss: 0.2247', and optionally 'source: \"INF721 L6\"'.")
    }
    var values = PrintedValues()
    for entry in node.entries() {
      if entry.key == "source" {
        guard let text = entry.value.scalarText else {
          throw entry.value.error(
            "the source of printed values is a label, got \(entry.value.describedValue)",
            hint: "Write e.g. 'source: \"INF721 L6, section 8\"'.")
        }
        values.source = text
        continue
      }
      values.entries.append(
        PrintedEntry(path: entry.key, value: try value(entry.value), position: entry.keyPosition))
    }
    return values
  }

  private static func value(_ node: SpecNode) throws(NotebookError) -> PrintedValue {
    guard node.isSequence else { return .scalar(try number(node)) }
    let elements = try node.sequence()
    guard let first = elements.first else {
      throw node.error("a printed list needs at least one number", hint: "Write e.g. '[0.1, 0.2]'.")
    }
    if !first.isSequence {
      var v: [PrintedNumber] = []
      for e in elements { v.append(try number(e)) }
      return .vector(v)
    }
    var rows: [[PrintedNumber]] = []
    for e in elements {
      guard e.isSequence else {
        throw e.error("expected a row (a list of numbers), got \(e.describedValue)")
      }
      var row: [PrintedNumber] = []
      for c in try e.sequence() { row.append(try number(c)) }
      if let width = rows.first?.count, width != row.count {
        throw e.error(
          "rows must have the same length: row \(rows.count + 1) has \(row.count) values, row 1 has \(width)")
      }
      if row.isEmpty { throw e.error("a printed row needs at least one number") }
      rows.append(row)
    }
    return .matrix(rows)
  }

  private static func number(_ node: SpecNode) throws(NotebookError) -> PrintedNumber {
    guard let text = node.scalarText, let (value, decimals) = PrintedDecimal.parse(text.trimmingSpaces())
    else {
      throw node.error(
        "a printed value is a number as the source printed it, got \(node.describedValue)",
        hint: "Write the digits as printed, e.g. '0.7990', '-1.2521' or '1.2e-3'.")
    }
    guard abs(decimals) <= maximumDecimals else {
      throw node.error(
        "a printed number shows at most \(maximumDecimals) decimals, got \(node.describedValue)")
    }
    return PrintedNumber(
      text: text.trimmingSpaces(), value: value, decimals: decimals, position: node.position)
  }
}
