import Notebook

/// Which keys read as result paths of a block kind (contract sections 4–8), so that a check
/// written at block level (`loss: 0.22 ± 1e-3` in a step) is answered with "indent it under
/// `expect:`" rather than a did-you-mean among the block's keys.
///
/// A key counts when it is one of the kind's fixed paths or starts with one of its prefixes
/// (`grad.W1` in a step); `compare` paths are `VARIANT.train.…`/`VARIANT.test.…`. Kinds without
/// `expect:` (`data`, `model`) and `graph` (not YAML) have none.
enum ResultPathKeys {
  /// Whether `key` is a result path of blocks of `kind`.
  static func isResultPath(_ key: String, of kind: BlockKind) -> Bool {
    let (fixed, prefixes): ([String], [String])
    switch kind {
    case .step:
      (fixed, prefixes) = (["loss", "output", "kinks"], ["grad.", "new.", "forward.", "backward."])
    case .train:
      (fixed, prefixes) = (
        ["train.loss", "test.loss", "train.accuracy", "test.accuracy", "epochs-run", "diverged"],
        ["curve.", "final."]
      )
    case .gradcheck:
      (fixed, prefixes) = (["max-relative-error"], ["rel."])
    case .compare:
      return key.contains(".train.") || key.contains(".test.")
    case .data, .model, .graph:
      return false
    }
    return fixed.contains(key) || prefixes.contains { key.hasPrefix($0) && key.count > $0.count }
  }
}
