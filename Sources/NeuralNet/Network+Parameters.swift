import Tensor

/// Naming, reading and writing a network's parameters.
extension Network {
  /// Where a named parameter lives.
  enum ParameterSlot: Hashable, Sendable {
    case weights(layer: Int)
    case bias(layer: Int)
    case alpha(layer: Int)
  }

  /// Every parameter in layer order with its name: `W1`, `b1`, …, `alpha1`, ….
  var parameterSlots: [(name: String, slot: ParameterSlot)] {
    var slots: [(name: String, slot: ParameterSlot)] = []
    var dense = 0
    var prelu = 0
    for (i, layer) in layers.enumerated() {
      switch layer {
      case .dense(let d):
        dense += 1
        slots.append(("W\(dense)", .weights(layer: i)))
        if d.bias != nil { slots.append(("b\(dense)", .bias(layer: i))) }
      case .activation(let a):
        if a.alpha != nil {
          prelu += 1
          slots.append(("alpha\(prelu)", .alpha(layer: i)))
        }
      }
    }
    return slots
  }

  /// Parameter names in layer order: `W1`, `b1`, `W2`, …, and `alpha1`, … for PReLU layers.
  public var parameterNames: [String] { parameterSlots.map(\.name) }

  /// The number of learnable numbers (weights, biases, PReLU alphas).
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// The slot of `name`, or nil.
  func slot(_ name: String) -> ParameterSlot? {
    parameterSlots.first { $0.name == name }?.slot
  }

  /// A parameter's current value: `W` out × in, `b` 1 × out, `alpha` 1 × 1;
  /// nil for an unknown name.
  public func parameter(_ name: String) -> Matrix? {
    guard let slot = slot(name) else { return nil }
    return value(at: slot)
  }

  /// The value in `slot`.
  func value(at slot: ParameterSlot) -> Matrix {
    switch (slot, layers[slot.layer]) {
    case (.weights, .dense(let d)): return d.weights
    case (.bias, .dense(let d)): return d.bias ?? Matrix(rows: 0, cols: 0)
    case (.alpha, .activation(let a)): return Matrix(scalar: a.alpha ?? 0)
    default: return Matrix(rows: 0, cols: 0)
    }
  }

  /// Replaces a parameter. A bias may be given as a row (1 × out) or a
  /// column (out × 1); it is stored as a row.
  /// - Throws: an unknown name (with a hint) or a shape that differs from
  ///   the current one (both shapes named); non-finite values are allowed.
  public mutating func setParameter(_ name: String, _ value: Matrix) throws(NeuralNetError) {
    guard let slot = slot(name) else {
      throw NeuralNetError(
        "the model has no parameter '\(name)'", hint: NameSuggestion.hint(for: name, among: parameterNames))
    }
    let current = self.value(at: slot)
    var replacement = value
    if case .bias = slot, value.cols == 1, value.rows == current.cols {
      replacement = value.reshaped(rows: 1, cols: value.rows)
    }
    guard replacement.rows == current.rows, replacement.cols == current.cols else {
      throw NeuralNetError(
        "\(name) is \(current.shapeDescription) but the new value is \(value.shapeDescription)",
        layerIndex: slot.layer)
    }
    modify(slot) { $0 = replacement }
  }

  /// Runs `body` on the parameter in `slot` in place. The layer is taken out
  /// of the array (a placeholder stands in) so that its storage is uniquely
  /// referenced and `body` mutates it without a copy.
  mutating func modify(_ slot: ParameterSlot, _ body: (inout Matrix) -> Void) {
    let placeholder = Layer.activation(ActivationLayer(activation: .identity))
    let i = slot.layer
    var layer = layers[i]
    layers[i] = placeholder
    switch slot {
    case .weights:
      if case .dense(var d) = layer {
        layer = placeholder
        body(&d.weights)
        layer = .dense(d)
      }
    case .bias:
      if case .dense(var d) = layer, var b = d.bias {
        layer = placeholder
        d.bias = nil
        body(&b)
        d.bias = b
        layer = .dense(d)
      }
    case .alpha:
      if case .activation(var a) = layer {
        var m = Matrix(scalar: a.alpha ?? 0)
        body(&m)
        a.alpha = m.storage[0]
        layer = .activation(a)
      }
    }
    layers[i] = layer
  }
}

extension Network.ParameterSlot {
  /// The index of the layer holding the parameter.
  var layer: Int {
    switch self {
    case .weights(let i), .bias(let i), .alpha(let i): return i
    }
  }
}
