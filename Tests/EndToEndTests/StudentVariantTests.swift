import Foundation
import Testing

/// `--variant student` (contract section 11): the student folder leaks nothing hidden, its
/// notebook runs, `check` lists every `?`, and filled-in answers pass.
@Suite(.serialized) struct StudentVariantTests {
  static let worksheet = CLI.root.appendingPathComponent("notebooks/inf721-mlp-worksheet.md")
  static let submissions = CLI.root.appendingPathComponent("notebooks/examples/submissions")

  /// Every file of `folder` (recursively) with its path relative to the folder.
  static func files(_ folder: URL) throws -> [(String, Data)] {
    let fm = FileManager.default
    var out: [(String, Data)] = []
    let enumerator = try #require(fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
    for case let url as URL in enumerator {
      let relative = String(url.path.dropFirst(folder.path.count + 1))
      var isFolder: ObjCBool = false
      _ = fm.fileExists(atPath: url.path, isDirectory: &isFolder)
      out.append((relative, isFolder.boolValue ? Data() : try Data(contentsOf: url)))
    }
    return out
  }

  /// The strings of `secrets` found anywhere in the folder: in a file's bytes or its name.
  static func leaks(_ secrets: [String], in folder: URL) throws -> [String] {
    let all = try files(folder)
    return secrets.filter { secret in
      let bytes = Data(secret.utf8)
      return all.contains { name, data in name.contains(secret) || data.range(of: bytes) != nil }
    }
  }

  /// A value as a report prints it (4, 6 and 10 significant digits) and at full precision.
  static func forms(_ x: Double) -> [String] {
    ["\(x)", String(format: "%.10g", x), String(format: "%.6g", x), String(format: "%.4f", x)]
  }

  @Test func theWorkedExampleStudentFolderHoldsNoHiddenValue() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["run", Self.worksheet.path, "--out", out.path, "--variant", "student", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let folder = out.appendingPathComponent("inf721-mlp-worksheet-student")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.contains("inf721-mlp-worksheet-student.html"))
    #expect(names.contains("inf721-mlp-worksheet-student.md"))
    #expect(names.contains("inf721-mlp-worksheet-student.notebook.md"))
    #expect(!names.contains("results.json"))
    // The numbers the solution computes for its question and hidden blocks, and its prose.
    let solution = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: solution) }
    _ = try CLI.run(["run", Self.worksheet.path, "--out", solution.path, "--quiet"])
    let json = try CLI.results(solution.appendingPathComponent("inf721-mlp-worksheet"))
    let forward = try CLI.block(json, named: "forward")
    let backward = try CLI.block(json, named: "backward")
    var secrets = Self.forms(try CLI.number(forward, "output")) + Self.forms(try CLI.number(forward, "loss"))
    secrets += Self.forms(try CLI.number(backward, "new.b2"))
    let gradW2 = try CLI.elements(backward, "grad.W2")
    secrets += Self.forms(gradW2[1])
    secrets += ["0.7989910002", "0.2244056", "0.3201009", "1208.3812", "809.7075", "both positive", "Then $"]
    let leaked = try Self.leaks(secrets, in: folder)
    #expect(leaked == [])
    // Byte-identical across runs, like every report.
    let again = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: again) }
    _ = try CLI.run(["run", Self.worksheet.path, "--out", again.path, "--variant", "student", "--quiet"])
    for name in names where name.hasSuffix(".md") || name.hasSuffix(".html") {
      let x = try Data(contentsOf: folder.appendingPathComponent(name))
      let y = try Data(contentsOf: again.appendingPathComponent("inf721-mlp-worksheet-student/" + name))
      #expect(x == y, "\(name)")
    }
  }

  /// Planted values: a solution's text, hidden results, hidden expectations and a question's
  /// printed values, each unique, searched for in every byte of the student folder.
  @Test(arguments: [1, 2, 3]) func plantedHiddenValuesNeverReachTheStudentFolder(round: Int) throws {
    var generator = SplitMix(seed: UInt64(round))
    func unique() -> Double { 100 + Double(generator.next() % 900_000_000) / 1_000_000.0 }
    let hiddenInput = unique()
    let hiddenExpect = unique()
    let questionInput = unique()
    let printed = unique()
    let marker = "SOLUTIONTEXT\(generator.next() % 1_000_000)"
    let notebook = """
      # Planted

      ```{graph shown}
      u = 2
      v = u * 3
      ```

      ```{graph asked student=question}
      p = \(questionInput)
      q = p * 3
      expect:
        q: \(questionInput * 3) ± 1e-6
      printed:
        q: \(printed)
      ```

      ````{solution space=3}
      The answer is \(marker).

      ```{graph inner}
      s = \(unique())
      t = s * 5
      ```
      ````

      ```{graph secret student=hide}
      h = 2
      k = h * \(hiddenInput)
      expect:
        k: \(hiddenExpect) ± 1e-3
      ```

      """
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("planted.md")
    try Data(notebook.utf8).write(to: file)
    _ = try CLI.run([
      "run", file.path, "--out", dir.appendingPathComponent("out").path, "--variant", "student",
    ])
    let folder = dir.appendingPathComponent("out/planted-student")
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("planted-student.html").path))
    let secrets =
      Self.forms(hiddenInput * 2) + Self.forms(hiddenExpect) + Self.forms(questionInput * 3)
      + Self.forms(printed)
      + [marker]
    // The hidden block's source is kept in the student notebook (the contract: secret source
    // belongs in a solution), so its literal input is not a secret; its result (twice it) is.
    let leaked = try Self.leaks(secrets, in: folder)
    #expect(leaked == [], "\(notebook)")
  }

  @Test func theStudentNotebookRunsAndCheckListsEveryBlank() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try CLI.run(["run", Self.worksheet.path, "--out", out.path, "--variant", "student", "--quiet"])
    let handout = out.appendingPathComponent(
      "inf721-mlp-worksheet-student/inf721-mlp-worksheet-student.notebook.md")
    let run = try CLI.run(["run", handout.path, "--out", out.appendingPathComponent("s").path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let check = try CLI.run(["check", handout.path, "--out", out.appendingPathComponent("s").path, "--quiet"])
    #expect(check.status == 1)
    let unanswered = check.stderr.split(separator: "\n").filter { $0.hasSuffix(": unanswered") }
    #expect(unanswered.count == 7, "\(check.stderr)")
    for path in ["forward.z1", "output", "loss", "grad.W2", "grad.W1", "new.b2", "df/dx"] {
      #expect(unanswered.contains { $0.contains("expectation failed: \(path): unanswered") })
    }
  }

  @Test func filledInAnswersMakeCheckPass() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let right = Self.submissions.appendingPathComponent("ana-all-right.md")
    let check = try CLI.run(["check", right.path, "--out", out.path, "--quiet"])
    #expect(check.status == 0, "\(check.stderr)")
    let wrong = Self.submissions.appendingPathComponent("bruno-one-wrong.md")
    let failing = try CLI.run(["check", wrong.path, "--out", out.path, "--quiet"])
    #expect(failing.status == 1)
    #expect(failing.stderr.contains("new.b2"))
  }

  /// The seed of an unnamed block ignores its checks: blanked, filled-in and solution copies
  /// draw the same numbers.
  @Test func blankedChecksDrawTheSameNumbers() throws {
    func notebook(_ expect: String) -> String {
      """
      ```{data d}
      source: xor
      n: 16
      ```

      ```{model m}
      layers: [dense 2->3, tanh, dense 3->1, sigmoid]
      loss: bce
      ```

      ```{train}
      model: m
      data: d
      batch: 4
      epochs: 3
      learning-rate: 0.5
      expect:
        train.loss: \(expect)
      ```

      """
    }
    var finals: [[Double]] = []
    for expect in ["\">= 0\"", "?", "0.5 ± 1"] {
      let dir = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let file = dir.appendingPathComponent("nb.md")
      try Data(notebook(expect).utf8).write(to: file)
      _ = try CLI.run(["run", file.path, "--out", dir.path, "--quiet", "--no-cache"])
      let blocks = try #require(
        try CLI.results(dir.appendingPathComponent("nb"))["blocks"] as? [[String: Any]])
      let results = try #require(blocks[2]["results"] as? [String: Any])
      finals.append(try #require(results["curve.train.loss"] as? [Double]))
    }
    #expect(finals[0] == finals[1])
    #expect(finals[0] == finals[2])
  }
}

/// SplitMix64, for planting reproducible unique values.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
