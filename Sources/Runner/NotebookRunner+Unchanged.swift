import Executor
import Foundation
import Notebook
import Report

extension NotebookRunner {
  /// What decides whether a notebook's report folder can be left as it is (``ReportStamp``).
  struct ReportReuse {
    var cache: BlockCache
    var executor: NotebookExecutor
    var stampURL: URL
    var target: URL
    /// Everything of the key but the block keys, which are known only once the blocks are
    /// in the cache.
    var keyOf: ([String]) -> String

    /// The outcomes of the run that wrote `target` (`cached` set, inputs as the plan found
    /// them), when every block would come from the cache, the stamp's key is this run's and
    /// the folder holds exactly the stamp's files; else nil. The blocks' keys are marked as
    /// used, so pruning keeps them.
    func unchangedOutcomes() -> [BlockOutcome]? {
      guard let plan = executor.cachePlan(), let stamp = ReportStamp.read(stampURL),
        stamp.key == keyOf(plan.keys), stamp.outcomes.count == plan.keys.count,
        ReportStamp.fingerprint(of: target) == stamp.files
      else { return nil }
      cache.touch(plan.keys)
      return zip(stamp.outcomes, plan.inputs).map { outcome, inputs in
        var outcome = outcome
        outcome.cached = true
        outcome.inputs = inputs
        return outcome
      }
    }

    /// Records the folder just written from `outcomes`, when all of them are now in the cache
    /// (a run with a failed block records nothing).
    func record(_ outcomes: [BlockOutcome]) {
      guard let plan = executor.cachePlan(), plan.keys.count == outcomes.count,
        let files = ReportStamp.fingerprint(of: target)
      else { return }
      let stamp = ReportStamp(key: keyOf(plan.keys), files: files, outcomes: outcomes.map(ReportStamp.light))
      stamp.write(to: stampURL)
    }
  }

  /// The ``ReportReuse`` of a run with the block cache on and no PDF asked for (Chromium's
  /// print is left out of the shortcut), else nil.
  func reportReuse(
    cache: BlockCache?, executor: NotebookExecutor, text: String, path: String, target: URL,
    formats: Set<String>
  ) -> ReportReuse? {
    guard let cache, !formats.contains("pdf") else { return nil }
    let options = self.options
    let katex = KaTeXAssets.installationStamp
    return ReportReuse(
      cache: cache, executor: executor,
      stampURL: ReportStamp.url(in: cache.directory, variant: options.variant), target: target,
      keyOf: { keys in
        ReportStamp.key(
          text: text, overrides: options.parameterOverrides, path: path, folder: target.lastPathComponent,
          variant: options.variant, formats: formats, selfContained: options.selfContained, katex: katex,
          blockKeys: keys)
      })
  }

  /// ``writeVariant(_:_:_:_:_:_:)``, and whether it printed a warning (a figure not drawn, math
  /// left as source): such a report is not recorded for reuse, so the next run tries again.
  func writeVariantNotingWarnings(
    _ document: NotebookDocument, _ outcomes: [BlockOutcome], _ path: String, _ target: URL,
    _ formats: Set<String>, _ outRoot: URL
  ) throws -> (written: [String], warned: Bool) {
    let warned = WarningFlag()
    var noting = self
    noting.log = { [log, printedWarnings] line in
      warned.set()
      if printedWarnings?.insert(line) ?? true { log(line) }
    }
    let written = try noting.writeVariant(document, outcomes, path, target, formats, outRoot)
    return (written, warned.isSet)
  }

  /// Set once a warning was printed.
  private final class WarningFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
  }
}
