import Tensor

/// A parsed `graph` body, ready to evaluate: one node per assignment plus one
/// generated node (`v1, v2, …`) per unnamed sub-expression, in topological order
/// with the inputs first.
///
/// Text: one assignment `name = expression` per line; `#` starts a comment; blank
/// lines are ignored. An assignment of a literal (`2`, `-2`, `1e-3`, `[1, 2]` as a
/// 2×1 column, `[[1, 2], [3, 4]]` by rows) is an input; every other assignment is a
/// node. `b = a` makes a `copy` node. Each name is assigned once, before it is used.
///
/// Constants: a sub-expression that mentions no name (`2`, `2^-1`, `eye(3)`,
/// `[1, 2]`) is a constant, not a node. It is computed once when parsing and shown
/// inside its node's expression (`x^2`, `eye(2) / beta`); no gradient is reported for
/// it. A right-hand side made only of constants (`c = 2 * 3`) is still a node, with no
/// parents.
///
/// Generated names: every sub-expression the user did not name gets `v1, v2, …` in
/// the order nodes are created (operands before the operation, left to right),
/// skipping names the text assigns itself. A bare name is a reference, not a node.
public struct GraphProgram: Sendable, Equatable {
  /// The nodes in topological order, inputs first.
  var plans: [NodePlan]
  /// Names of the inputs (literal assignments), in text order.
  public private(set) var inputNames: [String]
  /// Every name the text assigns (inputs included), in text order.
  public private(set) var assignedNames: [String]
  /// The default output: the name of the last assignment.
  public private(set) var outputName: String

  /// Every node's name, generated ones (`v1`, …) included, in topological order.
  public var nodeNames: [String] { plans.map(\.name) }

  /// The function names the language knows, in the contract's order.
  public static var functionNames: [String] { Operation.functionNames }

  /// Parses and compiles a graph body.
  ///
  /// - Throws: ``GraphError`` at the first problem in text order, with 1-based line and
  ///   column within `text`: a syntax error, an unknown function (hint
  ///   `Did you mean 'sigmoid'?`), an undefined name, a name used before its
  ///   assignment or in its own definition, a second assignment of a name, a wrong
  ///   number of arguments, a failing constant, or a text with no assignment.
  public static func parse(_ text: String) throws(GraphError) -> GraphProgram {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: isLineEnding).map(String.init)
    var compiler = GraphCompiler(assignedLines: assignmentTargets(lines))
    for (i, line) in lines.enumerated() {
      if let assignment = try Parser.parseLine(line, line: i + 1) {
        try compiler.add(assignment)
      }
    }
    return try compiler.finish()
  }

  /// Replaces an input's literal value (shape may change); the node's expression
  /// text becomes the new literal. A name that is not an input leaves the program
  /// unchanged.
  public func replacingInput(_ name: String, with value: Matrix) -> GraphProgram {
    guard let i = plans.firstIndex(where: { $0.name == name && $0.operation == .input }) else { return self }
    var copy = self
    copy.plans[i].inputValue = value
    copy.plans[i].expression = literalText(value)
    return copy
  }

  /// An input's current value, or `nil` when `name` is not an input.
  public func inputValue(_ name: String) -> Matrix? {
    plans.first { $0.name == name && $0.operation == .input }?.inputValue
  }

  /// Splits a `graph` block body at the first line that is exactly `expect:` or
  /// `printed:` (trailing spaces allowed): the assignments before it, and the rest of
  /// the body from that line on (the YAML `expect:` and `printed:` mappings) with the
  /// 1-based line where it starts. Lines are kept, so positions in `assignments` are positions in `body`.
  public static func splitExpectations(
    _ body: String
  ) -> (assignments: String, expectations: String?, expectationsLine: Int?) {
    let lines = body.split(omittingEmptySubsequences: false, whereSeparator: isLineEnding)
    for (i, line) in lines.enumerated() {
      var trimmed = Substring(line)
      while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
      if trimmed == "expect:" || trimmed == "printed:" {
        return (
          lines[..<i].joined(separator: "\n"), lines[i...].joined(separator: "\n"), i + 1
        )
      }
    }
    return (body, nil, nil)
  }

  /// Lines end at LF, CR or CRLF, as in the notebook; other Unicode line breaks (VT, FF, NEL,
  /// U+2028, U+2029) are whitespace inside a line, so line numbers match the notebook's.
  private static func isLineEnding(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

  /// Names assigned by each line that starts `NAME =`, with the first line that does
  /// (a best-effort scan: lines that do not lex are left to the real parse).
  private static func assignmentTargets(_ lines: [String]) -> [String: Int] {
    var targets: [String: Int] = [:]
    for (i, line) in lines.enumerated() {
      guard let tokens = try? Lexer.tokens(in: line, line: i + 1), tokens.count >= 2,
        case .identifier(let name) = tokens[0].kind, tokens[1].kind == .equals,
        targets[name] == nil
      else { continue }
      targets[name] = i + 1
    }
    return targets
  }
}

/// One compiled node: what to compute and how to show it.
struct NodePlan: Sendable, Equatable {
  var name: String
  var isGenerated: Bool
  var operation: Operation
  var operands: [Operand]
  /// The expression as the user reads it, generated names substituted.
  var expression: String
  /// 1-based line of the assignment the node comes from.
  var line: Int
  /// Column of the operator or function name (of the literal for inputs).
  var column: Int
  /// The literal value, for inputs only.
  var inputValue: Matrix?

  /// Indices of the nodes this node reads, without repeats, in operand order.
  var parents: [Int] {
    var seen: [Int] = []
    for case .node(let i) in operands where !seen.contains(i) { seen.append(i) }
    return seen
  }
}

/// An operand: another node, or a constant computed at parse time.
enum Operand: Sendable, Equatable {
  case node(Int)
  case constant(Matrix, Rendered)
}

/// The literal text of a matrix: `2`, `[1, 2]` for a column, `[[1, 2], [3, 4]]`
/// otherwise; whole numbers without `.0`.
func literalText(_ m: Matrix) -> String {
  func number(_ v: Double) -> String {
    if v.rounded() == v, Swift.abs(v) < 1e15 { return String(Int(v)) }
    return "\(v)"
  }
  if m.isScalar { return number(m.storage[0]) }
  if m.cols == 1 { return "[" + m.storage.map(number).joined(separator: ", ") + "]" }
  return "[" + m.rowArrays.map { "[" + $0.map(number).joined(separator: ", ") + "]" }.joined(separator: ", ")
    + "]"
}
