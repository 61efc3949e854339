import Executor
import Foundation
import Synchronization

/// The one-line training progress on standard error (only when it is a terminal):
/// `block 3 of 7, line 42 baseline [████····] epoch 50/200  loss 0.3127  48211 samples/s  ETA 3 s`.
///
/// - The position counts the notebook's executable blocks (`document.blocks`), from 1.
/// - The ETA is (seconds since the block's first event) / epochs done × epochs left,
///   shown from epoch 1 on (`TerminalTime.remaining`).
/// - The line is redrawn at most every `interval` seconds, and always at epoch 0
///   and at the last epoch; each redraw pads with spaces over a longer previous line.
final class ProgressBar: Sendable {
  private struct State {
    var blockLine = -1
    var started = 0.0
    var lastDraw = -Double.infinity
    var width = 0
  }

  private let positions: [Int: Int]
  private let total: Int
  private let interval: Double
  private let clock: @Sendable () -> Double
  private let write: @Sendable (String) -> Void
  private let state = Mutex(State())

  /// - Parameters:
  ///   - blockLines: the notebook line of each executable block, in order.
  ///   - clock: seconds on a monotonic clock (`systemUptime` by default).
  ///   - write: where the text goes (standard error by default).
  init(
    blockLines: [Int], interval: Double = 0.1,
    clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
    write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    var positions: [Int: Int] = [:]
    for (i, line) in blockLines.enumerated() where positions[line] == nil { positions[line] = i + 1 }
    self.positions = positions
    self.total = blockLines.count
    self.interval = interval
    self.clock = clock
    self.write = write
  }

  /// Draws `e` (or skips it when the last draw was less than `interval` ago).
  func report(_ e: ProgressEvent) {
    let now = clock()
    let text: String? = state.withLock { s in
      if s.blockLine != e.blockLine {
        s.blockLine = e.blockLine
        s.started = now
        s.lastDraw = -Double.infinity
      }
      let last = e.epoch == 0 || e.epoch >= e.epochs
      guard last || now - s.lastDraw >= interval else { return nil }
      s.lastDraw = now
      let line = self.line(e, elapsed: now - s.started)
      let pad = max(0, s.width - line.count)
      s.width = line.count
      return "\r" + line + String(repeating: " ", count: pad)
    }
    if let text { write(text) }
  }

  /// The text of one progress line (without `\r` or padding).
  func line(_ e: ProgressEvent, elapsed: Double) -> String {
    let width = 24
    let fraction = e.epochs > 0 ? min(1, Double(e.epoch) / Double(e.epochs)) : 0
    let done = Int(Double(width) * fraction)
    let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
    let place = positions[e.blockLine].map { "block \($0) of \(total), " } ?? ""
    var text =
      "  \(place)line \(e.blockLine) \(e.label) [\(bar)] epoch \(e.epoch)/\(e.epochs)"
      + "  loss \(String(format: "%.4g", e.loss))  \(String(format: "%.0f", e.samplesPerSecond)) samples/s"
    if e.epoch >= 1 {
      let left = elapsed / Double(e.epoch) * Double(max(0, e.epochs - e.epoch))
      text += "  ETA \(TerminalTime.remaining(left))"
    }
    return text
  }

  /// Blanks the line drawn last and returns the cursor to its start.
  func clear() {
    if let text = clearingText() { write(text) }
  }

  /// The text that blanks the line drawn last (`\r`, spaces, `\r`), nil when none is drawn;
  /// the bar counts as cleared. For a writer that prints it together with its own line.
  func clearingText() -> String? {
    let width = state.withLock { s in
      defer { s.width = 0 }
      return s.width
    }
    return width > 0 ? "\r" + String(repeating: " ", count: width) + "\r" : nil
  }
}

/// Durations as the terminal shows them.
enum TerminalTime {
  /// An elapsed time: `0.41 s` (two decimals below 10 s), `12.3 s` (one below
  /// a minute), `2 min 05 s`, `1 h 02 min` (from an hour, minutes rounded down).
  static func elapsed(_ seconds: Double) -> String {
    let s = min(max(0, seconds), 1e9)
    if s < 9.995 { return String(format: "%.2f s", s) }
    if s < 59.95 { return String(format: "%.1f s", s) }
    return minutes(Int(s.rounded()))
  }

  /// A time left: whole seconds rounded up (`3 s`, `59 s`), then as `elapsed`.
  static func remaining(_ seconds: Double) -> String {
    let whole = Int(min(max(0, seconds), 1e9).rounded(.up))
    return whole < 60 ? "\(whole) s" : minutes(whole)
  }

  private static func minutes(_ whole: Int) -> String {
    if whole < 3600 { return "\(whole / 60) min " + String(format: "%02d s", whole % 60) }
    return "\(whole / 3600) h " + String(format: "%02d min", whole % 3600 / 60)
  }
}
