import Foundation
import Hummingbird
import Synchronization

/// The live-reload channel: a generation number, raised each time a report is written, and the
/// open Server-Sent Events streams of the pages.
///
/// The only message ever sent is ``event(_:)``, `event: reload` with the new generation as its
/// data: nothing from a request or from the notebook reaches the stream. A page is served with
/// the generation current when its file was read and subscribes with it (`?since=G`); if a
/// report was written in between, the stream starts with a reload at once, so no report is
/// missed. Bursts coalesce: a slow page gets the newest reload only.
public final class ReloadChannel: Sendable {
  private struct State {
    var generation = 0
    var next = 0
    var streams: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
  }
  private let state = Mutex(State())

  public init() {}

  /// The number of reports written since the server started.
  public var generation: Int { state.withLock { $0.generation } }

  /// The number of open streams.
  public var subscribers: Int { state.withLock { $0.streams.count } }

  /// The one message of the channel: `event: reload`, `data: <generation>`, a blank line.
  public static func event(_ generation: Int) -> String { "event: reload\ndata: \(generation)\n\n" }

  /// Raises the generation and sends the reload to every open stream; returns the new generation.
  @discardableResult
  public func publish() -> Int {
    state.withLock { s in
      s.generation += 1
      let message = ByteBuffer(string: ReloadChannel.event(s.generation))
      for continuation in s.streams.values { continuation.yield(message) }
      return s.generation
    }
  }

  /// A new stream for a page that has seen generation `since` (nil: the current one).
  public func subscribe(since: Int?) -> AsyncStream<ByteBuffer> {
    let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let id = state.withLock { s in
      let id = s.next
      s.next += 1
      s.streams[id] = continuation
      if let since, since < s.generation {
        continuation.yield(ByteBuffer(string: ReloadChannel.event(s.generation)))
      }
      return id
    }
    continuation.onTermination = { [weak self] _ in
      self?.state.withLock { _ = $0.streams.removeValue(forKey: id) }
    }
    return stream
  }
}
