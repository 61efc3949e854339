import Tensor

/// One node of an evaluated graph: what it computes, its value, and its adjoint
/// `∂out/∂node` with the child contributions that were summed into it.
public struct GraphNode: Sendable, Equatable {
  /// One term of an adjoint: `value = (∂out/∂child) · ∂child/∂node` as the child's
  /// vector-Jacobian product, shaped like this node.
  public struct Contribution: Sendable, Equatable {
    /// Index (in ``EvaluatedGraph/nodes``) of the child that sent it.
    public var child: Int
    /// The contribution, shaped like the receiving node.
    public var value: Matrix

    /// A contribution `value` from node `child`.
    public init(child: Int, value: Matrix) {
      self.child = child
      self.value = value
    }
  }

  /// The user's name, or a generated one (`v1`, `v2`, …).
  public var name: String
  /// True for names the engine made up for unnamed sub-expressions.
  public var isGenerated: Bool
  /// True for literal assignments.
  public var isInput: Bool
  /// The expression as the user reads it, generated names substituted: `x * z`,
  /// `exp(a)`, `v1 + f`; for an input its literal (`2`, `[1, 2]`).
  public var expression: String
  /// The operation: `+ - * / @ ^`, `neg` (unary minus), a function name (`exp`,
  /// `logdet`, …), `input`, or `copy` (for `b = a`).
  public var operation: String
  /// Indices of the nodes this node reads, in operand order, each once.
  public var parents: [Int]
  /// The forward value (1×1 for scalars).
  public var value: Matrix
  /// `∂out/∂node`, shaped like ``value``. 1 for the output; 0 for nodes the output
  /// does not depend on, and for every node when the output is not 1×1.
  public var adjoint: Matrix
  /// The terms summed into ``adjoint``, ordered by child index (forward order); a
  /// child that reads this node twice (`a * a`) sends two. Empty for the output and
  /// for nodes the output does not depend on.
  public var contributions: [Contribution]
  /// 1-based line (within the graph text) of the assignment this node comes from.
  public var line: Int
  /// Column of its operator or function name (of the literal for inputs).
  public var column: Int
}

/// A graph after the forward pass and reverse mode.
public struct EvaluatedGraph: Sendable, Equatable {
  /// Every node in topological (forward) order, inputs first.
  public var nodes: [GraphNode]
  /// Index of the output node in ``nodes``.
  public var outputIndex: Int

  /// The output node.
  public var output: GraphNode { nodes[outputIndex] }

  /// True when the output is 1×1, so that reverse mode gave every node an adjoint; a
  /// vector or matrix output has Jacobians instead (``GraphProgram/jacobians(output:wrt:limits:)``).
  public var hasScalarOutput: Bool { output.value.isScalar }

  /// The node called `name` (user or generated), or `nil`.
  public func node(named name: String) -> GraphNode? {
    nodes.first { $0.name == name }
  }

  /// Index in ``nodes`` of the node called `name`, or `nil`.
  public func index(of name: String) -> Int? {
    nodes.firstIndex { $0.name == name }
  }

  /// `∂out/∂input`, the adjoint of the node called `input` (any node name works),
  /// shaped like it; `nil` when there is no such node.
  public func gradient(wrt input: String) -> Matrix? {
    node(named: input)?.adjoint
  }

  /// The input nodes in order.
  public var inputs: [GraphNode] { nodes.filter(\.isInput) }
}
