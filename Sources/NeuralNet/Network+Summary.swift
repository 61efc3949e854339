/// One row of a model's architecture table.
public struct LayerSummary: Hashable, Sendable {
  /// 1-based position in the layer list.
  public var number: Int
  /// `dense` or the activation's base name.
  public var kind: String
  /// `dense 2->3`, `dense 2->3 nobias`, `leaky-relu(slope=0.01)`, ….
  public var description: String
  /// Values per sample entering the layer.
  public var inputs: Int
  /// Values per sample leaving the layer.
  public var outputs: Int
  /// Parameter shapes, e.g. `W1 3×2, b1 3`, `alpha1`; empty without parameters.
  public var parameters: String
  /// Learnable numbers in the layer.
  public var parameterCount: Int
  /// How the weights started: the init's name, `explicit`, or nil (no weights).
  public var initialization: String?
}

extension Network {
  /// The architecture table: one row per layer, in order.
  public var summary: [LayerSummary] {
    var rows: [LayerSummary] = []
    var width = inputSize
    var dense = 0
    var prelu = 0
    for (i, layer) in layers.enumerated() {
      switch layer {
      case .dense(let d):
        dense += 1
        let shapes =
          "W\(dense) \(d.weights.shapeDescription)" + (d.bias == nil ? "" : ", b\(dense) \(d.outputs)")
        rows.append(
          LayerSummary(
            number: i + 1, kind: "dense", description: layer.description, inputs: d.inputs,
            outputs: d.outputs,
            parameters: shapes, parameterCount: d.parameterCount,
            initialization: d.initializer?.name ?? "explicit"))
        width = d.outputs
      case .activation(let a):
        var parameters = ""
        if a.alpha != nil {
          prelu += 1
          parameters = "alpha\(prelu)"
        }
        rows.append(
          LayerSummary(
            number: i + 1, kind: a.activation.baseName, description: layer.description, inputs: width,
            outputs: width, parameters: parameters, parameterCount: layer.parameterCount, initialization: nil)
        )
      }
    }
    return rows
  }
}
