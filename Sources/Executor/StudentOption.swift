import Notebook

/// The `student=` option (contract section 11) is the report's business, not the block's: the
/// executor checks its value and removes it before the block's keys are decoded.
enum StudentOption {
  /// `body` without its `student` entry. Throws for an invalid `student=` value, and for a
  /// `student:` key in the body (**Choice:** the mode is read from the header only, so the
  /// student version can be decided without decoding YAML).
  static func strip(_ body: SpecNode, block: BlockSource) throws(NotebookError) -> SpecNode {
    guard let entry = body.entries().first(where: { $0.key == "student" }) else { return body }
    if let error = block.studentModeError { throw error }
    if !block.attributes.contains(where: { $0.key == "student" }) {
      throw NotebookError(
        position: entry.keyPosition, message: "student: belongs in the block header",
        hint: "Write it as an option of the fence, e.g. {step student=question}.")
    }
    return SpecNode.mapping(body.entries().filter { $0.key != "student" }, at: body.position)
  }
}
