import Foundation
import Testing

/// `gradbook grade` (contract section 12) on the worked example's four submissions.
@Suite(.serialized) struct GradeTests {
  static let worksheet = CLI.root.appendingPathComponent("notebooks/inf721-mlp-worksheet.md")
  static let folder = CLI.root.appendingPathComponent("notebooks/examples/submissions")
  static let names = [
    "ana-all-right.md", "bruno-one-wrong.md", "carla-unanswered.md", "davi-tampered-model.md",
  ]

  /// Runs `grade` from the submissions folder (so paths are as given) into `out`.
  static func grade(_ out: URL, extra: [String] = []) throws -> CLI.Output {
    try CLI.run(["grade", worksheet.path] + names + extra + ["--out", out.path], in: folder)
  }

  /// The rows of a CSV without quoted fields, as lists of fields.
  static func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func fourSubmissionsGetTheirScoresAndFlags() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try Self.grade(out)
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
    let rows = Self.rows(csv)
    #expect(rows.count == 5)
    #expect(rows[0].first == "submission")
    #expect(Array(rows[0].suffix(3)) == ["score", "total", "flags"])
    #expect(rows[0].contains("backward.new.b2"))
    #expect(rows[0].contains("q1.df/dx"))
    let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
    let newB2 = try #require(rows[0].firstIndex(of: "backward.new.b2"))
    // All right.
    #expect(byName["ana-all-right.md"]?.suffix(3) == ["7", "7", ""])
    // One wrong entry: new.b2 is 0, the rest 1.
    #expect(byName["bruno-one-wrong.md"]?[newB2] == "0")
    #expect(byName["bruno-one-wrong.md"]?.suffix(3) == ["6", "7", ""])
    // Unanswered: empty cells, not zeros.
    #expect(byName["carla-unanswered.md"]?[newB2] == "")
    #expect(byName["carla-unanswered.md"]?.suffix(3) == ["3", "7", ""])
    // A tampered model is flagged; its answers are scored against the solution's numbers.
    #expect(byName["davi-tampered-model.md"]?.suffix(3) == ["7", "7", "changed: mlp"])
    // The committed sheet is this one.
    let committed = try String(contentsOf: Self.folder.appendingPathComponent("grades.csv"), encoding: .utf8)
    #expect(csv == committed)
    // new.b2 is right in 2 of the 4 readable submissions: 50 %.
    let page = try String(contentsOf: out.appendingPathComponent("grades.html"), encoding: .utf8)
    #expect(page.contains("<code>backward.new.b2</code></td><td class=\"num\">"))
    #expect(page.contains("50 %"))
    let feedback = try String(
      contentsOf: out.appendingPathComponent("feedback/bruno-one-wrong.html"), encoding: .utf8)
    #expect(feedback.contains("0.3201009"))
    #expect(feedback.contains("✘ wrong"))
  }

  @Test func gradingIsByteIdenticalAcrossRuns() throws {
    let a = try CLI.temporaryDirectory()
    let b = try CLI.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    _ = try Self.grade(a)
    _ = try Self.grade(b)
    _ = try Self.grade(b)  // again into the same folder, from the cache
    let pages = Self.names.map { "feedback/" + $0.replacingOccurrences(of: ".md", with: ".html") }
    for file in ["grades.csv", "grades.html"] + pages {
      let x = try Data(contentsOf: a.appendingPathComponent(file))
      let y = try Data(contentsOf: b.appendingPathComponent(file))
      #expect(x == y, "\(file)")
    }
  }

  @Test func anUnreadableSubmissionIsGradedZeroAndTheOthersStillAre() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try Self.grade(out, extra: ["missing.md"])
    #expect(r.status == 1)
    let rows = Self.rows(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8))
    #expect(rows.count == 6)
    let missing = try #require(rows.last)
    #expect(missing[0] == "missing.md")
    #expect(missing[missing.count - 3] == "0")
    #expect(missing.last?.contains("cannot read notebook") == true)
    #expect(rows[1].suffix(3).first == "7")
  }

  @Test func aFolderGradbookDidNotWriteIsNeverOverwritten() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let mine = out.appendingPathComponent("notes.txt")
    try Data("mine".utf8).write(to: mine)
    let r = try Self.grade(out)
    #expect(r.status == 2)
    #expect(r.stderr.contains("not written by gradbook"))
    #expect(try String(contentsOf: mine, encoding: .utf8) == "mine")
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("grades.csv").path))
  }

  /// A submission's own parameters run the solution with them: a different `lr` changes the
  /// right `new.b2`, so the answer right for 0.1 is wrong for 0.2.
  @Test func aSubmissionsParametersAreUsedForItsRun() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let right = try String(
      contentsOf: Self.folder.appendingPathComponent("ana-all-right.md"), encoding: .utf8)
    let other = right.replacingOccurrences(of: "  lr: 0.1\n", with: "  lr: 0.2\n")
    #expect(other != right)
    try Data(other.utf8).write(to: dir.appendingPathComponent("lr02.md"))
    try Data(right.utf8).write(to: dir.appendingPathComponent("lr01.md"))
    let r = try CLI.run(
      ["grade", Self.worksheet.path, "lr01.md", "lr02.md", "--out", dir.appendingPathComponent("g").path],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let rows = Self.rows(try String(contentsOf: dir.appendingPathComponent("g/grades.csv"), encoding: .utf8))
    let newB2 = try #require(rows[0].firstIndex(of: "backward.new.b2"))
    #expect(rows[1][newB2] == "1")
    #expect(rows[2][newB2] == "0")
  }

  /// A solution block with several problems: `grade` prints each, with its hint, as `run` does.
  @Test func everyProblemOfASolutionBlockIsPrintedWithItsHint() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let solution =
      try String(contentsOf: Self.worksheet, encoding: .utf8) + """

        ```{step broken}
        modle: net
        bogus: 1
        ```

        """
    try Data(solution.utf8).write(to: dir.appendingPathComponent("sheet.md"))
    let ana = try Data(contentsOf: Self.folder.appendingPathComponent("ana-all-right.md"))
    try ana.write(to: dir.appendingPathComponent("ana.md"))
    let r = try CLI.run(
      ["grade", "sheet.md", "ana.md", "--out", dir.appendingPathComponent("g").path], in: dir)
    let errors = r.stderr.split(separator: "\n").filter {
      $0.hasPrefix("sheet.md:") && $0.contains(": error: ")
    }
    #expect(errors.contains { $0.hasSuffix("unknown key 'modle' (Did you mean 'model'?)") }, "\(r.stderr)")
    #expect(errors.contains { $0.contains("unknown key 'bogus'") }, "\(r.stderr)")
  }
}
