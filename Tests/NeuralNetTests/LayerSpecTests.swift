import Tensor
import Testing

@testable import NeuralNet

@Suite struct LayerSpecTests {
  @Test func compactDenseForms() throws {
    #expect(try LayerSpec.parseCompact("dense 2->3") == .dense(DenseSpec(inputs: 2, outputs: 3)))
    #expect(try LayerSpec.parseCompact("dense 2 -> 3") == .dense(DenseSpec(inputs: 2, outputs: 3)))
    #expect(try LayerSpec.parseCompact("dense 2→3") == .dense(DenseSpec(inputs: 2, outputs: 3)))
    #expect(
      try LayerSpec.parseCompact("dense 2->3 nobias") == .dense(DenseSpec(inputs: 2, outputs: 3, bias: false))
    )
    #expect(try LayerSpec.parseCompact("dense ->3") == .dense(DenseSpec(outputs: 3)))
    #expect(try LayerSpec.parseCompact("dense 3") == .dense(DenseSpec(outputs: 3)))
    #expect(
      try LayerSpec.parseCompact("dense 2->3 init=normal(0.01)")
        == .dense(DenseSpec(inputs: 2, outputs: 3, initializer: .normal(std: 0.01))))
    for text in ["dense 2->3", "dense ->3", "dense 2->3 nobias", "dense 2->3 init=he"] {
      #expect(try LayerSpec.parseCompact(text).compactDescription == text)
    }
  }

  @Test func compactActivations() throws {
    #expect(try LayerSpec.parseCompact("tanh") == .activation(.tanh))
    #expect(try LayerSpec.parseCompact("leaky-relu(0.1)") == .activation(.leakyReLU(slope: 0.1)))
    #expect(try LayerSpec.parseCompact(" sigmoid ") == .activation(.sigmoid))
  }

  @Test func compactErrors() {
    let typo = thrownError { _ = try LayerSpec.parseCompact("sigmod") }
    #expect(typo?.message == "unknown layer 'sigmod'")
    #expect(typo?.hint == "Did you mean 'sigmoid'?")
    #expect(thrownError { _ = try LayerSpec.parseCompact("dens 2->3") }?.hint == "Did you mean 'dense'?")
    #expect(thrownError { _ = try LayerSpec.parseCompact("dense 2-3") }?.key == "layers")
    #expect(thrownError { _ = try LayerSpec.parseCompact("dense a->3") } != nil)
    #expect(
      thrownError { _ = try LayerSpec.parseCompact("dense 2->3 nobais") }?.hint == "Did you mean 'nobias'?")
    #expect(thrownError { _ = try LayerSpec.parseCompact("dense 2->3 init=xavir") }?.key == "init")
  }
}
