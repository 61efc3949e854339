import Foundation
import Testing

/// `docs/errors.md` is executable: every example marked
/// `<!-- error-example: ID key=value … -->` is written to a fresh folder and run
/// through the real CLI, and what the page claims is checked against what the
/// program does.
///
/// An example is the marker line, then fenced blocks up to a ```` ```console ````
/// block:
/// - a ```` ````markdown ```` fence is written as `nb.md` (`markdown NAME` as `NAME`),
///   any other fence with a file name in its info string (```` ```csv d.csv ````) as
///   that file;
/// - the console block's first line `$ [VAR=value …] gradbook ARGS` is the command;
///   every further line must be printed (standard error or output), with `…`
///   standing for any text.
///
/// Marker attributes: `expect` (a substring of some block's error message and
/// hint, or else of a printed line; without it the run must print no error),
/// `line` and `column` (where that error is reported), `status` (exit status,
/// default 1), `file="NAME:CONTENT"` (more files; `\n`, `\t`, `\\` and `\xHH`
/// escapes, so binary files can be written).
///
/// To save time the test adds `--format md --no-cache` to `run` and `check`
/// commands that do not choose a format themselves; no error depends on it.
@Suite struct ErrorsCatalogueTests {
  /// One example of the catalogue.
  struct Example: Sendable, CustomTestStringConvertible {
    var id: String
    /// Line of the marker in docs/errors.md (1-based).
    var docLine: Int
    var attributes: [String: String]
    var files: [String: Data]
    var environment: [String: String]
    var arguments: [String]
    var shownLines: [String]

    var testDescription: String { "\(id) (docs/errors.md:\(docLine))" }
  }

  static let knownAttributes: Set<String> = ["expect", "line", "column", "status", "file"]

  /// The examples of docs/errors.md, or the reason they could not be read.
  static let catalogue: Result<[Example], CatalogueError> = {
    let url = CLI.root.appendingPathComponent("docs/errors.md")
    guard let data = try? Data(contentsOf: url) else {
      return .failure(CatalogueError(line: 0, message: "cannot read \(url.path)"))
    }
    return Result { () throws(CatalogueError) in try parse(String(decoding: data, as: UTF8.self)) }
  }()

  static var examples: [Example] { (try? catalogue.get()) ?? [] }

  struct CatalogueError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "docs/errors.md:\(line): \(message)" }
  }

  // MARK: - Tests

  @Test func catalogueParsesAndCoversEveryGroup() throws {
    let examples = try Self.catalogue.get()
    #expect(examples.count >= 40)
    let ids = examples.map(\.id)
    #expect(Set(ids).count == ids.count, "duplicate example ids")
    for e in examples {
      let unknown = Set(e.attributes.keys).subtracting(Self.knownAttributes)
      #expect(unknown.isEmpty, "\(e.id): unknown marker attribute(s) \(unknown.sorted())")
    }
    // Every section with errors a notebook or command line can trigger has
    // at least one executable example.
    let text = String(
      decoding: try Data(contentsOf: CLI.root.appendingPathComponent("docs/errors.md")), as: UTF8.self)
    var section = ""
    var examplesPerSection: [String: Int] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
      if line.hasPrefix("<!-- error-example: ") { examplesPerSection[section, default: 0] += 1 }
    }
    let documentedOnly = ["20. Messages that indicate a bug"]
    for heading in text.split(separator: "\n").filter({
      $0.hasPrefix("## ") && $0.dropFirst(3).first?.isNumber == true
    }) {
      let name = String(heading.dropFirst(3))
      if documentedOnly.contains(name) { continue }
      #expect(examplesPerSection[name, default: 0] > 0, "section '\(name)' has no executable example")
    }
  }

  @Test(arguments: examples)
  func exampleBehavesAsDocumented(_ example: Example) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, data) in example.files {
      let url = dir.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
    var arguments = example.arguments
    if let command = arguments.first, command == "run" || command == "check",
      !arguments.contains(where: { $0.hasPrefix("--format") })
    {
      arguments += ["--format", "md", "--no-cache"]
    }
    let r = try CLI.run(arguments, in: dir, environment: example.environment)
    let output = r.stderr + r.stdout
    let context = "\(example.testDescription)\nstatus \(r.status)\n\(output)"

    #expect([0, 1, 2].contains(r.status), "trapped or crashed: \(context)")
    let status = Int32(example.attributes["status"] ?? "1") ?? -1
    #expect(r.status == status, "exit status: \(context)")

    let errors = try blockErrors(in: dir)
    if let expected = example.attributes["expect"] {
      let line = example.attributes["line"].flatMap(Int.init)
      let column = example.attributes["column"].flatMap(Int.init)
      if let error = errors.first(where: { ($0.message + " " + ($0.hint ?? "")).contains(expected) }) {
        if let line { #expect(error.line == line, "line of the error: \(context)") }
        if let column { #expect(error.column == column, "column of the error: \(context)") }
      } else {
        let printed = output.split(separator: "\n").map(String.init).first { $0.contains(expected) }
        let found = try #require(printed, "'\(expected)' is neither a block error nor printed: \(context)")
        if line != nil || column != nil {
          // `FILE:LINE[:COLUMN]: …`
          let fields = found.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
          try #require(fields.count > 1, "line of the printed error: \(context)")
          #expect(Int(fields[1]) == line, "line of the printed error: \(context)")
          if let column { #expect(fields.count > 2 && Int(fields[2]) == column, "column: \(context)") }
        }
      }
    } else {
      #expect(errors.isEmpty, "no block should fail: \(context)")
      #expect(!output.contains("error:"), "no error should be printed: \(context)")
    }

    let printedLines = output.split(separator: "\n").map(String.init)
    for shown in example.shownLines where !shown.isEmpty {
      #expect(
        printedLines.contains { Self.matches($0, shown) },
        "the page shows a line that is not printed:\n\(shown)\n\(context)")
    }
  }

  // MARK: - Running

  struct ReportedError {
    var line: Int
    var column: Int
    var message: String
    var hint: String?
  }

  /// The `error` of every block and the `front-matter-error` in every `results.json` under
  /// `dir` (caches excluded).
  func blockErrors(in dir: URL) throws -> [ReportedError] {
    var errors: [ReportedError] = []
    guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
      return []
    }
    for case let url as URL in walker
    where url.lastPathComponent == "results.json" && !url.path.contains("/.cache/") {
      let json = try CLI.results(url.deletingLastPathComponent())
      // Every problem of a block: its `errors` when it has several, else its `error`.
      let blockErrors = ((json["blocks"] as? [[String: Any]]) ?? []).flatMap {
        $0["errors"] as? [[String: Any]] ?? [$0["error"] as? [String: Any]].compactMap { $0 }
      }
      for e in [json["front-matter-error"] as? [String: Any]].compactMap({ $0 }) + blockErrors {
        errors.append(
          ReportedError(
            line: e["line"] as? Int ?? -1, column: e["column"] as? Int ?? -1,
            message: e["message"] as? String ?? "", hint: e["hint"] as? String))
      }
    }
    return errors
  }

  /// True when `line` reads as `pattern`, where `…` in the pattern stands for any text.
  static func matches(_ line: String, _ pattern: String) -> Bool {
    let parts = pattern.components(separatedBy: "…")
    var rest = Substring(line)
    for (i, part) in parts.enumerated() {
      if i == 0 {
        guard rest.hasPrefix(part) else { return false }
        rest = rest.dropFirst(part.count)
      } else if i == parts.count - 1 {
        return part.isEmpty || rest.hasSuffix(part)
      } else if !part.isEmpty {
        guard let range = rest.range(of: part) else { return false }
        rest = rest[range.upperBound...]
      }
    }
    return rest.isEmpty
  }

  // MARK: - Parsing the page

  static func parse(_ text: String) throws(CatalogueError) -> [Example] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var examples: [Example] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      guard line.hasPrefix("<!-- error-example: "), line.hasSuffix("-->") else {
        i += 1
        continue
      }
      let docLine = i + 1
      let inner = line.dropFirst("<!-- error-example: ".count).dropLast(3).trimmingCharacters(
        in: .whitespaces)
      let id = String(inner.prefix { $0 != " " })
      var example = Example(
        id: id, docLine: docLine, attributes: [:], files: [:], environment: [:], arguments: [],
        shownLines: [])
      for (key, value) in try attributes(String(inner.dropFirst(id.count)), line: docLine) {
        if key == "file" {
          guard let colon = value.firstIndex(of: ":") else {
            throw CatalogueError(line: docLine, message: "file=\"NAME:CONTENT\" needs a ':'")
          }
          example.files[String(value[..<colon])] = try unescape(
            String(value[value.index(after: colon)...]), line: docLine)
        } else {
          example.attributes[key] = value
        }
      }
      i += 1
      var sawCommand = false
      while i < lines.count && !sawCommand {
        if lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
          i += 1
          continue
        }
        let opening = lines[i]
        let fenceCharacter = opening.first
        guard fenceCharacter == "`" || fenceCharacter == "~" else {
          throw CatalogueError(line: i + 1, message: "example '\(id)' ends before its ```console block")
        }
        let fence = String(opening.prefix { $0 == fenceCharacter })
        guard fence.count >= 3 else { throw CatalogueError(line: i + 1, message: "expected a fence") }
        let info = opening.dropFirst(fence.count).split(separator: " ").map(String.init)
        var body: [String] = []
        i += 1
        while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces) != fence {
          body.append(lines[i])
          i += 1
        }
        guard i < lines.count else { throw CatalogueError(line: i, message: "unclosed fence in '\(id)'") }
        i += 1
        if info.first == "console" {
          guard let command = body.first, command.hasPrefix("$ ") else {
            throw CatalogueError(line: i, message: "'\(id)': the console block must start with '$ gradbook'")
          }
          var words = command.dropFirst(2).split(separator: " ").map(String.init)
          while let first = words.first, let eq = first.firstIndex(of: "="), first != "gradbook" {
            example.environment[String(first[..<eq])] = String(first[first.index(after: eq)...])
            words.removeFirst()
          }
          guard words.first == "gradbook" else {
            throw CatalogueError(line: i, message: "'\(id)': the command must run gradbook")
          }
          example.arguments = Array(words.dropFirst())
          example.shownLines = Array(body.dropFirst())
          sawCommand = true
        } else {
          let name = info.count > 1 ? info[1] : (info.first == "markdown" ? "nb.md" : "")
          guard !name.isEmpty else {
            throw CatalogueError(line: i, message: "'\(id)': a fence needs a file name, e.g. ```csv d.csv")
          }
          example.files[name] = Data((body.joined(separator: "\n") + "\n").utf8)
        }
      }
      guard sawCommand else {
        throw CatalogueError(line: docLine, message: "'\(id)' has no ```console block")
      }
      examples.append(example)
    }
    return examples
  }

  /// `key=value key="quoted value"` (inside quotes, `\"` is a quote and `\\` a backslash).
  static func attributes(_ text: String, line: Int) throws(CatalogueError) -> [(String, String)] {
    var result: [(String, String)] = []
    let s = Array(text)
    var i = 0
    while i < s.count {
      if s[i] == " " {
        i += 1
        continue
      }
      let start = i
      while i < s.count && s[i] != "=" && s[i] != " " { i += 1 }
      guard i < s.count, s[i] == "=" else {
        throw CatalogueError(line: line, message: "expected key=value in the marker")
      }
      let key = String(s[start..<i])
      i += 1
      var value = ""
      if i < s.count && s[i] == "\"" {
        i += 1
        while i < s.count && s[i] != "\"" {
          if s[i] == "\\" && i + 1 < s.count && (s[i + 1] == "\"" || s[i + 1] == "\\") {
            value.append(s[i + 1])
            i += 2
            continue
          }
          value.append(s[i])
          i += 1
        }
        guard i < s.count else {
          throw CatalogueError(line: line, message: "unterminated quote in the marker")
        }
        i += 1
      } else {
        while i < s.count && s[i] != " " {
          value.append(s[i])
          i += 1
        }
      }
      result.append((key, value))
    }
    return result
  }

  /// File content with `\n`, `\t`, `\\` and `\xHH` escapes as bytes.
  static func unescape(_ text: String, line: Int) throws(CatalogueError) -> Data {
    var bytes: [UInt8] = []
    let s = Array(text.unicodeScalars)
    var i = 0
    while i < s.count {
      if s[i] == "\\" && i + 1 < s.count {
        switch s[i + 1] {
        case "n":
          bytes.append(0x0A)
          i += 2
          continue
        case "t":
          bytes.append(0x09)
          i += 2
          continue
        case "\\":
          bytes.append(0x5C)
          i += 2
          continue
        case "x":
          guard i + 3 < s.count,
            let b = UInt8(String(String.UnicodeScalarView(s[(i + 2)...(i + 3)])), radix: 16)
          else { throw CatalogueError(line: line, message: "bad \\x escape") }
          bytes.append(b)
          i += 4
          continue
        default: break
        }
      }
      bytes += Array(String(s[i]).utf8)
      i += 1
    }
    return Data(bytes)
  }
}
