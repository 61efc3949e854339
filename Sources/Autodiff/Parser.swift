import Tensor

/// Recursive-descent parser for one line `name = expression`.
///
/// Grammar (lowest to highest binding; `+ - * / @` left-associative, `^`
/// right-associative):
///
///     assignment := NAME '=' expr
///     expr       := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | '@') unary)*
///     unary      := '-' unary | power
///     power      := primary ('^' unary)?
///     primary    := NUMBER | NAME | NAME '(' args ')' | '(' expr ')' | literal
///     literal    := '[' entries ']' | '[' row (',' row)* ']'     row := '[' entries ']'
///     entries    := ['-'] NUMBER (',' ['-'] NUMBER)* [',']
///
/// So `-x^2` is −(x²), `2^3^2` is 2^(3²) = 512, `2^-1` is ½, and `a - b - c` is
/// (a − b) − c.
///
/// Nesting is limited: the tree to ``maxDepth`` operations on its longest path (so
/// `x + x + … + x` with 101 `+` is too deep), the parse to ``maxNesting`` parentheses,
/// calls, unary minus and `^` inside one another. Past either the line is an error, so
/// nothing recursive (parsing, compiling, rendering) can overflow the stack.
struct Parser {
  /// The most operations on one path of an expression's tree.
  static let maxDepth = 100
  /// The most parentheses, calls, unary minus and `^` inside one another. At least
  /// `2 · maxDepth + 1`, so that the form ``Operation/render(_:)`` shows for an accepted
  /// tree (a pair of parentheses at most per operation) parses again.
  static let maxNesting = 256

  private let tokens: [Token]
  private let line: Int
  private var index = 0
  /// Calls of `unary()` in progress: the parse's nesting.
  private var nesting = 0
  /// Height (operations on the longest path) of the expression last returned.
  private var height = 0

  /// Parses one line. Returns `nil` for a blank or comment-only line.
  /// - Throws: ``GraphError`` with the line and column of the first problem.
  static func parseLine(_ text: String, line: Int) throws(GraphError) -> Assignment? {
    let tokens = try Lexer.tokens(in: text, line: line)
    if tokens.count == 1 { return nil }
    var parser = Parser(tokens: tokens, line: line)
    return try parser.assignment()
  }

  private init(tokens: [Token], line: Int) {
    self.tokens = tokens
    self.line = line
  }

  private var current: Token { tokens[index] }

  @discardableResult
  private mutating func advance() -> Token {
    let t = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return t
  }

  private func error(_ message: String, at column: Int, hint: String? = nil) -> GraphError {
    GraphError(line: line, column: column, message: message, hint: hint)
  }

  /// Throws at `column` when the tree height `depth` exceeds ``maxDepth``.
  private func checkDepth(_ depth: Int, at column: Int) throws(GraphError) {
    guard depth > Parser.maxDepth else { return }
    throw error(
      "expression nested too deeply: more than \(Parser.maxDepth) operations inside one another",
      at: column, hint: "Give parts of it names on earlier lines (a = …), then use the names.")
  }

  private mutating func assignment() throws(GraphError) -> Assignment {
    let first = advance()
    guard case .identifier(let name) = first.kind else {
      throw error(
        "expected a name at the start of the line, found \(first.quoted)", at: first.column,
        hint: "Each line reads name = expression.")
    }
    guard current.kind == .equals else {
      throw error(
        "expected '=' after '\(name)', found \(current.quoted)", at: current.column,
        hint: "Each line reads name = expression.")
    }
    advance()
    let expression = try self.expression()
    guard current.kind == .end else {
      throw error(
        "unexpected \(current.quoted) after the expression", at: current.column,
        hint: "Put one assignment on each line; products need an operator (* or @).")
    }
    return Assignment(name: name, line: line, nameColumn: first.column, expression: expression)
  }

  private mutating func expression() throws(GraphError) -> Expression {
    var lhs = try term()
    var h = height
    while current.kind == .plus || current.kind == .minus {
      let op = advance()
      let rhs = try term()
      h = max(h, height) + 1
      try checkDepth(h, at: op.column)
      lhs = .apply(op.kind == .plus ? .add : .subtract, [lhs, rhs], column: op.column)
    }
    height = h
    return lhs
  }

  private mutating func term() throws(GraphError) -> Expression {
    var lhs = try unary()
    var h = height
    while true {
      let operation: Operation
      switch current.kind {
      case .star: operation = .multiply
      case .slash: operation = .divide
      case .at: operation = .matmul
      default:
        height = h
        return lhs
      }
      let op = advance()
      let rhs = try unary()
      h = max(h, height) + 1
      try checkDepth(h, at: op.column)
      lhs = .apply(operation, [lhs, rhs], column: op.column)
    }
  }

  private mutating func unary() throws(GraphError) -> Expression {
    nesting += 1
    defer { nesting -= 1 }
    if nesting > Parser.maxNesting {
      throw error(
        "expression nested too deeply: more than \(Parser.maxNesting) parentheses, calls or signs inside one another",
        at: current.column, hint: "Give parts of it names on earlier lines (a = …), then use the names.")
    }
    if current.kind == .minus {
      let op = advance()
      let operand = try unary()
      height += 1
      try checkDepth(height, at: op.column)
      return .apply(.negate, [operand], column: op.column)
    }
    return try power()
  }

  private mutating func power() throws(GraphError) -> Expression {
    let base = try primary()
    guard current.kind == .caret else { return base }
    let baseHeight = height
    let op = advance()
    let exponent = try unary()
    height = max(baseHeight, height) + 1
    try checkDepth(height, at: op.column)
    return .apply(.power, [base, exponent], column: op.column)
  }

  private mutating func primary() throws(GraphError) -> Expression {
    let token = current
    switch token.kind {
    case .number(let value, let text):
      advance()
      height = 0
      return .number(value, text: text, column: token.column)
    case .identifier(let name):
      advance()
      if current.kind == .leftParen { return try call(name, at: token.column) }
      height = 0
      return .variable(name, column: token.column)
    case .leftParen:
      advance()
      let inner = try expression()
      guard current.kind == .rightParen else {
        throw GraphError(
          line: line, column: current.column, template: .unclosedParenthesis(found: current.quoted),
          relatedColumn: token.column)
      }
      advance()
      return inner
    case .leftBracket:
      height = 0
      return try literal()
    default:
      var hint: String?
      if token.kind == .star, index > 0, tokens[index - 1].kind == .star { hint = "Write powers as x^2." }
      throw error(
        "expected a number, a name, '(' or '[', found \(token.quoted)", at: token.column, hint: hint)
    }
  }

  /// `name(args)`; the name must be a known function with the right arity.
  private mutating func call(_ name: String, at column: Int) throws(GraphError) -> Expression {
    guard let function = Operation.function(named: name) else {
      throw error(
        "unknown function '\(name)'", at: column,
        hint: NameSuggestion.hint(for: name, among: Operation.functionNames))
    }
    let open = advance()
    var arguments: [Expression] = []
    var h = 0
    if current.kind != .rightParen {
      arguments.append(try expression())
      h = height
      while current.kind == .comma {
        advance()
        arguments.append(try expression())
        h = max(h, height)
      }
    }
    guard current.kind == .rightParen else {
      throw GraphError(
        line: line, column: current.column, template: .unclosedCall(function: name, found: current.quoted),
        relatedColumn: open.column)
    }
    advance()
    guard arguments.count == function.arity else {
      let wanted = function.arity == 1 ? "1 argument" : "\(function.arity) arguments"
      throw error(
        "\(name) takes \(wanted); got \(arguments.count)", at: column,
        hint: "Call it as \(function.signature).")
    }
    height = h + 1
    try checkDepth(height, at: column)
    return .apply(function, arguments, column: column)
  }

  /// `[1, -2]` (a column n×1) or `[[1, 2], [3, 4]]` (rows).
  private mutating func literal() throws(GraphError) -> Expression {
    let open = advance()
    if current.kind == .leftBracket {
      var rows: [[(Double, String)]] = []
      var rowColumns: [Int] = []
      while true {
        rowColumns.append(current.column)
        guard current.kind == .leftBracket else {
          throw error(
            "expected '[' to start a row of the matrix, found \(current.quoted)", at: current.column,
            hint: "A matrix is written [[1, 2], [3, 4]].")
        }
        advance()
        rows.append(try entries())
        if current.kind == .comma {
          advance()
          if current.kind == .rightBracket { break }
          continue
        }
        if current.kind == .rightBracket { break }
        throw error(
          "expected ',' or ']' after row \(rows.count) of the matrix, found \(current.quoted)",
          at: current.column)
      }
      advance()
      let width = rows[0].count
      for (r, row) in rows.enumerated() where row.count != width {
        throw error(
          "row \(r + 1) of the matrix has \(row.count) entries but row 1 has \(width)", at: rowColumns[r])
      }
      let text =
        "[" + rows.map { "[" + $0.map(\.1).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
      let matrix = Matrix(rows: rows.count, cols: width, storage: rows.flatMap { $0.map(\.0) })
      return .literal(matrix, text: text, column: open.column)
    }
    let values = try entries()
    let text = "[" + values.map(\.1).joined(separator: ", ") + "]"
    return .literal(Matrix(column: values.map(\.0)), text: text, column: open.column)
  }

  /// Signed numbers separated by commas up to and including the closing `]`.
  private mutating func entries() throws(GraphError) -> [(Double, String)] {
    var values: [(Double, String)] = []
    while current.kind != .rightBracket {
      let start = current
      var sign = 1.0
      if current.kind == .minus {
        sign = -1
        advance()
      }
      guard case .number(let v, let text) = current.kind else {
        throw error(
          "expected a number in the literal, found \(current.quoted)", at: current.column,
          hint: current.kind == .end
            ? "Close it with ']'." : "Literals hold numbers only; compute other values on their own line.")
      }
      advance()
      values.append((sign * v, sign < 0 ? "-" + text : text))
      if current.kind == .comma {
        advance()
      } else if current.kind != .rightBracket {
        throw error(
          "expected ',' or ']' after \(start.kind == .minus ? "-" : "")\(text), found \(current.quoted)",
          at: current.column)
      }
    }
    if values.isEmpty {
      throw error("an empty literal has no value", at: current.column, hint: "Write at least one number.")
    }
    advance()
    return values
  }
}
