import Foundation
import Testing

/// Parameters (contract section 13) through the CLI: `params:` and `--set` in every block kind,
/// the seed from a string, unknown names, error positions and the cache key.
@Suite(.serialized) struct ParameterTests {
  static let notebook = """
    ---
    params:
      n: 40
      w: 0.5
      lr: 0.1
      epochs: 2
      x0: 2
      eps: 1e-6
      seeds: 2
      student: demo
    seed: ${student}
    ---
    ```{data d}
    source: xor
    n: ${n}
    ```

    ```{model m}
    layers:
      - dense: {in: 2, out: 1, weights: [[${w}, 0.25]], bias: [0]}
      - sigmoid
    loss: bce
    ```

    ```{step s learning-rate=${lr}}
    model: m
    input: [1, 2]
    target: 1
    ```

    ```{train t}
    model: m
    data: d
    epochs: ${epochs}
    learning-rate: ${lr}
    ```

    ```{graph g wrt=x}
    x = ${x0}
    y = x * x + ${w}
    ```

    ```{gradcheck c}
    model: m
    input: [1, 2]
    target: 1
    epsilon: ${eps}
    ```

    ```{compare k}
    train: t
    vary:
      learning-rate: [0.1, 0.2]
    seeds: ${seeds}
    ```

    """

  /// Writes the notebook, runs it with `arguments`, returns (status, stderr, results.json).
  static func run(_ arguments: [String], in dir: URL, text: String = notebook) throws -> (
    CLI.Output, [String: Any]?
  ) {
    let file = dir.appendingPathComponent("p.md")
    try Data(text.utf8).write(to: file)
    let r = try CLI.run(["run", file.path, "--out", dir.path, "--quiet"] + arguments)
    return (r, try? CLI.results(dir.appendingPathComponent("p")))
  }

  static func fnv1a(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01B3
    }
    return h
  }

  @Test func setChangesEveryBlockKind() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (a, defaults) = try Self.run([], in: dir)
    #expect(a.status == 0, "\(a.stderr)")
    let (b, changed) = try Self.run(
      [
        "--set", "n=80", "--set", "w=0.75", "--set", "lr=0.3", "--set", "epochs=3", "--set", "x0=3",
        "--set", "eps=1e-5", "--set", "seeds=3", "--set", "student=alice",
      ], in: dir)
    #expect(b.status == 0, "\(b.stderr)")
    let d = try #require(defaults)
    let c = try #require(changed)
    #expect(try CLI.number(CLI.block(d, named: "d"), "train.n") == 40)
    #expect(try CLI.number(CLI.block(c, named: "d"), "train.n") == 80)
    #expect(try CLI.number(CLI.block(d, named: "g"), "y") == 4.5)
    #expect(try CLI.number(CLI.block(c, named: "g"), "y") == 9.75)
    #expect(try CLI.number(CLI.block(d, named: "g"), "dy/dx") == 4)
    #expect(try CLI.number(CLI.block(c, named: "t"), "epochs-run") == 3)
    let step = try CLI.block(c, named: "s")
    let w = 0.75
    // new.W1 = W1 − lr·grad.W1 with lr = 0.3 from the header.
    let grad = try CLI.elements(step, "grad.W1")
    let updated = try CLI.elements(step, "new.W1")
    #expect(abs(updated[0] - (w - 0.3 * grad[0])) < 1e-12)
    #expect(
      c["seed"] as? UInt64 == Self.fnv1a("alice")
        || (c["seed"] as? NSNumber)?.uint64Value == Self.fnv1a("alice"))
    #expect((d["seed"] as? NSNumber)?.uint64Value == Self.fnv1a("demo"))
    let compare = try CLI.block(c, named: "k")
    _ = try CLI.number(compare, "learning-rate=0.2.train.loss")
    // The report header names the parameters that are not the default.
    let md = try String(contentsOf: dir.appendingPathComponent("p/p.md"), encoding: .utf8)
    #expect(md.contains("> Parameters: n = 80 (default 40), w = 0.75 (default 0.5)"))
  }

  @Test func anUndeclaredParameterExitsTwoListingTheDeclaredOnes() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (r, _) = try Self.run(["--set", "rate=1"], in: dir)
    #expect(r.status == 2)
    #expect(r.stderr.contains("unknown parameter 'rate'"))
    #expect(r.stderr.contains("declared: n, w, lr, epochs, x0, eps, seeds, student"))
  }

  @Test func aBadValueIsReportedAtTheReferenceNamingTheParameter() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (r, _) = try Self.run(["--set", "n=many", "--set", "x0=q"], in: dir)
    #expect(r.status == 1)
    // `n: ${n}` is line 15, the `$` at column 4; `x = ${x0}` is line 39, column 5.
    #expect(r.stderr.contains("p.md:15:4: error:"), "\(r.stderr)")
    #expect(r.stderr.contains("(parameter n = many, from --set)"))
    #expect(r.stderr.contains("p.md:39:5: error:"), "\(r.stderr)")
    #expect(r.stderr.contains("parameter x0 = q"))
  }

  @Test func aParameterChangesTheCacheKey() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let small = "---\nparams: {x0: 2}\n---\n```{graph g}\nx = ${x0}\ny = x * x\n```\n"
    let (_, first) = try Self.run([], in: dir, text: small)
    let (_, second) = try Self.run(["--set", "x0=5"], in: dir, text: small)
    let (_, third) = try Self.run([], in: dir, text: small)
    #expect(try CLI.number(CLI.block(#require(first), named: "g"), "y") == 4)
    #expect(try CLI.number(CLI.block(#require(second), named: "g"), "y") == 25)
    #expect(try CLI.number(CLI.block(#require(third), named: "g"), "y") == 4)
  }
}
