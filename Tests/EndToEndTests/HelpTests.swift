import Foundation
import Runner
import Testing

@testable import Executor

/// `gradbook help`: the topics are the parts of docs/notebook-format.md between
/// `<!-- help: … -->` markers, compiled in by scripts/gen-help; these tests hold
/// the compiled text, the guide and the command line together.
@Suite struct HelpTests {
  static let guideURL = CLI.root.appendingPathComponent("docs/notebook-format.md")
  static let helpFolder = CLI.root.appendingPathComponent("Sources/Runner/Help")

  /// The topics as the guide has them now.
  static func guideTopics() throws -> [HelpTopic] {
    try HelpSource.topics(in: String(decoding: try Data(contentsOf: guideURL), as: UTF8.self))
  }

  /// The generated files now in Sources/Runner/Help, name → text: those `HelpSource.isGeneratedFile`
  /// recognises (the name pattern and the "do not edit" header), never another file.
  static func generatedOnDisk() throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: helpFolder.path) {
      guard let data = FileManager.default.contents(atPath: helpFolder.appendingPathComponent(name).path)
      else { continue }
      let text = String(decoding: data, as: UTF8.self)
      if HelpSource.isGeneratedFile(name: name, text: text) { files[name] = text }
    }
    return files
  }

  /// The drift test. With `GRADBOOK_WRITE_HELP=1` (scripts/gen-help) it writes the generated
  /// files that differ and deletes the generated files no longer wanted, instead of failing.
  @Test func generatedTopicsAreTheGuides() throws {
    let expected = HelpSource.generatedFiles(try Self.guideTopics())
    let onDisk = try Self.generatedOnDisk()
    let differing = expected.filter { onDisk[$0.name] != $0.text }
    let stale = Set(onDisk.keys).subtracting(expected.map(\.name)).sorted()
    if !(differing.isEmpty && stale.isEmpty),
      ProcessInfo.processInfo.environment["GRADBOOK_WRITE_HELP"] == "1"
    {
      try Self.write(differing, deleting: stale)
      return
    }
    #expect(
      differing.map(\.name) == [],
      "Sources/Runner/Help differs from docs/notebook-format.md: run scripts/gen-help")
    #expect(stale == [], "generated help files no longer wanted: run scripts/gen-help")
    #expect(HelpTopic.all == (try Self.guideTopics()), "the compiled topics are stale: run scripts/gen-help")
  }

  /// Writes `files` into Sources/Runner/Help and deletes the generated files `stale`. A file of
  /// a wanted name that the generator did not write is left alone (the test fails instead).
  static func write(_ files: [HelpSource.GeneratedFile], deleting stale: [String]) throws {
    for file in files {
      let url = helpFolder.appendingPathComponent(file.name)
      if let data = FileManager.default.contents(atPath: url.path) {
        let text = String(decoding: data, as: UTF8.self)
        try #require(
          HelpSource.isGeneratedFile(name: file.name, text: text),
          "\(url.path) was not written by scripts/gen-help: move it away first")
      }
      try Data(file.text.utf8).write(to: url)
    }
    for name in stale { try FileManager.default.removeItem(at: helpFolder.appendingPathComponent(name)) }
  }

  /// No generated file is longer than the project's limit for a source file, on disk or as the
  /// generator would write it now.
  @Test func everyGeneratedFileIsWithinTheLineLimit() throws {
    let onDisk = try Self.generatedOnDisk()
    #expect(!onDisk.isEmpty)
    for (name, text) in onDisk {
      let lines = HelpSource.GeneratedFile(name: name, text: text).lineCount
      #expect(lines <= HelpSource.maximumLines, "\(name) has \(lines) lines")
    }
    for file in HelpSource.generatedFiles(try Self.guideTopics()) {
      #expect(file.lineCount <= HelpSource.maximumLines, "\(file.name) would have \(file.lineCount) lines")
    }
  }

  @Test func theIssuesTopicsExist() throws {
    let names = Set(try Self.guideTopics().map(\.name))
    for required in [
      "data", "model", "step", "graph", "gradcheck", "train", "compare", "solution", "layers", "activations",
      "losses", "optimizers", "inits", "expect", "printed", "parameters", "front-matter",
    ] {
      #expect(names.contains(required), "no help topic '\(required)'")
    }
  }

  /// Every key a block kind's decoder accepts is named in that kind's topic
  /// (as `` `key` `` or `` `key: `` …), so `gradbook help KIND` lists every key.
  @Test(arguments: [
    ("data", DataBlockSpec.commonKeys + DataBlockSpec.sourceKeys.values.flatMap { $0 }),
    ("model", DecodedModel.keys), ("step", StepBlockSpec.keys), ("gradcheck", GradcheckBlockSpec.keys),
    ("train", TrainSpec.keys), ("compare", CompareBlockSpec.keys),
  ])
  func everyKeyOfABlockIsInItsTopic(kind: String, keys: [String]) throws {
    let topic = try #require(try Self.guideTopics().first { $0.name == kind })
    for key in Set(keys) {
      let named = topic.markdown.contains("`\(key)`") || topic.markdown.contains("`\(key):")
      #expect(named, "gradbook help \(kind) does not name the key '\(key)'")
    }
    #expect(topic.markdown.contains("`timeout`"), "gradbook help \(kind) does not name 'timeout'")
  }

  /// Every topic prints through the CLI: the title line, then the guide's part rendered.
  @Test(arguments: HelpTopic.all.map(\.name))
  func everyTopicPrints(name: String) throws {
    let topic = try #require(try Self.guideTopics().first { $0.name == name })
    let r = try CLI.run(["help", name])
    #expect(r.status == 0)
    #expect(r.stderr == "")
    #expect(
      r.stdout == "gradbook help \(name): \(topic.summary)\n\n" + TerminalMarkdown.render(topic.markdown))
  }

  @Test func topicsMatchWithoutCaseAndAsWords() throws {
    let upper = try CLI.run(["help", "Step"])
    let lower = try CLI.run(["help", "step"])
    #expect(upper.status == 0)
    #expect(upper.stdout == lower.stdout)
    let words = try CLI.run(["help", "front", "matter"])
    #expect(words.status == 0)
    #expect(words.stdout.hasPrefix("gradbook help front-matter: "))
  }

  @Test func helpAloneListsEveryTopic() throws {
    let r = try CLI.run(["help"])
    #expect(r.status == 0)
    #expect(r.stdout == HelpTopic.list(try Self.guideTopics()))
    let lines = r.stdout.split(separator: "\n")
    for t in try Self.guideTopics() {
      #expect(lines.contains { $0.hasPrefix("  \(t.name) ") && $0.hasSuffix(" \(t.summary)") }, "\(t.name)")
    }
  }

  @Test func unknownTopicIsOneLineWithASuggestion() throws {
    let r = try CLI.run(["help", "stpe"])
    #expect(r.status == 2)
    #expect(r.stdout == "")
    let names = try Self.guideTopics().map(\.name).joined(separator: ", ")
    #expect(r.stderr == "gradbook: unknown help topic 'stpe' (did you mean 'step'?); topics: \(names)\n")
    let far = try CLI.run(["help", "xyzzy-plugh"])
    #expect(far.status == 2)
    #expect(far.stderr == "gradbook: unknown help topic 'xyzzy-plugh'; topics: \(names)\n")
  }

  @Test func aCommandNamePrintsItsOptions() throws {
    let r = try CLI.run(["help", "run"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("--no-cache"))
    #expect(r.stdout.contains("USAGE: gradbook run"))
  }
}
