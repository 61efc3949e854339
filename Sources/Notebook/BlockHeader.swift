import Tensor

/// The kinds of executable block (contract section 1).
public enum BlockKind: String, CaseIterable, Sendable {
  /// A data set (section 2); must be named.
  case data
  /// A network (section 3); must be named.
  case model
  /// One forward and backward pass (section 4).
  case step
  /// Training (section 7).
  case train
  /// A computational graph in reverse mode (section 5); its body is not YAML.
  case graph
  /// Backprop against finite differences (section 6).
  case gradcheck
  /// Variants of a training run (section 8).
  case compare

  /// Whether blocks of this kind must carry a name (`data` and `model`).
  public var requiresName: Bool { self == .data || self == .model }
}

/// One `key=value` option of a block header, e.g. `seed=3` in ```` ```{train baseline seed=3} ````.
///
/// The value is the text as written (quotes removed, `\"` and `\\` unescaped inside double
/// quotes). A comma list such as `wrt=x,z` stays one string; the block's reader splits it.
public struct BlockAttribute: Hashable, Sendable {
  /// The option name, e.g. `seed`.
  public var key: String
  /// The option value as text, e.g. `3`.
  public var value: String
  /// Position of the key.
  public var position: SourcePosition
  /// Position of the first character of the value (of its opening quote when quoted).
  public var valuePosition: SourcePosition

  /// An attribute `key=value` at `position`; the value position defaults to the key position.
  public init(key: String, value: String, position: SourcePosition, valuePosition: SourcePosition? = nil) {
    self.key = key
    self.value = value
    self.position = position
    self.valuePosition = valuePosition ?? position
  }
}

/// The parsed info string of an executable fence: `{KIND NAME key=value key="quoted value"}`.
///
/// Grammar (spaces and tabs separate tokens; space is allowed after `{` and before `}`):
///
///     header    = "{" KIND [NAME] {key "=" value} "}"
///     NAME      = [A-Za-z][A-Za-z0-9_-]*
///     key       = [A-Za-z][A-Za-z0-9_.-]*
///     value     = bare | "\"" {char | \" | \\} "\"" | "'" {char} "'"
///     bare      = one or more characters other than space, tab and "}" (a parameter
///                 reference `${name}` counts as characters of the value, braces included)
///
/// Parsing never fails: the first problem becomes `error` and what was read before it is kept.
/// Problems: missing kind, unknown kind (with a did-you-mean hint), bad name, a second bare word,
/// a name after options, an unquoted value cut short by a space inside `[…]` or `{…}`, bad key, missing value, unterminated quote, duplicate key, missing `}`,
/// text after `}`, and a `data`/`model` block without a name.
struct BlockHeader: Sendable {
  var kindText = ""
  var kind: BlockKind?
  var name: String?
  var namePosition: SourcePosition?
  var attributes: [BlockAttribute] = []
  var error: NotebookError?
  /// The kind is `solution` (section 11): a Markdown fragment, not a `BlockKind`.
  var isSolution = false

  /// Parses `info` (which starts with `{`), whose first character is at `line`, `column`.
  init(info: String, line: Int, column: Int) {
    let s = Array(info.unicodeScalars)
    var i = 0
    func position(_ index: Int) -> SourcePosition { SourcePosition(line: line, column: column + index) }
    func fail(_ index: Int, _ message: String, _ hint: String? = nil) {
      if error == nil { error = NotebookError(position: position(index), message: message, hint: hint) }
    }
    func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
    func skipBlanks() { while i < s.count && isBlank(s[i]) { i += 1 } }
    func word(stoppingAtEquals: Bool) -> String {
      let start = i
      while i < s.count && !isBlank(s[i]) && s[i] != "}" && !(stoppingAtEquals && s[i] == "=") {
        // A parameter reference `${name}` (section 13) is part of a bare value, braces included.
        if !stoppingAtEquals && s[i] == "$" && i + 1 < s.count && s[i + 1] == "{",
          let close = s[(i + 2)...].firstIndex(where: { $0 == "}" || isBlank($0) }), s[close] == "}"
        {
          i = close + 1
          continue
        }
        i += 1
      }
      return String(String.UnicodeScalarView(s[start..<i]))
    }
    let example = "Write the header as {KIND NAME key=value}, e.g. {train baseline epochs=10}."

    guard s.first == "{" else {
      fail(0, "an executable block header must start with '{'", example)
      return
    }
    i = 1
    skipBlanks()
    let kindStart = i
    kindText = word(stoppingAtEquals: true)
    if kindText.isEmpty {
      fail(kindStart, "missing block kind", "Start the header with one of: " + Self.kindList + ".")
      return
    }
    if i < s.count && s[i] == "=" {
      fail(
        kindStart, "missing block kind before '\(kindText)='",
        "Start the header with one of: " + Self.kindList + ".")
      return
    }
    kind = BlockKind(rawValue: kindText)
    isSolution = kindText == "solution"
    if kind == nil && !isSolution {
      fail(
        kindStart, "unknown block kind '\(kindText)'",
        NameSuggestion.hint(
          for: kindText, among: BlockKind.allCases.map(\.rawValue) + ["solution"], noun: "kinds"))
    }

    var seenKeys: [String: SourcePosition] = [:]
    var closed = false
    while error == nil {
      skipBlanks()
      if i >= s.count { break }
      if s[i] == "}" {
        closed = true
        i += 1
        skipBlanks()
        if i < s.count { fail(i, "unexpected text after '}' in the block header") }
        break
      }
      let tokenStart = i
      let token = word(stoppingAtEquals: true)
      if i < s.count && s[i] == "=" {
        // key=value
        if !Self.isValidKey(token) {
          fail(
            tokenStart, token.isEmpty ? "missing option name before '='" : "invalid option name '\(token)'",
            "Option names start with a letter and hold letters, digits, '-', '_' and '.'.")
          break
        }
        i += 1
        let valueStart = i
        var value = ""
        if i < s.count && (s[i] == "\"" || s[i] == "'") {
          let quote = s[i]
          i += 1
          var terminated = false
          while i < s.count {
            let c = s[i]
            if c == quote {
              terminated = true
              i += 1
              break
            }
            if quote == "\"" && c == "\\" && i + 1 < s.count && (s[i + 1] == "\"" || s[i + 1] == "\\") {
              value.unicodeScalars.append(s[i + 1])
              i += 2
              continue
            }
            value.unicodeScalars.append(c)
            i += 1
          }
          if !terminated {
            fail(valueStart, "unterminated quoted value for '\(token)'", "Close the value with \(quote).")
            break
          }
          if i < s.count && !isBlank(s[i]) && s[i] != "}" {
            fail(i, "expected a space after the quoted value of '\(token)'")
            break
          }
        } else {
          value = word(stoppingAtEquals: false)
          if value.isEmpty {
            fail(
              valueStart, "missing value for '\(token)'", "Write \(token)=VALUE (quote values with spaces).")
            break
          }
          if i < s.count, isBlank(s[i]), Self.opensBracket(value),
            let intended = Self.bracketedValue(String(String.UnicodeScalarView(s[valueStart...])))
          {
            fail(
              valueStart, "the value of '\(token)' stops at a space",
              Self.spaceHint(key: token, intended: intended))
            break
          }
        }
        if let first = seenKeys[token] {
          fail(tokenStart, "duplicate option '\(token)' (first given at column \(first.column))")
          break
        }
        seenKeys[token] = position(tokenStart)
        attributes.append(
          BlockAttribute(
            key: token, value: value, position: position(tokenStart), valuePosition: position(valueStart)))
      } else if name == nil && attributes.isEmpty {
        if !Self.isValidName(token) {
          fail(
            tokenStart, "invalid block name '\(token)'",
            "A name starts with a letter and holds only letters, digits, '-' and '_'.")
          break
        }
        name = token
        namePosition = position(tokenStart)
      } else if name == nil {
        fail(tokenStart, "the block name '\(token)' must come before the options", example)
        break
      } else {
        fail(
          tokenStart, "unexpected '\(token)' in the block header",
          "A block has one name; options are written key=value.")
        break
      }
    }
    if error == nil && !closed {
      fail(s.count, "missing '}' at the end of the block header", example)
    }
    if error == nil, let kind, kind.requiresName, name == nil {
      fail(
        kindStart, "a \(kind.rawValue) block needs a name",
        "Write {\(kind.rawValue) NAME} so that later blocks can refer to it.")
    }
  }

  static let kindList = BlockKind.allCases.map(\.rawValue).joined(separator: ", ")

  /// Whether `value` opens more `[` or `{` than it closes (a list cut short by a space).
  static func opensBracket(_ value: String) -> Bool {
    var depth = 0
    for c in value.unicodeScalars {
      if c == "[" || c == "{" { depth += 1 }
      if c == "]" || c == "}" { depth -= 1 }
    }
    return depth > 0
  }

  /// The bracketed value at the start of `rest` up to its matching bracket (`[1, 2]` from
  /// `[1, 2] target=1}`), or `nil` when the brackets do not match up (`[1,2 target=1}`).
  static func bracketedValue(_ rest: String) -> String? {
    var open: [Character] = []
    for index in rest.indices {
      let c = rest[index]
      if c == "[" || c == "{" {
        open.append(c)
      } else if c == "]" || c == "}" {
        guard let last = open.popLast(), (last == "[") == (c == "]") else { return nil }
        if open.isEmpty { return String(rest[...index]) }
      } else if c == "\"" {
        return nil
      }
    }
    return nil
  }

  /// `Write input=[1,2] or input="[1, 2]".` (a value holding `{`: only the quoted form).
  static func spaceHint(key: String, intended: String) -> String {
    let compact = intended.filter { $0 != " " && $0 != "\t" }
    if intended.contains("{") { return "Quote the value: \(key)=\"\(intended)\"." }
    return "Write \(key)=\(compact) or \(key)=\"\(intended)\"."
  }

  /// `[A-Za-z][A-Za-z0-9_-]*`
  static func isValidName(_ name: String) -> Bool {
    let u = Array(name.unicodeScalars)
    guard let first = u.first, first.isASCIILetter else { return false }
    return u.dropFirst().allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-" }
  }

  /// `[A-Za-z][A-Za-z0-9_.-]*`
  static func isValidKey(_ key: String) -> Bool {
    let u = Array(key.unicodeScalars)
    guard let first = u.first, first.isASCIILetter else { return false }
    return u.dropFirst().allSatisfy {
      $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-" || $0 == "."
    }
  }
}

extension Unicode.Scalar {
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
