import Autodiff
import FuzzSupport
import Tensor

/// libFuzzer entry point: the expression parser.
///
/// `GraphProgram.parse` must never trap: it returns a program or throws a `GraphError` at a
/// position inside the text (line 1 … number of lines, column ≥ 1). A program that parses and
/// is cheap to run (see `isCheapToEvaluate`) is evaluated; `evaluate()` must never trap either
/// and its errors point inside the text too. Every computed node's expression as shown
/// (`GraphNode.expression`), re-parsed with its parents' values as inputs, must give the node's
/// value bit for bit: the rendering keeps the tree (parentheses, precedence, associativity).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
  func checkPosition(_ error: GraphError, _ what: String) {
    Fuzz.check(
      1 <= error.line && error.line <= lineCount && error.column >= 1,
      "\(what) error '\(error.message)' at line \(error.line), column \(error.column); "
        + "the text has \(lineCount) lines")
  }

  let program: GraphProgram
  do {
    program = try GraphProgram.parse(text)
  } catch {
    checkPosition(error, "parse")
    return 0
  }
  Fuzz.check(
    program.assignedNames.contains(program.outputName), "output '\(program.outputName)' not assigned")
  for name in program.inputNames {
    Fuzz.check(program.assignedNames.contains(name), "input '\(name)' not assigned")
    Fuzz.check(program.inputValue(name) != nil, "input '\(name)' has no value")
  }
  guard isCheapToEvaluate(text) else { return 0 }
  do {
    let graph = try program.evaluate()
    Fuzz.check(graph.nodes.count >= program.assignedNames.count, "fewer nodes than assignments")
    for node in graph.nodes where !node.isInput { checkRendering(of: node, in: graph) }
  } catch {
    checkPosition(error, "evaluate")
  }
  return 0
}

/// Keeps evaluation cheap: every `[…]` literal holds at most 64 numbers (so no value exceeds
/// 64×64 through outer products) and every `eye(` is followed by a whole number ≤ 64 and `)`.
/// Larger programs are still parsed, just not evaluated.
func isCheapToEvaluate(_ text: String) -> Bool {
  let bytes = Array(text.utf8)
  var depth = 0
  var numbersInLiteral = 0
  var i = 0
  while i < bytes.count {
    let b = bytes[i]
    switch b {
    case UInt8(ascii: "["):
      if depth == 0 { numbersInLiteral = 1 }
      depth += 1
    case UInt8(ascii: "]"):
      depth = max(0, depth - 1)
    case UInt8(ascii: ","):
      if depth > 0 {
        numbersInLiteral += 1
        if numbersInLiteral > 64 { return false }
      }
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      depth = 0
    case UInt8(ascii: "e"):
      if bytes[i...].starts(with: Array("eye".utf8)) {
        var j = i + 3
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "(") else { break }
        j += 1
        var n = 0
        var digits = 0
        while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"), digits < 3 {
          n = n * 10 + Int(bytes[j] - UInt8(ascii: "0"))
          digits += 1
          j += 1
        }
        if digits == 0 || n > 64 || j >= bytes.count || bytes[j] != UInt8(ascii: ")") { return false }
      }
    default:
      break
    }
    i += 1
  }
  return true
}

/// Re-parses `node.expression` with each parent assigned its value, and checks that it computes
/// the node's value (NaN where it is NaN). Skipped when a parent's value is not finite (it has
/// no literal).
func checkRendering(of node: GraphNode, in graph: EvaluatedGraph) {
  let parents = node.parents.map { graph.nodes[$0] }
  guard parents.allSatisfy({ $0.value.isFinite }) else { return }
  var names = Set(parents.map(\.name))
  func fresh(_ base: String) -> String {
    var name = base
    while names.contains(name) { name += "_" }
    names.insert(name)
    return name
  }
  let out = fresh("out")
  let total = fresh("total")
  let text =
    (parents.map { "\($0.name) = \(literal($0.value))" } + [
      "\(out) = \(node.expression)", "\(total) = sum(\(out))",
    ])
    .joined(separator: "\n")
  let again: EvaluatedGraph
  do {
    again = try GraphProgram.parse(text).evaluate(output: total)
  } catch {
    Fuzz.check(
      false, "node '\(node.name)' shown as '\(node.expression)' does not run again: \(error)\n\(text)")
    return
  }
  let value = again.node(named: out)?.value
  let same =
    value.map { v in
      v.rows == node.value.rows && v.cols == node.value.cols
        && zip(v.storage, node.value.storage).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    } ?? false
  Fuzz.check(
    same,
    "node '\(node.name)' = \(node.value.storage) but its expression '\(node.expression)' gives "
      + "\(value?.storage ?? [])\n\(text)")
}

/// `m` as a graph literal: a scalar `2.5`, else rows `[[1.0, 2.0], [3.0, 4.0]]` (Swift's
/// shortest round-trip spelling of each entry).
func literal(_ m: Matrix) -> String {
  if m.isScalar { return "\(m.storage[0])" }
  return "["
    + m.rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
}
