import Foundation
import Synchronization

/// The terminal of a run over several notebooks, where one notebook's blocks run while the
/// report of the one before is still being written (``NotebookRunner/run(_:)``): its lines come
/// out in notebook order all the same, and a progress bar never cuts into one. A run of one
/// notebook (``NotebookRunner/runNotebook(_:)``) draws its progress bar through one too.
///
/// - Notebook `i`'s lines (``line(_:notebook:)``) are printed at once while it is the current
///   notebook (0 at first) and held until then otherwise; ``close(_:)`` ends notebook `i`,
///   which makes `i + 1` current and prints what it held.
/// - A line printed while a progress bar (``show(_:)``) is drawn blanks the bar first, in one
///   piece with the line, under the same lock as the bar's redraws (``barWrite(_:)``); the bar
///   comes back at its next redraw, below the line.
final class OrderedTerminal: Sendable {
  private struct State {
    var current = 0
    var held: [Int: [String]] = [:]
    var closed: Set<Int> = []
  }
  private let state = Mutex(State())
  /// Serializes the writes: lines (through `log`) and the bar's redraws.
  private let output = Mutex(())
  private let bar = Mutex<ProgressBar?>(nil)
  private let log: @Sendable (String) -> Void
  private let raw: @Sendable (String) -> Void

  /// - Parameters:
  ///   - log: where a line goes (the runner's log: standard error, a line each).
  ///   - raw: where a bar's text goes (standard error, as it is).
  init(
    log: @escaping @Sendable (String) -> Void,
    raw: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.log = log
    self.raw = raw
  }

  /// Prints `text` as a line of notebook `i`, or holds it until notebook `i` is current.
  func line(_ text: String, notebook i: Int) {
    state.withLock { s in
      if i == s.current {
        print(text)
      } else {
        s.held[i, default: []].append(text)
      }
    }
  }

  /// Ends notebook `i`: once every notebook before it has ended, the next one becomes current
  /// and its held lines are printed (and so on past notebooks that ended meanwhile).
  func close(_ i: Int) {
    state.withLock { s in
      s.closed.insert(i)
      while s.closed.contains(s.current) {
        s.closed.remove(s.current)
        s.current += 1
        for text in s.held.removeValue(forKey: s.current) ?? [] { print(text) }
      }
    }
  }

  /// The progress bar drawn from now on (nil: none); its writes go through ``barWrite(_:)``.
  func show(_ progress: ProgressBar?) {
    bar.withLock { $0 = progress }
  }

  /// A progress bar's redraw, never in the middle of a line.
  func barWrite(_ text: String) {
    output.withLock { _ in raw(text) }
  }

  private func print(_ text: String) {
    output.withLock { _ in
      if let blank = bar.withLock({ $0 })?.clearingText() { raw(blank) }
      log(text)
    }
  }
}
