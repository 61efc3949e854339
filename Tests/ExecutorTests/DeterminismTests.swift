import Executor
import Notebook
import Testing

@Suite struct DeterminismTests {
  static let data = """
    ```{data blobs}
    source: gaussian
    classes:
      - {mean: [0, 0], cov: [[1, 0], [0, 1]], n: 20}
      - {mean: [2, 2], cov: [[1, 0], [0, 1]], n: 20}
    split: {train: 0.75, test: 0.25}
    ```
    """
  static let model = """
    ```{model net}
    layers: [dense 2->3, tanh, dense 3->1, sigmoid]
    loss: bce
    ```

    ```{gradcheck gc}
    model: net
    data: blobs
    samples: 4
    ```
    """

  @Test func unrelatedBlocksDoNotChangeAnotherBlocksNumbers() throws {
    let a = execute(DeterminismTests.data + "\n\n" + DeterminismTests.model)
    let b = execute(
      "```{graph}\nx = 1\ny = x\n```\n\n" + DeterminismTests.model.replacingOccurrences(of: "gc", with: "gc")
        + "\n\n" + "```{data other}\nsource: xor\nn: 8\n```\n")
    // The model's weights come from its own seed: same parameters in both notebooks.
    #expect(a[1].results["parameters"] == b[1].results["parameters"])
    let a2 = execute(DeterminismTests.data + "\n\n" + DeterminismTests.model)
    #expect(a.map(\.results) == a2.map(\.results))
    #expect(a[2].status == .ok, "\(String(describing: a[2].error))")
  }

  @Test func blockSeedDependsOnNotebookSeedNameAndBlockSeed() {
    let doc = NotebookDocument.parse("```{data d}\nsource: xor\nn: 8\n```\n")
    let block = doc.blocks[0]
    let c0 = BlockContext(block: block, notebookSeed: 0, options: ExecutionOptions(notebookDirectory: "."))
    let c1 = BlockContext(block: block, notebookSeed: 1, options: ExecutionOptions(notebookDirectory: "."))
    #expect(c0.seed(blockSeed: nil) == c0.seed(blockSeed: nil))
    #expect(c0.seed(blockSeed: nil) != c1.seed(blockSeed: nil))
    #expect(c0.seed(blockSeed: 5) != c0.seed(blockSeed: nil))
  }

  @Test func fileNamesAreSanitised() {
    #expect(FileName.sanitize("../../x") == "x")
    #expect(FileName.sanitize("<script>alert(1)</script>") == "script-alert-1-script")
    #expect(FileName.sanitize("") == "block")
    #expect(FileName.sanitize("train-Base_1") == "train-base_1")
  }
}
