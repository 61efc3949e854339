import Datasets
import NeuralNet
import Notebook
import Tensor

/// What a block defines for the blocks below it.
public enum Definition: Sendable {
  case none
  case data(DataSplit)
  case model(ModelDefinition)
  case train(TrainSpec)
}

/// A `model` block's network, built with the model block's own seed, and
/// where each layer was written (for errors found later).
public struct ModelDefinition: Sendable {
  public var spec: NetworkSpec
  /// The network when its input size is known from the block; otherwise it is
  /// built at first use from the data's feature count (same seed).
  public var network: Network?
  public var seed: UInt64
  public var layerPositions: [SourcePosition]
  public var position: SourcePosition
  /// The model block's name; `nil` for a model written inline.
  public var name: String? = nil
}

/// A definition computed on first use: cached blocks are not re-run unless a
/// block below actually needs what they define.
final class LazyDefinition: @unchecked Sendable {
  private var value: Result<Definition, Error>?
  private let compute: () throws -> Definition

  init(_ compute: @escaping () throws -> Definition) { self.compute = compute }
  init(ready: Definition) {
    self.value = .success(ready)
    self.compute = { ready }
  }

  func get() throws -> Definition {
    if let value { return try value.get() }
    let r = Result { try compute() }
    value = r
    return try r.get()
  }
}

/// Names defined so far in a run.
public struct Workspace {
  struct Entry {
    var kind: BlockKind
    var line: Int
    var definition: LazyDefinition
    var cacheKey: String
    /// The solution the defining block sits in (section 11), if any.
    var solution: Int? = nil
  }
  var entries: [String: Entry] = [:]
  /// Names of blocks that failed or were skipped.
  var failed: Set<String> = []

  /// Records what `block` defines under its name; a block that redefines a
  /// model (`step` with `apply: true`) records it under the model's name.
  mutating func record(
    _ definition: LazyDefinition, for block: BlockSource, cacheKey: String, redefines: String? = nil
  ) {
    if let model = redefines, let old = entries[model] {
      // A model changed inside a solution counts as defined there: the student version lacks it.
      entries[model] = Entry(
        kind: old.kind, line: old.line, definition: definition, cacheKey: cacheKey,
        solution: block.solution ?? old.solution)
      return
    }
    guard let name = block.name, let kind = block.kind else { return }
    entries[name] = Entry(
      kind: kind, line: block.line, definition: definition, cacheKey: cacheKey, solution: block.solution)
  }

  /// The data split named `name`.
  func data(_ ref: Reference) throws -> DataSplit {
    guard case .data(let d) = try definition(ref) else {
      throw wrongKind(ref, expected: .data)
    }
    return d
  }

  /// The model named `name`.
  func model(_ ref: Reference) throws -> ModelDefinition {
    guard case .model(let m) = try definition(ref) else {
      throw wrongKind(ref, expected: .model)
    }
    return m
  }

  /// The train spec named `name`.
  func train(_ ref: Reference) throws -> TrainSpec {
    guard case .train(let t) = try definition(ref) else {
      throw wrongKind(ref, expected: .train)
    }
    return t
  }

  private func definition(_ ref: Reference) throws -> Definition {
    guard let e = entries[ref.name] else {
      throw NotebookError(position: ref.position, message: "'\(ref.name)' is not defined above this block")
    }
    return try e.definition.get()
  }

  private func wrongKind(_ ref: Reference, expected: BlockKind) -> NotebookError {
    let actual = entries[ref.name].map { "a \($0.kind.rawValue) block (line \($0.line))" } ?? "undefined"
    return NotebookError(
      position: ref.position,
      message: "'\(ref.name)' is \(actual), not a \(expected.rawValue) block",
      hint: kindHint(ref.name, expected))
  }

  /// `Name a data block defined above.`, then `Did you mean 'd'?` for the closest
  /// name among the blocks of that kind above, or the list of them.
  func kindHint(_ name: String, _ kind: BlockKind) -> String {
    let candidates = entries.filter { $0.value.kind == kind }.sorted { $0.value.line < $1.value.line }.map(
      \.key)
    let hint = "Name a \(kind.rawValue) block defined above."
    if candidates.isEmpty { return hint }
    return hint + " " + NameSuggestion.hint(for: name, among: candidates)
  }
}

/// A name a block refers to (`model: mlp`), with where it was written.
public struct Reference: Sendable, Hashable {
  public var name: String
  public var kind: BlockKind
  public var position: SourcePosition
}

extension Workspace {
  /// Checks that every reference names a block of the right kind defined
  /// above; a later or unknown name is an error at the reference.
  func validate(_ refs: [Reference], document: NotebookDocument, currentLine: Int, solution: Int? = nil)
    throws
  {
    for ref in refs {
      if let e = entries[ref.name], let inner = e.solution, inner != solution {
        throw NotebookError(
          position: ref.position,
          message:
            "'\(ref.name)' is defined inside a solution (line \(e.line)), which the student version leaves out",
          hint: "Move the \(e.kind.rawValue) block '\(ref.name)' out of the solution, or this block into it.")
      }
      if let e = entries[ref.name] {
        if e.kind != ref.kind {
          throw NotebookError(
            position: ref.position,
            message:
              "'\(ref.name)' is a \(e.kind.rawValue) block (line \(e.line)), not a \(ref.kind.rawValue) block",
            hint: kindHint(ref.name, ref.kind))
        }
        continue
      }
      if let later = document.blocks.first(where: { $0.name == ref.name && $0.line > currentLine }) {
        throw NotebookError(
          position: ref.position,
          message: "'\(ref.name)' is defined later, at line \(later.line)",
          hint: "Blocks run top to bottom: move the \(ref.kind.rawValue) block '\(ref.name)' above this one.")
      }
      let candidates = entries.filter { $0.value.kind == ref.kind }.keys.sorted()
      throw NotebookError(
        position: ref.position,
        message: "no \(ref.kind.rawValue) block named '\(ref.name)' above this block",
        hint: candidates.isEmpty
          ? "Define a \(ref.kind.rawValue) block named '\(ref.name)' above."
          : NameSuggestion.hint(for: ref.name, among: candidates))
    }
  }
}
