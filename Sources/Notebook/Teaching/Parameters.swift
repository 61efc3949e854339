/// One parameter declared in the front matter's `params:` mapping (contract section 13).
public struct ParameterDeclaration: Sendable, Equatable {
  /// The name, `[A-Za-z_][A-Za-z0-9_]*`.
  public var name: String
  /// The default value's text as written (quotes removed).
  public var text: String
  /// Whether the default was written unquoted (then `${name}` standing alone reads as a number or
  /// boolean where one is expected; a quoted default is text).
  public var plain: Bool
  /// Where the default value is written.
  public var position: SourcePosition

  /// A declaration of `name` with default `text`.
  public init(name: String, text: String, plain: Bool = true, position: SourcePosition) {
    self.name = name
    self.text = text
    self.plain = plain
    self.position = position
  }

  /// `[A-Za-z_][A-Za-z0-9_]*`
  public static func isValidName(_ name: String) -> Bool {
    let u = Array(name.unicodeScalars)
    guard let first = u.first, first.isASCIILetter || first == "_" else { return false }
    return u.dropFirst().allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
  }
}

/// The value of every declared parameter for one run: the defaults, overridden by `--set` or by
/// a submission's own front matter.
public struct ParameterValues: Sendable, Equatable, Hashable {
  /// Where a value came from.
  public enum Origin: String, Sendable, Hashable {
    /// The front matter default.
    case `default`
    /// `--set NAME=VALUE` on the command line.
    case commandLine = "--set"
    /// A submission's own `params:` (grading).
    case submission
  }

  /// One parameter's value.
  public struct Entry: Sendable, Equatable, Hashable {
    public var name: String
    /// The value as text.
    public var text: String
    /// Whether the value reads like an unquoted YAML scalar (numbers stay numbers).
    public var plain: Bool
    /// The default's text, to tell whether the value differs from it.
    public var defaultText: String
    public var origin: Origin

    /// Whether the value is not the default (compared as text).
    public var isDefault: Bool { text == defaultText }
  }

  /// One entry per declared parameter, in declaration order.
  public var entries: [Entry]

  /// No parameters.
  public init() { entries = [] }

  /// The defaults of `declared`.
  public init(defaults declared: [ParameterDeclaration]) {
    entries = declared.map {
      Entry(name: $0.name, text: $0.text, plain: $0.plain, defaultText: $0.text, origin: .default)
    }
  }

  /// The entry named `name`, if declared.
  public subscript(name: String) -> Entry? { entries.first { $0.name == name } }

  /// The declared names in order.
  public var names: [String] { entries.map(\.name) }

  /// The parameters whose value is not the default, in declaration order (the report header
  /// shows them).
  public var nonDefault: [Entry] { entries.filter { !$0.isDefault } }

  /// These values with `overrides` (`NAME`, `VALUE`) applied in order; a later override of the
  /// same name wins. Values are read as unquoted YAML scalars (`--set lr=0.2` is a number).
  /// Throws for a name that is not declared, listing the declared ones.
  public func overriding(_ overrides: [(name: String, value: String)], origin: Origin) throws(ParameterError)
    -> ParameterValues
  {
    var copy = self
    for (name, value) in overrides {
      guard let i = copy.entries.firstIndex(where: { $0.name == name }) else {
        throw ParameterError(name: name, declared: names)
      }
      copy.entries[i].text = value
      copy.entries[i].plain = true
      copy.entries[i].origin = origin
    }
    return copy
  }

  /// `name=value` for every parameter whose name `text` uses as `${name}` or `${name:-…}`,
  /// joined with spaces: what a block's cache key adds so that the key changes with the values
  /// the block's text receives (the text after substitution, in effect).
  public func fingerprint(of text: String) -> String {
    entries.filter { text.contains("${\($0.name)}") || text.contains("${\($0.name):-") }
      .map { "\($0.name)=\($0.plain ? "" : "'")\($0.text)" }.joined(separator: " ")
  }
}

/// `--set NAME=VALUE` names a parameter the notebook does not declare (a command-line error,
/// exit 2).
public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
  public var name: String
  public var declared: [String]

  /// `unknown parameter 'x' (declared: lr, epochs)`, or `(the notebook declares no parameters)`.
  public var description: String {
    let list =
      declared.isEmpty
      ? "the notebook declares no parameters; declare them under 'params:' in the front matter"
      : "declared: " + declared.joined(separator: ", ")
    return "unknown parameter '\(name)' (\(list))"
  }
}
