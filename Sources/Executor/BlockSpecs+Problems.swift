import Notebook

extension BlockSpecs {
  /// Decodes `body` and reports every problem of the block at once: each unknown key (at any
  /// depth), the first bad value of each top-level key, and each missing key.
  ///
  /// Decoding throws at its first problem, so this decodes again after each one, without the
  /// part it concerns (or with a stand-in for what is missing), until the body decodes:
  /// - an unknown key is removed where it is written (its siblings are still checked);
  /// - a missing top-level key gets a stand-in value (`standIn(for:)`) so the keys after it are
  ///   checked too; a key without a stand-in (`source`, `vary`) stops decoding there;
  /// - any other problem inside a top-level entry replaces its value by the key's stand-in, or
  ///   removes the entry when the key has none or was replaced before (a required key then
  ///   reads as missing: that "missing key" is a consequence, not reported, and decoding stops);
  /// - a problem at the block itself stops decoding;
  /// - a second problem at a position already reported is a consequence of the first: not
  ///   reported, its top-level entry removed ("missing key" problems at the block do not count:
  ///   a block-level problem after them is still reported).
  ///
  /// Stand-ins are positioned at line 0, which no notebook text has: a problem there is not
  /// reported and stops decoding. They never run: a block with a problem does not run.
  ///
  /// At most `maximumProblems` problems are reported.
  ///
  /// One problem is thrown as that `NotebookError` (as before); several as `NotebookErrors`,
  /// sorted by position. A body with no problem decodes exactly as `decode` decodes it.
  static func decodeCollecting(_ body: SpecNode, block: BlockSource, kind: BlockKind) throws -> ParsedBlock {
    var body = body
    var problems: [NotebookError] = []
    var removed: Set<String> = []
    var replaced: Set<String> = []
    while problems.count < maximumProblems {
      let error: NotebookError
      do {
        let parsed = try decode(body, block: block, kind: kind)
        if problems.isEmpty { return parsed }
        break
      } catch let e as NotebookError {
        error = e
      } catch {
        if problems.isEmpty { throw error }
        problems.append(NotebookError(line: block.line, column: block.column, message: "\(error)"))
        break
      }
      if error.position.line == 0 { break }
      if let key = error.missingKey {
        if removed.contains(key) { break }
        problems.append(error)
        guard error.position == body.position, body[key] == nil, let value = standIn(for: key) else { break }
        body = .mapping(body.entries() + [(key, standInPosition, value)], at: body.position)
        continue
      }
      let repeated = problems.contains { $0.position == error.position && $0.missingKey == nil }
      if !repeated { problems.append(error) }
      if error.isUnknownKey, !repeated, let found = body.removingEntry(atKey: error.position) {
        body = found.node
        continue
      }
      guard error.position != body.position, let key = body.entryKey(containing: error.position) else {
        break
      }
      if !replaced.contains(key), let value = standIn(for: key) {
        replaced.insert(key)
        body = .mapping(
          body.entries().map { $0.key == key ? ($0.key, $0.keyPosition, value) : $0 }, at: body.position)
      } else {
        body = body.removingEntry(key)
        removed.insert(key)
      }
    }
    guard let errors = NotebookErrors(problems), errors.errors.count > 1 else {
      throw problems.first
        ?? NotebookError(line: block.line, column: block.column, message: "cannot decode block")
    }
    throw errors
  }

  /// The most problems reported for one block: each costs one more decoding of the body, so a
  /// body of thousands of unknown keys stops here instead of taking quadratic time.
  static let maximumProblems = 100

  /// Where stand-in values are: line 0, before any notebook text.
  static let standInPosition = SourcePosition(line: 0, column: 0)

  /// A value that decodes for a required key, so that decoding can go on past its absence: a
  /// name for references and files, a number or list for numeric keys, `mse` for a loss and
  /// one `sigmoid` layer for layers. Nil for keys that decide what else the block reads
  /// (`source`, `vary`, gaussian `classes`).
  static func standIn(for key: String) -> SpecNode? {
    let at = standInPosition
    let zero = SpecNode.scalar("0", at: at)
    switch key {
    case "model", "data", "train", "path", "images", "labels": return .scalar("standin", at: at)
    case "target": return zero
    case "n": return .scalar("1", at: at)
    case "input", "y": return .sequence([zero], at: at)
    case "x": return .sequence([.sequence([zero], at: at)], at: at)
    case "loss": return .scalar("mse", at: at)
    case "layers": return .sequence([.scalar("sigmoid", at: at)], at: at)
    default: return nil
    }
  }
}
