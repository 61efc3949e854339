/// Divergence by growth (contract §7): besides a NaN or infinite loss, a training loss that
/// grows past ``Trainer/divergenceGrowth`` times its first value counts as diverged.
extension Trainer {
  /// The growth factor: 10.
  public static let divergenceGrowth = 10.0

  /// Whether the evaluated training loss `loss` of an epoch ≥ 1 has grown past
  /// `divergenceGrowth × initial`, `initial` being the loss of epoch 0 (before any update):
  /// `loss > 10 · initial`, strictly. Comparing with a zero initial loss, any positive loss
  /// counts; a non-finite `loss` is not growth (it is divergence of its own kind) and gives
  /// `false`, as does a non-finite `initial`.
  public static func grewPastLimit(_ loss: Double, initial: Double) -> Bool {
    guard loss.isFinite, initial.isFinite else { return false }
    return loss > divergenceGrowth * initial
  }
}
