import Executor
import Notebook
import Testing

/// `printed:` entries evaluated against a block's results (contract section 10): verdicts per
/// element in the result's shape, exact values to the printed decimals and two more, and
/// positioned errors for paths the block does not produce.
@Suite struct PrintedEvaluationTests {
  /// The INF721 L6 MLP (section 8) with the lecture's printed numbers.
  static let mlp = """
    ```{model mlp}
    layers:
      - dense: {in: 2, out: 2, weights: [[0.1, 0.2], [0.3, 0.4]], bias: [0.1, 0.2]}
      - relu
      - dense: {in: 2, out: 1, weights: [[0.5, 0.6]], bias: [0.3]}
      - sigmoid
    loss: bce
    ```

    ```{step s}
    model: mlp
    input: [1, 2]
    target: 1
    printed:
      source: INF721 L6, section 8
      output: 0.7986
      loss: "0.2244"
      grad.b1: [-0.1005, −0.1206]
      grad.W1: [[-0.1008, -0.2010], [-0.1206, -0.2420]]
      grad.b2: [-0.2010]
    ```
    """

  @Test func verdictsFollowTheRoundingRuleElementByElement() throws {
    let outcomes = execute(Self.mlp)
    let step = outcomes[1]
    #expect(step.status == .ok, "\(String(describing: step.error))")
    let p = step.printed
    #expect(p.map(\.path) == ["output", "loss", "grad.b1", "grad.W1", "grad.b2"])
    #expect(p.allSatisfy { $0.source == "INF721 L6, section 8" })
    #expect(p[0].matches == [false])
    #expect(p[0].exact == ["0.798991"])
    #expect(p[1].matches == [true])
    #expect(p[1].exact == ["0.224406"])
    #expect(p[2].matches == [true, true])
    #expect(p[3].matches == [false, true, true, false])
    #expect(p[3].exact == ["-0.100504", "-0.201009", "-0.120605", "-0.241211"])
    #expect(p[4].matches == [true])
    // printed − exact
    let d = try #require(p[0].differences.first)
    #expect(abs(d - (0.7986 - 0.7989910002494707)) < 1e-15)
    #expect(p.filter(\.differs).map(\.path) == ["output", "grad.W1"])
  }

  @Test func aPathTheBlockDoesNotProduceIsAnErrorAtItsLine() throws {
    let text = Self.mlp.replacingOccurrences(of: "  grad.b2: [-0.2010]", with: "  grad.B2: [-0.2010]")
    let step = execute(text)[1]
    #expect(step.status == .error)
    let e = try #require(step.error)
    #expect(e.position.line == 20)
    #expect(e.position.column == 3)
    #expect(e.message == "printed: names 'grad.B2', which this block does not produce")
    #expect(e.hint == "Did you mean 'grad.b2'?")
  }

  @Test func aValueOfAnotherShapeIsAnErrorAtItsLine() throws {
    let text = Self.mlp.replacingOccurrences(
      of: "  grad.b2: [-0.2010]", with: "  grad.W2: [-0.12, -0.26, 0.1]")
    let step = execute(text)[1]
    #expect(step.status == .error)
    #expect(step.error?.position.line == 20)
    #expect(step.error?.message.contains("gives a list of 3") == true)
  }

  @Test func graphBlocksTakePrintedInTheirYAMLTail() throws {
    let text = """
      ```{graph g}
      x = -2
      y = 5
      z = -4
      f = (x + y) * z
      printed:
        source: INF721 L6, section 6.2
        f: -12
        df/dx: -4
        value.x: -2.0
      expect:
        f: -12
      ```
      """
    let g = execute(text)[0]
    #expect(g.status == .ok, "\(String(describing: g.error))")
    #expect(g.printed.map(\.path) == ["f", "df/dx", "value.x"])
    #expect(g.printed.allSatisfy { !$0.differs })
    #expect(g.expectations.count == 1)
  }

  @Test func dataAndModelBlocksTakeNoPrinted() throws {
    let text = """
      ```{model m}
      layers: [dense 1->1]
      loss: mse
      printed:
        parameters: 2
      ```
      """
    let m = execute(text)[0]
    #expect(m.status == .error)
    #expect(m.error?.position.line == 4)
    #expect(m.error?.message == "a model block takes no printed: values")
  }

  @Test func printedDoesNotChangeWhatTheBlockComputes() throws {
    let lines = Self.mlp.split(separator: "\n", omittingEmptySubsequences: false)
    let without = execute((lines[0..<13] + lines[20...]).joined(separator: "\n"))
    #expect(without[1].printed.isEmpty)
    let with = execute(Self.mlp)
    #expect(without[1].results == with[1].results)
  }
}
