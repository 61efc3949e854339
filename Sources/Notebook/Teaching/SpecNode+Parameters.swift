extension SpecNode {
  /// This value with every `${name}` of a declared parameter replaced (contract section 13):
  ///
  /// * a scalar that is exactly `${name}` (quoted or not) becomes the parameter's value, read as
  ///   an unquoted scalar when the value is plain (so `lr: ${lr}` is a number), at the same
  ///   position;
  /// * a scalar holding `${name}` inside longer text gets the value's text in its place; when the
  ///   scalar is on one line its position moves to the first `${` (so an error about the value
  ///   points at the parameter);
  /// * mapping keys are never substituted; other `${VAR}` stay as written (environment variables
  ///   in data paths).
  public func substitutingParameters(_ values: ParameterValues) -> SpecNode {
    if values.entries.isEmpty { return self }
    switch value {
    case .null:
      return self
    case .scalar(let text, let plain):
      if let entry = ParameterText.wholeReference(text, values) {
        return SpecNode(.scalar(entry.text, plain: entry.plain || !plain), at: position)
      }
      let (replaced, replacements) = ParameterText.substitute(text, values)
      guard let first = replacements.first else { return self }
      var moved = position
      if !text.contains("\n") { moved.column += first.offset + (plain ? 0 : 1) }
      return SpecNode(.scalar(replaced, plain: plain), at: moved)
    case .sequence(let elements):
      return SpecNode(.sequence(elements.map { $0.substitutingParameters(values) }), at: position)
    case .mapping(let entries):
      return SpecNode(
        .mapping(
          entries.map {
            Entry(key: $0.key, keyPosition: $0.keyPosition, value: $0.value.substitutingParameters(values))
          }), at: position)
    }
  }
}

extension BlockSource {
  /// Where this block's text uses a declared parameter: the notebook position of each `${` of a
  /// reference in the body or the header, with the parameter's entry. Used to name the parameter
  /// in an error at that position.
  public var parameterUses: [(position: SourcePosition, entry: ParameterValues.Entry)] {
    guard !parameters.entries.isEmpty, rawText.contains("${") else { return [] }
    var uses: [(SourcePosition, ParameterValues.Entry)] = []
    let infoScalars = Array(info.unicodeScalars)
    for i in infoScalars.indices {
      if let (entry, _) = ParameterText.reference(in: infoScalars, at: i, values: parameters) {
        uses.append((SourcePosition(line: line, column: infoColumn + i), entry))
      }
    }
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    for (n, lineText) in lines.enumerated() {
      let u = Array(lineText.unicodeScalars)
      for i in u.indices {
        if let (entry, _) = ParameterText.reference(in: u, at: i, values: parameters) {
          uses.append((notebookPosition(bodyLine: n + 1, column: i + 1), entry))
        }
      }
    }
    return uses
  }

  /// ` (parameter lr = -1, from --set)` when an error at `position` is about a value that
  /// came from a parameter (the error points at the `${`, or at the quote just before it), else
  /// `nil`.
  public func parameterNote(at position: SourcePosition) -> String? {
    for use in parameterUses
    where use.position.line == position.line
      && (use.position.column == position.column || use.position.column == position.column + 1)
    {
      let origin = use.entry.origin == .default ? "the default" : use.entry.origin.rawValue
      return "parameter \(use.entry.name) = \(use.entry.text), from \(origin)"
    }
    return nil
  }
}
