/// A computational graph drawn by graphviz: one box per node (name in bold, then lines such
/// as the operation, value and adjoint), arrows from operands to results, left to right.
public struct GraphDiagram: Equatable, Sendable {
  /// One node of the drawing.
  public struct Node: Equatable, Sendable {
    /// Unique identifier, used by `edges` (any text; quoted in the DOT source).
    public var id: String
    /// The heading shown in bold (the node's name, e.g. `a` or `v1`).
    public var title: String
    /// Further label lines, e.g. `x * z`, `value = 6`, `adjoint = 403.4`.
    public var lines: [String]
    /// Inputs are drawn as green ellipses.
    public var isInput: Bool
    /// The output is drawn as an orange box with a double border.
    public var isOutput: Bool

    /// Creates a node; `title` defaults to `id`.
    public init(
      id: String, title: String? = nil, lines: [String] = [], isInput: Bool = false, isOutput: Bool = false
    ) {
      self.id = id
      self.title = title ?? id
      self.lines = lines
      self.isInput = isInput
      self.isOutput = isOutput
    }
  }

  /// A directed edge from an operand node to the node using it.
  public struct Edge: Equatable, Sendable {
    public var from: String
    public var to: String
    /// Creates an edge between node ids.
    public init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }

  public var nodes: [Node]
  public var edges: [Edge]

  /// Creates a diagram. Edges naming an id that is not among `nodes` are left out.
  public init(nodes: [Node], edges: [Edge]) {
    self.nodes = nodes
    self.edges = edges
  }

  /// Creates a diagram from `(from, to)` id pairs.
  public init(nodes: [Node], edges: [(from: String, to: String)]) {
    self.init(nodes: nodes, edges: edges.map { Edge(from: $0.from, to: $0.to) })
  }

  /// Fill and border colours (6-digit: graphviz reads `#eef` as black).
  static let operationFill = "#eef3ff"
  static let operationBorder = "#4a6fa5"
  static let inputFill = "#e6f4ea"
  static let inputBorder = "#3d8b5a"
  static let outputFill = "#fff1e0"
  static let outputBorder = "#c0661a"

  /// The DOT source: `rankdir=LR`, DejaVu Sans, nodes in the given order with HTML-like labels
  /// (`<B>title</B><BR/>line<BR/>…`, every text HTML-escaped), then edges in the given order,
  /// skipping edges whose ends are unknown and repeated nodes (first wins). Deterministic.
  /// `pad`: inches around the drawing, x and y (nil: `Graphviz.pad` on every side, written
  /// `pad=0.15`; the PNG's comes from ``Graphviz/opaquePad(width:height:)``).
  public func dotSource(pad: (x: Double, y: Double)? = nil) -> String {
    let padding = pad.map { String(format: "\"%.6f,%.6f\"", $0.x, $0.y) } ?? "\(Graphviz.pad)"
    var lines = [
      "digraph G {",
      "  graph [rankdir=LR, bgcolor=\"#ffffff\", nodesep=0.25, ranksep=0.45, pad=\(padding)];",
      "  node [shape=box, style=\"rounded,filled\", fillcolor=\"\(Self.operationFill)\","
        + " color=\"\(Self.operationBorder)\", fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.12,0.06\"];",
      "  edge [color=\"#606060\", arrowsize=0.7];",
    ]
    var known = Set<String>()
    for node in nodes where !known.contains(node.id) {
      known.insert(node.id)
      var attributes = ["label=<\(label(node))>"]
      if node.isOutput {
        attributes += [
          "fillcolor=\"\(Self.outputFill)\"", "color=\"\(Self.outputBorder)\"", "peripheries=2",
        ]
      } else if node.isInput {
        attributes += [
          "shape=ellipse", "style=filled", "fillcolor=\"\(Self.inputFill)\"",
          "color=\"\(Self.inputBorder)\"",
        ]
      }
      lines.append("  \(Self.quotedID(node.id)) [\(attributes.joined(separator: ", "))];")
    }
    for edge in edges where known.contains(edge.from) && known.contains(edge.to) {
      lines.append("  \(Self.quotedID(edge.from)) -> \(Self.quotedID(edge.to));")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The HTML-like label body of a node.
  private func label(_ node: Node) -> String {
    var parts = ["<B>\(Self.escape(node.title))</B>"]
    parts += node.lines.map(Self.escape)
    return parts.joined(separator: "<BR/>")
  }

  /// HTML escaping for graphviz HTML-like labels; line breaks become spaces.
  static func escape(_ text: String) -> String {
    HTMLText.escape(text.replacingOccurrences(of: "\r\n", with: " "))
      .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// A DOT quoted identifier: `"` and `\` escaped with a backslash, line breaks as spaces.
  static func quotedID(_ id: String) -> String {
    var out = "\""
    for character in id {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where character.isNewline: out += " "
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
