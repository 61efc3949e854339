import Foundation

/// What one graph evaluation may spend: a deadline, the memory its values may take,
/// and how much work finite differences may do element by element.
///
/// A limit that is reached throws a ``GraphError`` whose ``GraphError/limit`` says
/// which, so that the caller words it (the notebook's `timeout:`, `--memory-limit`).
public struct GraphLimits: Sendable {
  /// Stop when the clock passes it (`nil`: no deadline). Checked before each node of a
  /// pass and before each perturbation, so the overrun is at most one node's work.
  public var deadline: Date?
  /// The most bytes (8 per number) the node values of one pass and a Jacobian may take.
  public var memoryBytes: Double
  /// The most work (about one unit per multiply-add, ``GraphProgram/passWork(from:_:)``)
  /// finite differences element by element may take; above it they check along a few
  /// random directions instead (``GraphProgram/finiteDifferencePlan(wrt:output:limits:)``).
  public var finiteDifferenceWork: Double
  /// The most work reverse mode may take for a Jacobian (one backward pass per output
  /// element); above it the Jacobian is refused.
  public var jacobianWork: Double

  /// Limits; the defaults have no deadline, 4 GB, 10⁷ units of work for finite
  /// differences element by element (every matrix up to about 40×40 in a small graph)
  /// and 10⁸ for a Jacobian.
  public init(
    deadline: Date? = nil, memoryBytes: Double = 4 * 1_073_741_824, finiteDifferenceWork: Double = 1e7,
    jacobianWork: Double = 1e8
  ) {
    self.deadline = deadline
    self.memoryBytes = memoryBytes
    self.finiteDifferenceWork = finiteDifferenceWork
    self.jacobianWork = jacobianWork
  }

  /// Throws a time-limit ``GraphError`` when the deadline has passed.
  func checkTime(while doing: @autoclosure () -> String) throws(GraphError) {
    guard let deadline, Date() > deadline else { return }
    throw GraphError(line: 0, column: 0, message: "", limit: .time(while: doing()))
  }
}
