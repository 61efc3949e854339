import Notebook

extension NotebookExecutor {
  /// What ``run()`` would take from the cache, found without running a block or reading a
  /// stored outcome: one entry per block, in order.
  public struct CachePlan: Sendable, Equatable {
    /// Each block's cache key, computed as ``run()`` computes it.
    public var keys: [String]
    /// The files each block reads, with their digests (a cached outcome carries them too).
    public var inputs: [[InputFile]]
  }

  /// The plan of a run in which every block comes from the cache, or nil when one would not:
  /// there is no cache, a block does not decode, names a block it may not (``run()`` would
  /// fail or skip it), or has no stored outcome under its key.
  ///
  /// The keys are ``run()``'s: the same decoding, the same references (each through the key of
  /// the block it names), the same seed and input digests. A block's definition is never
  /// built, so the plan costs a decode per block and a look at the cache folder.
  public func cachePlan() -> CachePlan? {
    guard let cache else { return nil }
    var workspace = Workspace()
    var plan = CachePlan(keys: [], inputs: [])
    for (block, decoded) in zip(document.blocks, decoded.all) {
      guard let parsed = try? decoded.get() else { return nil }
      let spec = parsed.spec
      do {
        try workspace.validate(
          spec.references, document: document, currentLine: block.line, solution: block.solution)
      } catch {
        return nil
      }
      let context = BlockContext(block: block, notebookSeed: document.frontMatter.seed, options: options)
      let inputs = spec.inputFiles(context: context)
      let key = CacheKey.make(
        block: block, references: spec.references.map { workspace.entries[$0.name]?.cacheKey ?? "" },
        seed: document.frontMatter.seed, inputs: inputs, precision: options.precision)
      guard cache.contains(key: key) else { return nil }
      // Never built: the plan only needs the key under the block's name.
      let unbuilt = LazyDefinition { throw CachePlanOnly() }
      workspace.record(unbuilt, for: block, cacheKey: key, redefines: spec.redefines)
      plan.keys.append(key)
      plan.inputs.append(inputs)
    }
    return plan
  }
}

/// Thrown by a definition recorded by ``NotebookExecutor/cachePlan()``, which never builds one.
struct CachePlanOnly: Error {}
