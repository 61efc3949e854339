import Executor
import Foundation

/// A one-line progress bar on standard error (only when it is a terminal):
/// block line, label, epoch, loss and samples per second.
enum ProgressBar {
  @Sendable static func report(_ e: ProgressEvent) {
    let width = 24
    let done = e.epochs > 0 ? Int(Double(width) * Double(e.epoch) / Double(e.epochs)) : 0
    let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
    let loss = String(format: "%.4g", e.loss)
    let rate = String(format: "%.0f", e.samplesPerSecond)
    let line =
      "\r  line \(e.blockLine) \(e.label) [\(bar)] epoch \(e.epoch)/\(e.epochs)  loss \(loss)  \(rate) samples/s "
    FileHandle.standardError.write(Data(line.utf8))
  }

  static func clear() {
    FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 100) + "\r").utf8))
  }
}
