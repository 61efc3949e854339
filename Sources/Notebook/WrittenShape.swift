/// The shape of a value as written: one number, a flat list of n, or r rows of c.
///
/// Expected values (`expect:`), printed values (`printed:`) and results are compared element
/// by element only when their shapes agree, by one rule: a number stands for 1×1, a flat list
/// of n for n×1 or 1×n (which way a list is oriented is the reader's business), rows for their
/// own shape.
public enum WrittenShape: Equatable, Sendable {
  case number
  case list(Int)
  case rows(Int, columns: Int)

  /// The shapes (rows × columns) this one may stand for.
  public var matrixShapes: [(rows: Int, columns: Int)] {
    switch self {
    case .number: return [(1, 1)]
    case .list(let n): return [(n, 1), (1, n)]
    case .rows(let r, let c): return [(r, c)]
    }
  }

  /// Whether the two have a matrix shape in common.
  public func agrees(with other: WrittenShape) -> Bool {
    matrixShapes.contains { a in other.matrixShapes.contains { $0 == a } }
  }

  /// The shape of `rows`: its count and the first row's length (0 for no rows).
  public static func of<Element>(rows: [[Element]]) -> WrittenShape {
    .rows(rows.count, columns: rows.first?.count ?? 0)
  }
}
