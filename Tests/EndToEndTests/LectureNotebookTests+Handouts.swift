import Foundation
import Testing

/// The handout items added to the lecture notebooks (issue 13), read back from
/// each notebook's results.json after a real `gradbook run`. Expected numbers
/// are the closed forms given in the notebooks, evaluated here in Swift.
extension LectureNotebookTests {
  /// Runs one notebook into a fresh folder and returns its parsed results.json,
  /// after checking that every block ran and every expectation passed.
  private func results(of notebook: String) throws -> [String: Any] {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["run", "notebooks/\(notebook).md", "--out", out.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try CLI.results(out.appendingPathComponent(notebook))
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    for b in blocks {
      #expect(b["status"] as? String == "ok", "\(b["name"] ?? "")")
      for e in (b["expectations"] as? [[String: Any]]) ?? [] { #expect(e["passed"] as? Bool == true, "\(e)") }
    }
    return json
  }

  /// A result as a flat list in column-major order: a scalar, a vector
  /// (stored flat or as a column) or a matrix (read down its columns).
  private func flat(_ block: [String: Any], _ path: String) throws -> [Double] {
    let results = try #require(block["results"] as? [String: Any])
    if let x = results[path] as? Double { return [x] }
    if let v = results[path] as? [Double] { return v }
    let m = try #require(results[path] as? [[Double]], "no value at \(path)")
    guard let columns = m.first?.count else { return [] }
    return (0..<columns).flatMap { j in m.map { $0[j] } }
  }

  private func expectClose(_ got: [Double], _ expected: [Double], _ tolerance: Double = 1e-10) {
    #expect(got.count == expected.count, "\(got) vs \(expected)")
    for (g, e) in zip(got, expected) { #expect(abs(g - e) < tolerance, "\(got) vs \(expected)") }
  }

  private func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

  @Test func uclaPracticeProblem3GivesTheTwoLayerGradients() throws {
    let json = try results(of: "ucla-chain-rule")
    let step = try CLI.block(json, named: "ucla-p3-step")
    let graph = try CLI.block(json, named: "ucla-p3-graph")
    // ŷ − y = (0.39 − 0.5, −0.77 + 0.5); h = (0.7, 0, 0, 1.3); z̄ = (0.075, 0, 0, 0.07).
    let e = [0.39 - 0.5, -0.77 + 0.5]
    let h = [0.7, 0, 0, 1.3]
    let gW2 = (0..<4).flatMap { j in e.map { $0 * h[j] } }
    let zbar = [0.075, 0, 0, 0.07]
    let x = [1.0, -2, 0.5]
    let gW1 = (0..<3).flatMap { j in zbar.map { $0 * x[j] } }
    expectClose(try flat(step, "grad.W2"), gW2)
    expectClose(try flat(step, "grad.b2"), e)
    expectClose(try flat(step, "grad.W1"), gW1)
    expectClose(try flat(step, "grad.b1"), zbar)
    expectClose(try flat(graph, "dL/dW1"), gW1)
    expectClose(try flat(graph, "dL/dW2"), gW2)
  }

  @Test func smaiLossLayerGradientsAgreeBetweenGraphAndStep() throws {
    let json = try results(of: "smai-lecture-18")
    let x = [0.3, -1.2, 0.8]
    let mse = [2 * (0.3 - 0.5), 2 * (-1.2 + 1), 2 * 0.8]
    expectClose(try flat(try CLI.block(json, named: "loss-mse"), "dL/dx"), mse)
    expectClose(try flat(try CLI.block(json, named: "loss-mse-step"), "grad.b1"), mse)
    let total = x.map(exp).reduce(0, +)
    let ce = zip(x.map { exp($0) / total }, [0.0, 0, 1]).map { $0 - $1 }
    expectClose(try flat(try CLI.block(json, named: "loss-ce"), "dL/dx"), ce)
    expectClose(try flat(try CLI.block(json, named: "loss-ce-step"), "grad.b1"), ce)
    let bce = [(0.8 - 1) / (0.8 * 0.2), 0.3 / (0.3 * 0.7)]
    expectClose(try flat(try CLI.block(json, named: "loss-bce"), "dL/dx"), bce)
    expectClose(try flat(try CLI.block(json, named: "loss-bce-step"), "backward.da1"), bce)
    expectClose(try flat(try CLI.block(json, named: "loss-hinge"), "dL/dx"), [-1, 0, 1])
    expectClose(try flat(try CLI.block(json, named: "loss-hinge-step"), "grad.b1"), [-1, 0, 1])
  }

  @Test func smaiChainExamplesMatchTheExplicitJacobianProduct() throws {
    let json = try results(of: "smai-lecture-18")
    let chain = try CLI.block(json, named: "chain")
    let explicit = try CLI.block(json, named: "chain-explicit")
    for (g, v) in [("dL/dW1", "value.G1"), ("dL/dW2", "value.G2"), ("dL/dW3", "value.G3")] {
      expectClose(try flat(chain, g), try flat(explicit, v))
    }
    // Block Jacobian of the last layer: diag(1 − x4²) W3, from the Jacobian block.
    let jac = try CLI.block(json, named: "chain-jacobians")
    expectClose(try flat(jac, "jacobian.x4/x3"), try flat(explicit, "value.J4"))
    // §18.115: ∂o/∂t is diagonal with 1 − tanh²(t), t = (−1.5, 1.75, −0.2).
    let block = try CLI.block(json, named: "block-jacobian")
    let d = [-1.5, 1.75, -0.2].map { 1 - tanh($0) * tanh($0) }
    expectClose(try flat(block, "jacobian.o/t"), [d[0], 0, 0, 0, d[1], 0, 0, 0, d[2]])
    let jw = try flat(block, "jacobian.o/W")
    #expect(jw.count == 18)
    #expect(jw.filter { $0 != 0 }.count == 6)
  }

  @Test func smaiSubgradientsAtTheKinksAreZeroAndCounted() throws {
    let json = try results(of: "smai-lecture-18")
    let relu = try CLI.block(json, named: "relu-kink")
    #expect(try CLI.number(relu, "kinks") == 1)
    expectClose(try flat(relu, "grad.b1"), [0, 1])
    let hinge = try CLI.block(json, named: "hinge-kink")
    #expect(try CLI.number(hinge, "kinks") == 1)
    expectClose(try flat(hinge, "grad.W1"), [-0.5])
    expectClose(try flat(hinge, "grad.b1"), [-1])
  }

  @Test func inf721HandGradientsAreErrorTimesInput() throws {
    let json = try results(of: "inf721-backprop")
    let x = [2.0, -1, 0.5]
    let linear = try CLI.block(json, named: "linreg-hand")
    expectClose(try flat(linear, "grad.W1"), x.map { (0.2 - 1) * $0 })
    expectClose(try flat(linear, "grad.b1"), [0.2 - 1])
    let logistic = try CLI.block(json, named: "logreg-hand")
    let e = sigmoid(0.2) - 1
    expectClose(try flat(logistic, "grad.W1"), x.map { e * $0 })
    expectClose(try flat(logistic, "grad.b1"), [e])
  }

  @Test func cmuPollAndDeltaRecursion() throws {
    let json = try results(of: "cmu-autodiff")
    let answers = try CLI.block(json, named: "poll-answers")
    let gradient = try CLI.block(json, named: "poll-gradient")
    expectClose(try flat(answers, "value.answerA"), try flat(gradient, "dy/dx"))
    expectClose(try flat(answers, "value.answerD"), try flat(gradient, "dy/dx"))
    // Jacobian in numerator layout: 3 × 2, J = diag(1 − u²) A.
    let jacobian = try CLI.block(json, named: "poll-jacobian")
    let u = try flat(jacobian, "value.u")
    let a = [0.5, 0.2, -0.7, -0.3, 0.8, 0.4]  // A down its columns
    let expected: [Double] = (0..<6).map { (k: Int) -> Double in
      let d: Double = 1 - u[k % 3] * u[k % 3]
      return d * a[k]
    }
    expectClose(try flat(jacobian, "jacobian.u/x"), expected)
    let delta = try CLI.block(json, named: "cmu-delta")
    #expect(abs(try CLI.number(delta, "loss") - 0.22164303144503564) < 1e-10)
    expectClose(try flat(delta, "grad.W3"), [0.009195343818, -0.078137808024])
    let check = try CLI.block(json, named: "cmu-delta-check")
    #expect(try CLI.number(check, "max-relative-error") < 1e-8)
  }
}
