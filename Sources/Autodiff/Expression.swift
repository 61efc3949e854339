import Tensor

/// The syntax tree of one right-hand side. Parentheses leave no trace: they only
/// shape the tree. Columns are 1-based within the line.
indirect enum Expression: Sendable {
  /// A number literal, with its text as written (`1e-3`, `.5`).
  case number(Double, text: String, column: Int)
  /// A vector `[1, 2]` (n×1) or matrix `[[1, 2], [3, 4]]` literal, with its text.
  case literal(Matrix, text: String, column: Int)
  /// A reference to a named node.
  case variable(String, column: Int)
  /// An operator or function applied to operands; `column` is that of the operator
  /// symbol or of the function name.
  case apply(Operation, [Expression], column: Int)

  /// The column errors about this expression point at.
  var column: Int {
    switch self {
    case .number(_, _, let column), .literal(_, _, let column), .variable(_, let column),
      .apply(_, _, let column):
      return column
    }
  }

  /// True when no name occurs inside (a constant such as `2`, `2^-1`, `eye(3)`).
  var isConstant: Bool {
    switch self {
    case .number, .literal: return true
    case .variable: return false
    case .apply(_, let operands, _): return operands.allSatisfy(\.isConstant)
    }
  }

  /// The value of a literal right-hand side — a number, a negated number, a vector
  /// or a matrix — which makes its assignment an input. `nil` for anything else.
  var literalValue: Matrix? {
    switch self {
    case .number(let v, _, _): return Matrix(scalar: v)
    case .literal(let m, _, _): return m
    case .apply(.negate, let operands, _):
      if case .number(let v, _, _) = operands[0] { return Matrix(scalar: -v) }
      return nil
    default: return nil
    }
  }

  /// The text as the user would read it, with minimal parentheses.
  var rendered: Rendered {
    switch self {
    case .number(_, let text, _), .literal(_, let text, _): return Rendered(text: text, precedence: 5)
    case .variable(let name, _): return Rendered(text: name, precedence: 5)
    case .apply(let op, let operands, _):
      return Rendered(text: op.render(operands.map(\.rendered)), precedence: op.precedence)
    }
  }
}

/// One line `name = expression`.
struct Assignment: Sendable {
  var name: String
  /// 1-based line within the graph text.
  var line: Int
  /// Column of the name.
  var nameColumn: Int
  var expression: Expression
}
