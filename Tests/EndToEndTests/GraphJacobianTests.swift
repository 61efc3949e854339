import Foundation
import Testing

/// Graph Jacobians, `wrt=` on intermediate nodes and graph `timeout` through the CLI,
/// read back from `results.json`.
@Suite struct GraphJacobianTests {
  static let notebook = """
    # Jacobians

    The expected Jacobian is diag(s) − s sᵀ with s = softmax(z), computed in Python.

    ```{graph softmax-jacobian wrt=z}
    z = [1, 2, 0.5]
    s = softmax(z)
    expect:
      jacobian.s/z: [[0.1777594, -0.1453316, -0.0324279], [-0.1453316, 0.2334796, -0.088148], [-0.0324279, -0.088148, 0.1205759]] ± 1e-6
    ```

    ```{graph intermediate wrt=h timeout=10}
    x = [1, -2]
    h = norm(x)
    y = softplus(h) + logsumexp(x)
    ```

    ```{graph slow timeout=1e-9}
    A = [[2, 1], [1, 2]]
    y = logdet(A @ A)
    ```

    """

  @Test func jacobianAndIntermediateGradientsInResultsJSON() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try GraphJacobianTests.notebook.write(
      to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["check", "nb.md", "--out", "out", "--format", "md", "--no-cache"], in: dir)
    #expect(r.status == 1, "the timed-out block fails: \(r.stderr)")
    #expect(r.stderr.contains("nb.md:18:1: error: stopped after the block's timeout of 1e-09 s"))
    let json = try CLI.results(dir.appendingPathComponent("out/nb"))
    let softmax = try CLI.block(json, named: "softmax-jacobian")
    let j = try CLI.matrix(softmax, "jacobian.s/z")
    let fd = try CLI.matrix(softmax, "fd-jacobian.s/z")
    // J = diag(s) − s sᵀ, computed here from s.
    let e = [1.0, 2, 0.5].map { exp($0) }
    let s = e.map { $0 / e.reduce(0, +) }
    for r in 0..<3 {
      for c in 0..<3 {
        #expect(abs(j[r][c] - ((r == c ? s[r] : 0) - s[r] * s[c])) < 1e-15)
        #expect(abs(fd[r][c] - j[r][c]) < 1e-9)
      }
    }
    let expectations = try #require(softmax["expectations"] as? [[String: Any]])
    #expect(expectations.first?["passed"] as? Bool == true)
    let intermediate = try CLI.block(json, named: "intermediate")
    // ∂y/∂h = σ(h) with h = √5.
    let h = 5.0.squareRoot()
    #expect(abs(try CLI.number(intermediate, "dy/dh") - 1 / (1 + exp(-h))) < 1e-15)
    #expect(abs(try CLI.number(intermediate, "fd.h") - 1 / (1 + exp(-h))) < 1e-8)
    let slow = try CLI.block(json, named: "slow")
    #expect(slow["status"] as? String == "error")
  }
}
