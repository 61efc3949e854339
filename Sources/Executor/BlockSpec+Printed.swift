import Autodiff
import Notebook

extension BlockSpecs {
  /// Removes `printed:` from a YAML body (so no block's own keys change) and parses it; a `data` or
  /// `model` block, which carries no `expect:`, takes no `printed:` either.
  static func takePrinted(_ body: inout SpecNode, kind: BlockKind) throws(NotebookError) -> PrintedValues {
    guard let entry = body.entries().first(where: { $0.key == "printed" }) else { return PrintedValues() }
    switch kind {
    case .data, .model:
      throw NotebookError(
        position: entry.keyPosition, message: "a \(kind.rawValue) block takes no printed: values",
        hint: "Put printed: on the step, train, graph, gradcheck or compare block that computes the value.")
    case .step, .gradcheck, .train, .compare, .graph:
      break
    }
    body = SpecNode.mapping(body.entries().filter { $0.key != "printed" }, at: body.position)
    return try Printed.parse(entry.value)
  }

  /// The `printed:` mapping of a `graph` block's YAML tail (after a line `expect:` or `printed:`).
  static func graphPrinted(_ block: BlockSource) throws(NotebookError) -> PrintedValues {
    let split = GraphProgram.splitExpectations(block.body)
    guard let yaml = split.expectations, let line = split.expectationsLine else { return PrintedValues() }
    let node = try SpecNode.parseYAML(
      yaml, firstLine: block.bodyStartLine + line - 1, columnOffset: block.bodyIndent)
    guard let printed = node["printed"] else { return PrintedValues() }
    return try Printed.parse(printed)
  }
}
