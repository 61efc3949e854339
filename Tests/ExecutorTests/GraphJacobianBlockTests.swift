import Executor
import Foundation
import Notebook
import Testing

/// `graph` blocks with vector and matrix outputs, `wrt=` naming intermediate nodes,
/// `timeout`, the memory limit, and `eye(n)` under finite differences.
@Suite struct GraphJacobianBlockTests {
  @Test func vectorOutputReportsItsJacobianBesideFiniteDifferences() throws {
    let outcome = try #require(
      execute("```{graph}\nW = [[1, 2, 3], [4, 5, 6]]\nx = [1, -1, 2]\ny = tanh(W @ x / 10)\n```\n").first)
    #expect(outcome.status == .ok)
    let y = numbers(outcome, "y")
    #expect(y.count == 2)
    let jacobian = try #require(outcome.results["jacobian.y/x"])
    guard case .matrix(let rows) = jacobian else {
      Issue.record("expected a 2×3 matrix, got \(jacobian)")
      return
    }
    // ∂y_i/∂x_j = (1 − y_i²)·W_ij / 10.
    let w = [[1.0, 2, 3], [4, 5, 6]]
    for i in 0..<2 {
      for j in 0..<3 { #expect(abs(rows[i][j] - (1 - y[i] * y[i]) * w[i][j] / 10) < 1e-15) }
    }
    let fd = numbers(outcome, "fd-jacobian.y/x")
    #expect(zip(fd, rows.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(numbers(outcome, "jacobian.y/W").count == 12)
    #expect(outcome.results["adjoint.x"] == nil)
    #expect(outcome.results["dy/dx"] == nil)
    let notes = outcome.content.compactMap { item -> String? in
      if case .note(let text) = item { return text }
      return nil
    }
    #expect(notes.contains { $0.contains("numerator layout") && $0.contains("transpose") })
  }

  @Test func wrtMayNameAnIntermediateNode() throws {
    let outcome = try #require(execute("```{graph wrt=a,x}\nx = 2\na = x^2\ny = 3 * a + a^2\n```\n").first)
    #expect(outcome.status == .ok)
    #expect(number(outcome, "dy/da") == 11.0)  // 3 + 2a with a = 4
    #expect(number(outcome, "dy/dx") == 44.0)  // (3 + 2a)·2x
    let fd = try #require(number(outcome, "fd.a"))
    #expect(abs(fd - 11) < 1e-8)
  }

  @Test func scalarOutputKeepsItsResultPathsInOrder() throws {
    let outcome = try #require(execute("```{graph}\nx = 2\nz = 3\ny = x * z\n```\n").first)
    #expect(
      outcome.results.paths == [
        "y", "dy/dx", "fd.x", "dy/dz", "fd.z", "value.x", "adjoint.x", "value.z", "adjoint.z", "value.y",
        "adjoint.y",
      ])
  }

  @Test func timeoutIsAcceptedInTheHeaderAndTheTail() throws {
    let outcomes = execute(
      "```{graph timeout=5}\nx = 2\ny = x^2\n```\n\n```{graph}\nx = 2\ny = x^2\nexpect:\n  y: 4\ntimeout: 5\n```\n"
    )
    #expect(outcomes.map(\.status) == [.ok, .ok])
    #expect(outcomes[1].expectations.first?.passed == true)
  }

  @Test func exceededTimeoutIsAPositionedErrorAndTheRestRuns() throws {
    let outcomes = execute(
      "Prose.\n\n```{graph timeout=1e-9}\nA = [[2, 1], [1, 2]]\ny = logdet(A @ A)\n```\n\n```{graph}\nx = 2\ny = x^2\n```\n"
    )
    #expect(outcomes[0].status == .error)
    let error = try #require(outcomes[0].error)
    #expect(error.message.hasPrefix("stopped after the block's timeout of 1e-09 s while"))
    #expect(error.position.line == 3)
    #expect(outcomes[1].status == .ok)
  }

  @Test func valuesBeyondTheMemoryLimitArePositionedErrors() throws {
    let document = NotebookDocument.parse(
      "```{graph}\nx = [1, 2, 3, 4, 5, 6, 7, 8]\ny = sum(x @ transpose(x))\n```\n")
    var options = ExecutionOptions(notebookDirectory: FileManager.default.currentDirectoryPath)
    options.memory = MemoryBudget(limit: 256)
    let outcome = try #require(NotebookExecutor(document: document, options: options).run().first)
    let error = try #require(outcome.error)
    #expect(error.message.hasPrefix("the graph's values would need about"))
    #expect(error.message.contains("more than the memory limit"))
    #expect(error.position.line == 3)
    #expect(error.position.column == 11)
  }

  @Test func eyeSizeIsLeftOutOfFiniteDifferencesWithANote() throws {
    let outcome = try #require(
      execute("```{graph}\nn = 2\nA = [[1, 2], [3, 4]]\ny = sum(A @ eye(n))\n```\n").first)
    #expect(outcome.status == .ok)
    #expect(number(outcome, "dy/dn") == 0)
    #expect(outcome.results["fd.n"] == nil)
    let fd = numbers(outcome, "fd.A")
    #expect(fd.count == 4)
    // y = Σ A_ij, so every element of the estimate is 1.
    #expect(fd.allSatisfy { abs($0 - 1) < 1e-8 })
    let notes = outcome.content.compactMap { item -> String? in
      if case .note(let text) = item { return text }
      return nil
    }
    #expect(notes.contains { $0.contains("No finite differences for 'n'") })
    #expect(!(outcome.error?.message.contains("got 2") ?? false))
  }

  @Test func largeMatrixRunsWithDirectionalDifferences() throws {
    let n = 60
    var rows: [String] = []
    for i in 0..<n {
      let entries: [String] = (0..<n).map { j in String(Double((i * 7 + j * 3) % 11) / 10) }
      rows.append("[" + entries.joined(separator: ", ") + "]")
    }
    let outcome = try #require(
      execute("```{graph}\nA = [\(rows.joined(separator: ", "))]\ny = sum(A @ A)\n```\n").first)
    #expect(outcome.status == .ok)
    #expect(outcome.results["fd.A"] == nil)
    let predicted = numbers(outcome, "directional.A")
    let estimated = numbers(outcome, "fd-directional.A")
    #expect(predicted.count == 4)
    for (p, e) in zip(predicted, estimated) { #expect(abs(p - e) <= 1e-5 * abs(p)) }
  }
}
