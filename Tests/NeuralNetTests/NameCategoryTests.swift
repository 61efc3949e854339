import Testing

@testable import NeuralNet

/// Names people type (issue 17): any case, and a name of another kind answered with its place.
@Suite struct NameCategoryTests {
  @Test func namesMatchInAnyCase() throws {
    #expect(try Activation.parse("ReLU") == .relu)
    #expect(try OptimizerKind.parse("Adam") == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    #expect(try Initializer.parse("Xavier") == .xavier)
  }

  @Test func lossWrittenAsALayer() {
    do {
      _ = try LayerSpec.parseCompact("BCE")
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "unknown layer 'BCE'")
      #expect(error.hint == "'bce' is a loss; write `loss: bce`.")
    }
  }

  @Test func crossHints() {
    #expect(
      NameCategory.crossHint(for: "Dense", expected: .activation)
        == "'dense' is a layer; write `- dense: {in: …, out: …}`.")
    #expect(
      NameCategory.crossHint(for: "adam", expected: .loss)
        == "'adam' is an optimizer; write `optimizer: adam` in a train block.")
    #expect(
      NameCategory.crossHint(for: "xavier", expected: .optimizer)
        == "'xavier' is an init; write `init: xavier`.")
    #expect(
      NameCategory.crossHint(for: "relu", expected: .loss)
        == "'relu' is an activation; write it as a layer, e.g. `- relu`.")
    #expect(NameCategory.crossHint(for: "sigmod", expected: .activation) == nil)
  }
}
