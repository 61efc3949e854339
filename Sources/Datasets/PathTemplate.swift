/// A path after `PathTemplate.expand`: where it points and which variables made it.
public struct ExpandedPath: Sendable, Equatable {
  /// The resolved path: variables substituted, joined to the notebook's folder when
  /// relative, `.` and `..` components folded lexically.
  public var path: String
  /// The path as written in the notebook.
  public var template: String
  /// Each `${VAR}` / `${VAR:-default}` met, in order of appearance.
  public var bindings: [Binding]

  /// One variable reference and what it expanded to.
  public struct Binding: Sendable, Equatable {
    /// The variable name, e.g. `MNIST_DIR`.
    public var name: String
    /// The text substituted (the variable's value, or the default).
    public var value: String
    /// True when the variable was unset or empty and the `:-` default was used.
    public var usedDefault: Bool

    /// A binding from its parts.
    public init(name: String, value: String, usedDefault: Bool) {
      self.name = name
      self.value = value
      self.usedDefault = usedDefault
    }
  }

  /// A resolved path from its parts.
  public init(path: String, template: String, bindings: [Binding]) {
    self.path = path
    self.template = template
    self.bindings = bindings
  }

  /// The names of the variables involved, in order, without repeats.
  public var variables: [String] {
    var seen: [String] = []
    for b in bindings where !seen.contains(b.name) { seen.append(b.name) }
    return seen
  }

  /// `path` when a file (or folder) exists there; otherwise throws an error naming
  /// the resolved path and, when variables were involved, each variable and whether
  /// its value or its default was used, with a hint to set it.
  public func requireExists(key: String = "path") throws(DatasetError) -> String {
    if FileBytes.exists(path) { return path }
    var message = "no file at '\(path)'"
    if !bindings.isEmpty {
      let parts = bindings.map { b in
        b.usedDefault
          ? "\(b.name) is not set, so its default '\(b.value)' was used"
          : "\(b.name) is '\(b.value)'"
      }
      message += " (from '\(template)': \(parts.joined(separator: "; ")))"
    }
    var hints: [String] = []
    if let nearby = FileBytes.missingHint(path) { hints.append(nearby) }
    if let name = variables.first {
      hints.append(
        "Set \(name) to the folder that holds the file (e.g. \(name)=/path/to/folder gradbook run …), or put the file at the path above."
      )
    } else {
      hints.append("Relative paths are read from the notebook's folder.")
    }
    let lower = path.lowercased()
    if lower.contains("idx") && lower.contains("ubyte") {
      hints.append("scripts/get-mnist downloads the MNIST files into data/mnist/.")
    }
    throw DatasetError(message, hint: hints.joined(separator: " "), key: key)
  }
}

/// Expansion of `${VAR}` and `${VAR:-default}` in data-file paths.
///
/// Rules (as in the POSIX shell): `${VAR}` is the value of VAR and an error when VAR
/// is unset or empty; `${VAR:-default}` is the value of VAR, or `default` when VAR is
/// unset or empty. VAR matches `[A-Za-z_][A-Za-z0-9_]*`; the default is literal text
/// up to the first `}` (no nesting). A `$` not followed by `{` is kept as it is. A
/// leading `~/` stands for `$HOME/`. The result, when relative, is taken relative to
/// the notebook's folder.
public enum PathTemplate {
  /// Expands `path`, then joins it to `notebookDirectory` when it is relative and folds
  /// `.` and `..` lexically. `key` is the block key the path came from, for errors.
  public static func expand(
    _ path: String, environment: [String: String], relativeTo notebookDirectory: String,
    key: String = "path"
  ) throws(DatasetError) -> ExpandedPath {
    var out = ""
    var bindings: [ExpandedPath.Binding] = []
    var rest = Substring(path)
    while let dollar = rest.firstIndex(of: "$") {
      out += rest[..<dollar]
      let afterDollar = rest.index(after: dollar)
      guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
        out += "$"
        rest = rest[afterDollar...]
        continue
      }
      let bodyStart = rest.index(after: afterDollar)
      guard let close = rest[bodyStart...].firstIndex(of: "}") else {
        throw DatasetError(
          "the path '\(path)' has a '${' without its closing '}'",
          hint: "Write ${NAME} or ${NAME:-default}.", key: key)
      }
      let body = rest[bodyStart..<close]
      let name: Substring
      let fallback: Substring?
      if let sep = body.range(of: ":-") {
        name = body[..<sep.lowerBound]
        fallback = body[sep.upperBound...]
      } else {
        name = body
        fallback = nil
      }
      guard isVariableName(name) else {
        throw DatasetError(
          "the path '\(path)' has '${\(body)}', and '\(name)' is not a variable name",
          hint:
            "Write ${NAME} or ${NAME:-default}; a name is letters, digits and '_', not starting with a digit.",
          key: key)
      }
      let variable = String(name)
      if let value = environment[variable], !value.isEmpty {
        out += value
        bindings.append(.init(name: variable, value: value, usedDefault: false))
      } else if let fallback {
        out += fallback
        bindings.append(.init(name: variable, value: String(fallback), usedDefault: true))
      } else {
        throw DatasetError(
          "the path '\(path)' uses ${\(variable)}, but \(variable) is not set",
          hint:
            "Set \(variable) (e.g. \(variable)=/path/to/folder gradbook run …) or give a default: ${\(variable):-folder}.",
          key: key)
      }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    if out.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
      out = home + out.dropFirst()
    }
    guard !out.isEmpty else {
      throw DatasetError("the path '\(path)' is empty after expansion", key: key)
    }
    if !out.hasPrefix("/") && !notebookDirectory.isEmpty {
      out = notebookDirectory + "/" + out
    }
    return ExpandedPath(path: normalize(out), template: path, bindings: bindings)
  }

  /// Expands `path` (see `expand`) and returns it when a file exists there; otherwise
  /// throws the error of `ExpandedPath.requireExists`.
  public static func resolveFile(
    _ path: String, environment: [String: String], relativeTo notebookDirectory: String,
    key: String = "path"
  ) throws(DatasetError) -> String {
    try expand(path, environment: environment, relativeTo: notebookDirectory, key: key)
      .requireExists(key: key)
  }

  static func isVariableName(_ s: Substring) -> Bool {
    guard let first = s.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
    return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
  }

  /// Folds `.`, `..` and repeated `/` lexically: `/a/b/../c/./d` → `/a/c/d`;
  /// `..` above the root of an absolute path stays at the root; leading `..` of a
  /// relative path are kept.
  static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
