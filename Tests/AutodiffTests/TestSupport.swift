import Autodiff
import Tensor
import Testing

/// The 1×1 value of node `name`.
func value(_ graph: EvaluatedGraph, _ name: String) throws -> Double {
  let node = try #require(graph.node(named: name))
  return try #require(node.value.scalarValue)
}

/// The 1×1 gradient ∂out/∂`name`.
func gradient(_ graph: EvaluatedGraph, _ name: String) throws -> Double {
  let g = try #require(graph.gradient(wrt: name))
  return try #require(g.scalarValue)
}

/// The error `parse` (then `evaluate`) throws for `text`.
func graphError(_ text: String, output: String? = nil) throws -> GraphError {
  do {
    let program = try GraphProgram.parse(text)
    _ = try program.evaluate(output: output)
  } catch {
    return error
  }
  Issue.record("expected an error for:\n\(text)")
  throw GraphError(line: 0, column: 0, message: "no error")
}

/// A rows×cols matrix of uniform draws in [low, high).
func uniformMatrix(
  _ rows: Int, _ cols: Int, _ low: Double, _ high: Double, _ rng: inout RandomSource
) -> Matrix {
  Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.uniform(low, high) })
}

/// The inverse of a 3×3 matrix by cofactors (independent of the engine's LU).
func inverse3x3(_ m: Matrix) -> Matrix {
  let a = m.rowArrays
  func c(_ r: Int, _ s: Int) -> Double {
    let rows = [0, 1, 2].filter { $0 != r }
    let cols = [0, 1, 2].filter { $0 != s }
    let minor = a[rows[0]][cols[0]] * a[rows[1]][cols[1]] - a[rows[0]][cols[1]] * a[rows[1]][cols[0]]
    return ((r + s) % 2 == 0 ? 1 : -1) * minor
  }
  let det = a[0][0] * c(0, 0) + a[0][1] * c(0, 1) + a[0][2] * c(0, 2)
  var inv = Matrix(rows: 3, cols: 3)
  for r in 0..<3 {
    for s in 0..<3 { inv[r, s] = c(s, r) / det }
  }
  return inv
}

/// det of a 3×3 matrix by the rule of Sarrus.
func determinant3x3(_ m: Matrix) -> Double {
  let a = m.rowArrays
  return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
    - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
    + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
}
