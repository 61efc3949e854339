import Notebook

/// A `train` block's decoded spec (pending the training loop).
public struct TrainSpec: Sendable {}

/// `train` — pending.
struct TrainBlockSpec: BlockSpec {
  let expectations: [Expectation] = []
  var references: [Reference] { [] }
  init(_ body: SpecNode, block: BlockSource) throws {}
  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    throw NotebookError(
      position: context.position, message: "the train block is not available in this build yet")
  }
}

/// `compare` — pending.
struct CompareBlockSpec: BlockSpec {
  let expectations: [Expectation] = []
  var references: [Reference] { [] }
  init(_ body: SpecNode, block: BlockSource) throws {}
  func run(context: BlockContext, workspace: Workspace, outcome: inout BlockOutcome) throws -> Definition {
    throw NotebookError(
      position: context.position, message: "the compare block is not available in this build yet")
  }
}
