import Foundation
import Runner
import Testing

/// The inotify watcher: in-place writes, rename-over saves, delete and create again, a folder
/// that appears later, noise beside the file, debouncing.
@Suite(.serialized) struct FileWatcherTests {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-watch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `change` shortly after the watcher starts waiting.
  func afterAMoment(_ change: @escaping @Sendable () throws -> Void) {
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: 0.1)
      try? change()
    }
  }

  @Test func inPlaceWriteAndRenameOverAreChanges() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nb = dir.appendingPathComponent("nb.md")
    try "a".write(to: nb, atomically: false, encoding: .utf8)
    let watcher = try FileWatcher()
    watcher.watch([nb.path])
    afterAMoment { try "b".write(to: nb, atomically: false, encoding: .utf8) }
    #expect(watcher.waitForChange(timeout: 5) == [nb.path])
    // An editor's save: a new file renamed over the old one.
    afterAMoment { try "c".write(to: nb, atomically: true, encoding: .utf8) }
    #expect(watcher.waitForChange(timeout: 5) == [nb.path])
  }

  @Test func noiseBesideTheFileIsIgnored() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nb = dir.appendingPathComponent("nb.md")
    try "a".write(to: nb, atomically: false, encoding: .utf8)
    let watcher = try FileWatcher()
    watcher.watch([nb.path])
    afterAMoment {
      try "x".write(to: dir.appendingPathComponent("other.md"), atomically: true, encoding: .utf8)
    }
    #expect(watcher.waitForChange(timeout: 0.5).isEmpty)
  }

  @Test func aDeletedFileCreatedAgainIsSeen() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nb = dir.appendingPathComponent("nb.md")
    try "a".write(to: nb, atomically: false, encoding: .utf8)
    let watcher = try FileWatcher()
    watcher.watch([nb.path])
    afterAMoment { try FileManager.default.removeItem(at: nb) }
    #expect(watcher.waitForChange(timeout: 5) == [nb.path])
    afterAMoment { try "b".write(to: nb, atomically: false, encoding: .utf8) }
    #expect(watcher.waitForChange(timeout: 5) == [nb.path])
  }

  @Test func aFileInAFolderThatAppearsLaterIsSeen() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("data/train.csv")
    let watcher = try FileWatcher()
    watcher.watch([data.path])
    afterAMoment {
      try FileManager.default.createDirectory(
        at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
    }
    #expect(watcher.waitForChange(timeout: 5) == [data.path])
    afterAMoment { try "x,y\n".write(to: data, atomically: false, encoding: .utf8) }
    #expect(watcher.waitForChange(timeout: 5) == [data.path])
  }

  /// A burst of writes 20 ms apart is one change, reported once the burst is over.
  @Test func aBurstOfWritesIsOneChange() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nb = dir.appendingPathComponent("nb.md")
    try "a".write(to: nb, atomically: false, encoding: .utf8)
    let watcher = try FileWatcher()
    watcher.watch([nb.path])
    afterAMoment {
      for i in 0..<5 {
        try "\(i)".write(to: nb, atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.02)
      }
    }
    let start = Date()
    #expect(watcher.waitForChange(quiet: 0.05, limit: 1, timeout: 5) == [nb.path])
    #expect(Date().timeIntervalSince(start) >= 0.18)
    #expect(watcher.waitForChange(timeout: 0.3).isEmpty)
  }
}
