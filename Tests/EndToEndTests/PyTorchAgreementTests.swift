import Foundation
import Testing

/// The findings of the differential test against PyTorch (issue 12) and the
/// shape rules of issue 13, through the CLI, asserting values in results.json.
@Suite struct PyTorchAgreementTests {
  /// Runs `notebook` as `nb.md` in a fresh folder; returns the parsed results.json.
  static func run(_ notebook: String, status: Int32 = 0) throws -> [String: Any] {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try CLI.run(
      ["check", "nb.md", "--out", "out", "--format", "md", "--no-cache", "--quiet"], in: dir)
    #expect(r.status == status, "\(r.stderr)")
    return try CLI.results(dir.appendingPathComponent("out/nb"))
  }

  static func results(_ block: [String: Any]) throws -> [String: Any] {
    try #require(block["results"] as? [String: Any])
  }

  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  static let inferredModel = """
    ```{model m}
    layers: [dense ->2, dense 2->1]
    init: constant(0.5)
    loss: mse
    ```

    """

  /// Finding 1: the first dense layer leaves out `in`; the input size comes
  /// from the data (the later layer's `in: 2` is not the input size).
  @Test func namedModelWithoutFirstInTakesItsInputSizeFromTheData() throws {
    let json = try Self.run(
      Self.inferredModel + """
        ```{step s}
        model: m
        input: [[1, 2, 3]]
        target: 1
        ```

        ```{step inline}
        model:
          layers: [dense ->2, dense 2->1]
          init: constant(0.5)
          loss: mse
        input: [[1, 2, 3]]
        target: 1
        ```
        """)
    let model = try CLI.block(json, named: "m")
    #expect(model["status"] as? String == "ok")
    // The parameter count is unknown until the data says the input size.
    #expect(try Self.results(model)["parameters"] == nil)
    for name in ["s", "inline"] {
      let step = try CLI.block(json, named: name)
      #expect(step["status"] as? String == "ok", "\(name): \(String(describing: step["error"]))")
      let r = try Self.results(step)
      #expect(r["loss"] as? Double == 4)
      #expect(r["grad.W1"] as? [[Double]] == [[2, 4, 6], [2, 4, 6]])
      #expect(r["grad.W2"] as? [[Double]] == [[12, 12]])
      #expect(r["grad.b2"] as? [Double] == [4])
    }
  }

  @Test func trainWithAnInferredInputSize() throws {
    let json = try Self.run(
      Self.inferredModel + """
        ```{data d}
        source: table
        x: [[1, 2, 3]]
        y: [1]
        ```

        ```{train t}
        model: m
        data: d
        learning-rate: 0.01
        epochs: 1
        ```
        """)
    let train = try CLI.block(json, named: "t")
    #expect(train["status"] as? String == "ok", "\(String(describing: train["error"]))")
    let r = try Self.results(train)
    // One SGD step from the gradients above: W1 = 0.5 − 0.01·[2, 4, 6], W2 = 0.5 − 0.01·12.
    let w1 = try #require(r["final.W1"] as? [[Double]])
    #expect(Self.close(w1.flatMap { $0 }, [0.48, 0.46, 0.44, 0.48, 0.46, 0.44]))
    let w2 = try #require(r["final.W2"] as? [[Double]])
    #expect(Self.close(w2.flatMap { $0 }, [0.38, 0.38]))
    #expect(Self.close(try #require(r["final.b2"] as? [Double]), [-0.04]))
  }

  /// Finding 2: PyTorch's clamp of y(1 − y) is the float32 constant 1e-12.
  @Test func bceClampMatchesPyTorch() throws {
    let json = try Self.run(
      """
      ```{step s}
      model:
        layers:
          - dense: {in: 1, out: 1, weights: [[30]], bias: false}
          - sigmoid
        loss: bce
      input: 1
      target: 0
      ```
      """)
    let r = try Self.results(try CLI.block(json, named: "s"))
    let g = try #require(r["grad.W1"] as? [[Double]])
    #expect(abs(g[0][0] - 0.09348077904695146) < 1e-15)
  }

  /// Finding 3: a flat list is read by one rule for inline and named models.
  @Test func flatInputListIsReadTheSameWayInlineAndNamed() throws {
    let layers = "[{dense: {in: 1, out: 1, weights: [[2]], bias: [0.5]}}]"
    let json = try Self.run(
      """
      ```{model one}
      layers: \(layers)
      loss: mse
      ```

      ```{step named}
      model: one
      input: [1, 2, 3]
      target: [1, 2, 3]
      ```

      ```{step inline}
      model:
        layers: \(layers)
        loss: mse
      input: [1, 2, 3]
      target: [1, 2, 3]
      ```
      """)
    // Outputs 2.5, 4.5, 6.5 against 1, 2, 3: errors 1.5, 2.5, 3.5.
    let expected = (2.25 + 6.25 + 12.25) / 3
    for name in ["named", "inline"] {
      let step = try CLI.block(json, named: name)
      #expect(step["status"] as? String == "ok", "\(name): \(String(describing: step["error"]))")
      let r = try Self.results(step)
      #expect(abs((r["loss"] as? Double ?? 0) - expected) < 1e-15)
      #expect(r["output"] as? [Double] == [2.5, 4.5, 6.5])
      #expect(Self.close(try #require(r["grad.x"] as? [Double]), [2, 10.0 / 3, 14.0 / 3]))
    }
  }

  /// Finding 4: `train` reports the trained parameters.
  @Test func trainReportsFinalParameters() throws {
    let json = try Self.run(
      """
      ```{data d}
      source: table
      x: [[1]]
      y: [2]
      ```

      ```{train t}
      model:
        layers: [{dense: {in: 1, out: 1, weights: [[0]], bias: [0]}}]
        loss: mse
      data: d
      learning-rate: 0.1
      epochs: 1
      ```
      """)
    let r = try Self.results(try CLI.block(json, named: "t"))
    // ∂L/∂W = ∂L/∂b = 2·(0 − 2) = −4; one step of 0.1.
    #expect(r["final.W1"] as? [[Double]] == [[0.4]])
    #expect(r["final.b1"] as? [Double] == [0.4])
  }

  /// Issue 13: one-element values keep their shape, and `expect:` compares
  /// by element, so a scalar and a one-element list check the same value.
  @Test func oneElementValuesKeepTheirShape() throws {
    let json = try Self.run(
      """
      ```{step s}
      model:
        layers:
          - dense: {in: 1, out: 1, weights: [[2]], bias: [0.5]}
        loss: mse
      input: 1
      target: 1
      learning-rate: 0.1
      expect:
        grad.b1: [3] ± 1e-12
        grad.W1: 3 ± 1e-12
        loss: [2.25] ± 1e-12
        new.W1: [[1.7]] ± 1e-12
        output: ">= 2.5"
      ```
      """)
    let step = try CLI.block(json, named: "s")
    let r = try Self.results(step)
    #expect(r["loss"] as? Double == 2.25)
    #expect(r["output"] as? [Double] == [2.5])
    #expect(r["grad.W1"] as? [[Double]] == [[3]])
    #expect(r["grad.b1"] as? [Double] == [3])
    #expect(r["grad.x"] as? Double == 6)
    #expect(r["forward.z1"] as? [Double] == [2.5])
    let expectations = try #require(step["expectations"] as? [[String: Any]])
    #expect(expectations.count == 5)
    for e in expectations { #expect(e["passed"] as? Bool == true, "\(e)") }
  }

  /// Found by scripts/difftest (seed 2): one-hot targets of data whose only
  /// label is 0 were N×1 ones, read by cross-entropy as the class index 1, so
  /// training silently used the wrong class.
  @Test func oneHotOfASingleClassIsAnError() throws {
    let json = try Self.run(
      """
      ```{data d}
      source: table
      x: [[0], [1]]
      y: [0, 0]
      one-hot: true
      ```

      ```{train t}
      model:
        layers: [dense 1->3]
        loss: cross-entropy
      data: d
      epochs: 1
      ```
      """, status: 1)
    let data = try CLI.block(json, named: "d")
    #expect(data["status"] as? String == "error")
    let error = try #require(data["error"] as? [String: Any])
    #expect((error["message"] as? String)?.contains("at least two classes") == true)
    #expect(error["line"] as? Int == 5)
    #expect(try CLI.block(json, named: "t")["status"] as? String == "skipped")
  }

  /// `grad.x` has the input's shape: a batch written as rows gives rows.
  @Test func inputGradientHasTheInputsShape() throws {
    let json = try Self.run(
      """
      ```{step s}
      model:
        layers:
          - dense: {in: 2, out: 1, weights: [[1, -2]], bias: false}
        loss: {mse: {reduction: sum}}
      input: [[1, 1], [2, 0]]
      target: [0, 0]
      ```
      """)
    let r = try Self.results(try CLI.block(json, named: "s"))
    // Outputs −1 and 2; ∂L/∂y = 2y = −2, 4; ∂L/∂x = ∂L/∂y · W.
    #expect(r["grad.x"] as? [[Double]] == [[-2, 4], [4, -8]])
  }
}

extension CLI {
  /// The element of a one-element list result (`[x]` or `[[x]]`): values
  /// keep their shape, so a one-output bias or a 1×1 weight is not a bare number.
  static func oneElement(_ block: [String: Any], _ path: String) throws -> Double {
    let results = try #require(block["results"] as? [String: Any])
    if let v = results[path] as? [Double], v.count == 1 { return v[0] }
    let m = try #require(results[path] as? [[Double]], "no one-element list at \(path)")
    try #require(m.count == 1 && m[0].count == 1, "\(path) has more than one element")
    return m[0][0]
  }
}
