import Tensor

/// A YAML value of a block body with its notebook position: a scalar, a sequence, a mapping or
/// null. Readers (`string()`, `double()`, `require(_:)`, …) throw `NotebookError`s positioned
/// at the value they are about, in notebook coordinates.
///
/// Null is a plain (unquoted) empty value, `~`, `null`, `Null` or `NULL`; a quoted `"null"` is
/// text. Mapping keys are text; duplicate keys are an error when parsing.
public struct SpecNode: Sendable {
  /// Where the value starts in the notebook (for a parsed block body's top level: the opening
  /// fence, so "missing key" errors point at the block).
  public var position: SourcePosition
  var value: Value

  enum Value: Sendable {
    case null
    /// `plain` is true for unquoted YAML scalars and header attribute values.
    case scalar(String, plain: Bool)
    case sequence([SpecNode])
    case mapping([Entry])
  }

  struct Entry: Sendable {
    var key: String
    var keyPosition: SourcePosition
    var value: SpecNode
  }

  init(_ value: Value, at position: SourcePosition) {
    self.value = value
    self.position = position
  }

  /// A scalar with text `text` at `position` (read like an unquoted YAML scalar).
  public static func scalar(_ text: String, at position: SourcePosition) -> SpecNode {
    SpecNode(.scalar(text, plain: true), at: position)
  }

  /// A sequence of `elements` at `position`.
  public static func sequence(_ elements: [SpecNode], at position: SourcePosition) -> SpecNode {
    SpecNode(.sequence(elements), at: position)
  }

  /// A mapping of `entries` (in order; later duplicates are kept but `subscript` finds the first)
  /// at `position`.
  public static func mapping(
    _ entries: [(key: String, keyPosition: SourcePosition, value: SpecNode)], at position: SourcePosition
  ) -> SpecNode {
    SpecNode(
      .mapping(entries.map { Entry(key: $0.key, keyPosition: $0.keyPosition, value: $0.value) }), at: position
    )
  }

  /// A null value at `position`.
  public static func null(at position: SourcePosition) -> SpecNode { SpecNode(.null, at: position) }

  // MARK: - Shape

  /// Whether this is a mapping (`key: value` lines or `{…}`).
  public var isMapping: Bool { if case .mapping = value { true } else { false } }
  /// Whether this is a sequence (`- item` lines or `[…]`).
  public var isSequence: Bool { if case .sequence = value { true } else { false } }
  /// Whether this is a scalar (text, number, boolean; not null).
  public var isScalar: Bool { if case .scalar = value { true } else { false } }
  /// Whether this is null (an empty value, `~` or `null`).
  public var isNull: Bool { if case .null = value { true } else { false } }

  /// The text of a scalar as written (quotes removed), `nil` for other values.
  public var scalarText: String? { if case .scalar(let s, _) = value { s } else { nil } }

  /// The value of `key` in a mapping (the first one), `nil` when absent or not a mapping.
  public subscript(key: String) -> SpecNode? {
    guard case .mapping(let entries) = value else { return nil }
    return entries.first { $0.key == key }?.value
  }

  /// The keys of a mapping in document order (header attributes first); `[]` otherwise.
  public var keys: [String] {
    guard case .mapping(let entries) = value else { return [] }
    return entries.map(\.key)
  }

  /// The entries of a mapping in document order; `[]` otherwise.
  public func entries() -> [(key: String, keyPosition: SourcePosition, value: SpecNode)] {
    guard case .mapping(let entries) = value else { return [] }
    return entries.map { ($0.key, $0.keyPosition, $0.value) }
  }

  /// The elements of a sequence. A plain scalar written as a flow list (a header attribute such
  /// as `show=[forward,backward]`) is read as YAML too. Throws for other values.
  public func sequence() throws(NotebookError) -> [SpecNode] {
    switch value {
    case .sequence(let elements):
      return elements
    case .scalar(let text, plain: true) where text.hasPrefix("["):
      let parsed = try SpecNode.parseYAML(text, firstLine: position.line, columnOffset: position.column - 1)
      if case .sequence(let elements) = parsed.value { return elements }
      throw error("expected a list, got \(describedValue)")
    default:
      throw error("expected a list, got \(describedValue)")
    }
  }

  /// The elements of a list, where a single value may stand for a one-element list
  /// (`show: forward` reads as `show: [forward]`). A list written in a header attribute
  /// (`show=[forward,backward]`) is read as a list. Throws for a mapping.
  public func list() throws(NotebookError) -> [SpecNode] {
    switch value {
    case .sequence:
      return try sequence()
    case .scalar(let text, let plain):
      return plain && text.hasPrefix("[") ? try sequence() : [self]
    default:
      throw error("expected a list, got \(describedValue)")
    }
  }

  /// The value of `key`, or an error "missing key 'key'" at this mapping's position.
  public func require(_ key: String) throws(NotebookError) -> SpecNode {
    guard case .mapping = value else {
      throw error("expected a mapping (key: value lines), got \(describedValue)")
    }
    guard let found = self[key] else { throw error("missing key '\(key)'") }
    return found
  }

  /// Throws at the first key (in document order) that is not in `allowed`:
  /// "unknown key 'lerning-rate'" with a did-you-mean hint (or the list of known keys). A key
  /// for which `isResultPath` holds (a check written outside `expect:`, e.g. `loss:` in a step)
  /// gets the hint "'loss' is a result of this block; to check it, indent it under `expect:`."
  public func rejectUnknownKeys(
    allowed: [String], isResultPath: (String) -> Bool = { _ in false }
  ) throws(NotebookError) {
    for entry in entries() where !allowed.contains(entry.key) {
      let hint =
        isResultPath(entry.key)
        ? "'\(entry.key)' is a result of this block; to check it, indent it under `expect:`."
        : NameSuggestion.hint(for: entry.key, among: allowed, noun: "keys")
      throw NotebookError(position: entry.keyPosition, message: "unknown key '\(entry.key)'", hint: hint)
    }
  }

  // MARK: - Errors

  /// An error at this value's position.
  public func error(_ message: String, hint: String? = nil) -> NotebookError {
    NotebookError(position: position, message: message, hint: hint)
  }

  /// How the value reads in an error message: `'abc'`, `nothing`, `a list`, `a mapping`.
  public var describedValue: String {
    switch value {
    case .null: return "nothing"
    case .scalar(let s, _):
      let short = s.count > 40 ? String(s.prefix(37)) + "..." : s
      return "'\(short)'"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }
}
