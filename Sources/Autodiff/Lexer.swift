/// One token of a graph line.
struct Token: Equatable, Sendable {
  /// What the token is.
  enum Kind: Equatable, Sendable {
    case identifier(String)
    /// A number literal: its value and its text as written (`1e-3`, `.5`).
    case number(Double, String)
    case plus, minus, star, slash, at, caret
    case leftParen, rightParen, leftBracket, rightBracket, comma, equals
    /// The end of the line (or the start of a `#` comment).
    case end
  }

  var kind: Kind
  /// 1-based column of the token's first character.
  var column: Int
  /// The characters as written (empty for `.end`).
  var text: String

  /// How messages name the token: `'x'`, `'+'`, or `the end of the line`.
  var quoted: String { kind == .end ? "the end of the line" : "'\(text)'" }
}

/// Splits one line of a graph body into tokens.
///
/// Identifiers start with a letter or `_` and go on with letters, digits and `_`.
/// Numbers are `digits[.digits][e[±]digits]`, also `.5` and `1.`; a letter right
/// after a number is an error (there is no implicit product). `#` starts a comment
/// that runs to the end of the line. Whitespace separates tokens.
enum Lexer {
  /// The tokens of `text` (one line, no newline), ending with `.end`.
  /// - Throws: ``GraphError`` at the offending character for an unknown character
  ///   or a malformed number.
  static func tokens(in text: String, line: Int) throws(GraphError) -> [Token] {
    let chars = Array(text)
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      let column = i + 1
      if c == "#" { break }
      if c.isWhitespace {
        i += 1
        continue
      }
      if c.isLetter || c == "_" {
        var j = i + 1
        while j < chars.count, chars[j].isLetter || chars[j] == "_" || isDigit(chars[j]) { j += 1 }
        let name = String(chars[i..<j])
        tokens.append(Token(kind: .identifier(name), column: column, text: name))
        i = j
        continue
      }
      if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
        let (token, next) = try number(chars, from: i, line: line)
        tokens.append(token)
        i = next
        continue
      }
      let kind: Token.Kind
      switch c {
      case "+": kind = .plus
      case "-": kind = .minus
      case "*": kind = .star
      case "/": kind = .slash
      case "@": kind = .at
      case "^": kind = .caret
      case "(": kind = .leftParen
      case ")": kind = .rightParen
      case "[": kind = .leftBracket
      case "]": kind = .rightBracket
      case ",": kind = .comma
      case "=": kind = .equals
      default:
        throw GraphError(
          line: line, column: column, message: "unexpected character '\(c)'", hint: hint(forCharacter: c))
      }
      tokens.append(Token(kind: kind, column: column, text: String(c)))
      i += 1
    }
    let endColumn = (tokens.last.map { $0.column + $0.text.count } ?? 1)
    tokens.append(Token(kind: .end, column: endColumn, text: ""))
    return tokens
  }

  private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

  /// Scans a number starting at `start`; returns the token and the index after it.
  private static func number(
    _ chars: [Character], from start: Int, line: Int
  ) throws(GraphError) -> (Token, Int) {
    var j = start
    while j < chars.count, isDigit(chars[j]) { j += 1 }
    if j < chars.count, chars[j] == "." {
      j += 1
      while j < chars.count, isDigit(chars[j]) { j += 1 }
    }
    if j < chars.count, chars[j] == "e" || chars[j] == "E" {
      var k = j + 1
      if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
      guard k < chars.count, isDigit(chars[k]) else {
        throw GraphError(
          line: line, column: start + 1,
          message: "malformed number '\(String(chars[start..<min(k, chars.count)]))'",
          hint: "An exponent needs digits, as in 1e-3.")
      }
      while k < chars.count, isDigit(chars[k]) { k += 1 }
      j = k
    }
    let lexeme = String(chars[start..<j])
    if j < chars.count, chars[j].isLetter || chars[j] == "_" || chars[j] == "." {
      throw GraphError(
        line: line, column: j + 1, message: "unexpected '\(chars[j])' right after the number \(lexeme)",
        hint: chars[j] == "." ? nil : "There is no implicit product: write \(lexeme) * \(chars[j]).")
    }
    guard let value = Double(lexeme), value.isFinite else {
      throw GraphError(
        line: line, column: start + 1, message: "the number \(lexeme) does not fit in a Double",
        hint: "Doubles reach about 1.8e308.")
    }
    return (Token(kind: .number(value, lexeme), column: start + 1, text: lexeme), j)
  }

  /// Hints for characters people paste from typeset math.
  private static func hint(forCharacter c: Character) -> String? {
    switch c {
    case "\u{2212}", "\u{2013}", "\u{2014}": return "Use the ASCII minus '-'."
    case "×", "·", "⋅", "∗": return "Use '*' for element-wise products or '@' for the matrix product."
    case "÷": return "Use '/' for division."
    case "²", "³": return "Write powers as x^2."
    case ";": return "Put one assignment on each line."
    case "{", "}": return "Use [1, 2] for vectors and [[1, 2], [3, 4]] for matrices."
    default: return nil
    }
  }
}
