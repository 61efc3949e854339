import Tensor

extension FrontMatter {
  /// Reads `params:`: a mapping from names (`[A-Za-z_][A-Za-z0-9_]*`) to scalar defaults
  /// (`lr: 0.1`, `student: "demo"`). A list, mapping or empty value as a default is an error at
  /// that value.
  static func readParameters(_ node: SpecNode) throws(NotebookError) -> [ParameterDeclaration] {
    guard node.isMapping else {
      throw node.error(
        "params must be a mapping from parameter names to default values, got \(node.describedValue)",
        hint: "Write e.g. 'params: {lr: 0.1, student: demo}'.")
    }
    var declarations: [ParameterDeclaration] = []
    for entry in node.entries() {
      guard ParameterDeclaration.isValidName(entry.key) else {
        throw NotebookError(
          position: entry.keyPosition, message: "invalid parameter name '\(entry.key)'",
          hint: "A parameter name starts with a letter or '_' and holds letters, digits and '_'.")
      }
      guard case .scalar(let text, let plain) = entry.value.value else {
        throw entry.value.error(
          "the default of parameter '\(entry.key)' must be one value, got \(entry.value.describedValue)",
          hint: "Write a number or a text, e.g. '\(entry.key): 0.1'.")
      }
      declarations.append(
        ParameterDeclaration(name: entry.key, text: text, plain: plain, position: entry.value.position))
    }
    return declarations
  }

  /// The notebook seed a `seed: ${…}` resolves to with `values`: the substituted text read as an
  /// unsigned integer when it is one, else FNV-1a 64 of its UTF-8 bytes (offset basis
  /// 0xcbf29ce484222325, prime 0x100000001b3), so `seed: ${student}` gives each student name its
  /// own seed. `nil` when `seed` uses no parameter.
  public func resolvedSeed(_ values: ParameterValues) -> UInt64? {
    guard let template = seedTemplate else { return nil }
    let text = (template.substitutingParameters(values).scalarText ?? "").trimmingSpaces()
    if let (negative, digits) = NumberSyntax.integerText(text), !negative, let v = UInt64(digits) { return v }
    return SeedDerivation.fnv1a(text)
  }
}

extension NotebookDocument {
  /// This document with `values` in effect: every block substitutes them, and a `seed: ${…}` is
  /// resolved with them (section 13).
  public func applying(_ values: ParameterValues) -> NotebookDocument {
    var copy = self
    copy.parameterValues = values
    for i in copy.blocks.indices { copy.blocks[i].parameters = values }
    if let seed = copy.frontMatter.resolvedSeed(values) { copy.frontMatter.seed = seed }
    return copy
  }

  /// This document with `overrides` (`--set NAME=VALUE`) applied over the current values.
  public func applying(
    overrides: [(name: String, value: String)], origin: ParameterValues.Origin = .commandLine
  )
    throws(ParameterError) -> NotebookDocument
  {
    applying(try parameterValues.overriding(overrides, origin: origin))
  }
}
