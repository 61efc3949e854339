import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A headless Chromium driven over the DevTools protocol on `--remote-debugging-pipe`:
/// Chromium reads commands from its file descriptor 3 and writes replies and events to its
/// file descriptor 4, each message one JSON object followed by a NUL byte.
///
/// One instance owns one browser process and a fresh profile folder under the temporary
/// directory (removed by ``close()``); every wait is bounded by `deadline`, after which the
/// browser is killed and a ``ReportError`` says so.
final class ChromiumPipe: @unchecked Sendable {
  /// The Debian package that provides `chromium`.
  static let package = "chromium"

  private let pid: pid_t
  private let commands: Int32
  private let profile: URL
  private let deadline: DispatchTime
  private let inbox = Inbox()
  private var nextID = 0
  private var closed = false

  /// Starts `chromium` (looked up on `PATH`) headless, with no sandbox (it may run as root)
  /// and no GPU, allowed to read `file:` URLs; its standard output and error are discarded.
  /// `seconds` bounds the whole session. Throws `notFound` naming the package when Chromium
  /// is missing.
  init(seconds: Double) throws(ReportError) {
    guard let executable = ExternalProgram.find("chromium") else {
      throw ExternalProgram.notFound(name: "chromium", package: Self.package)
    }
    deadline = .now() + seconds
    profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-chromium-\(getpid())-\(UUID().uuidString)", isDirectory: true)
    var toChrome: [Int32] = [-1, -1]
    var fromChrome: [Int32] = [-1, -1]
    // Close-on-exec on all four ends: only the copies made for Chromium below reach it.
    guard pipe(&toChrome) == 0, pipe(&fromChrome) == 0,
      (toChrome + fromChrome).allSatisfy({ fcntl($0, F_SETFD, FD_CLOEXEC) == 0 })
    else {
      throw ReportError(message: "cannot create a pipe to chromium: \(String(cString: strerror(errno)))")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // dup2 clears close-on-exec on the copies, so only fds 0–4 reach Chromium.
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, toChrome[0], 3)
    posix_spawn_file_actions_adddup2(&actions, fromChrome[1], 4)
    let arguments = [
      executable.path, "--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
      "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
      "about:blank",
    ]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable.path, &actions, nil, &argv, environ)
    Glibc.close(toChrome[0])
    Glibc.close(fromChrome[1])
    guard status == 0 else {
      Glibc.close(toChrome[1])
      Glibc.close(fromChrome[0])
      throw ReportError(
        message: "could not start \(executable.path): \(String(cString: strerror(status)))",
        hint: "reinstall the Debian package \(Self.package), e.g. with scripts/install-deps")
    }
    pid = child
    commands = toChrome[1]
    let replies = fromChrome[0]
    let inbox = self.inbox
    Thread.detachNewThread { Self.readMessages(from: replies, into: inbox) }
  }

  deinit { close() }

  /// Sends `method` with `params` (to the page session `session`, or to the browser) and
  /// returns the reply's `result`. A protocol error in the reply, an exited browser or the
  /// deadline passing throws.
  @discardableResult
  func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil) throws(ReportError)
    -> [String: Any]
  {
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": params]
    if let session { message["sessionId"] = session }
    guard var data = try? JSONSerialization.data(withJSONObject: message) else {
      throw ReportError(message: "cannot encode the DevTools command \(method)")
    }
    data.append(0)
    let sent = data.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let n = write(commands, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    guard sent else { throw exited() }
    let reply = try wait(for: "\(method) reply") { ($0["id"] as? Int) == id }
    if let error = reply["error"] as? [String: Any] {
      throw ReportError(message: "chromium refused \(method): \(error["message"] as? String ?? "\(error)")")
    }
    return reply["result"] as? [String: Any] ?? [:]
  }

  /// Waits for the event `method` (of `session`, when given).
  @discardableResult
  func event(_ method: String, session: String? = nil) throws(ReportError) -> [String: Any] {
    try wait(for: method) {
      ($0["method"] as? String) == method && (session == nil || ($0["sessionId"] as? String) == session)
    }
  }

  /// Asks the browser to close, waits up to two seconds for it to exit, kills it otherwise,
  /// and removes the profile folder. Safe to call twice.
  func close() {
    if closed { return }
    closed = true
    var data = Data(#"{"id":0,"method":"Browser.close","params":{}}"#.utf8)
    data.append(0)
    _ = data.withUnsafeBytes { write(commands, $0.baseAddress!, $0.count) }
    Glibc.close(commands)
    var status: Int32 = 0
    var exitedInTime = false
    for _ in 0..<40 {
      if waitpid(pid, &status, WNOHANG) == pid {
        exitedInTime = true
        break
      }
      usleep(50_000)
    }
    if !exitedInTime {
      kill(pid, SIGKILL)
      waitpid(pid, &status, 0)
    }
    try? FileManager.default.removeItem(at: profile)
  }

  private func wait(for what: String, _ matches: ([String: Any]) -> Bool) throws(ReportError) -> [String: Any]
  {
    while true {
      switch inbox.take(matching: matches, until: deadline) {
      case .message(let m): return m
      case .ended: throw exited()
      case .timedOut:
        kill(pid, SIGKILL)
        throw ReportError(
          message: "chromium did not finish printing in time (waiting for \(what))",
          hint: "check that the HTML report opens in a browser")
      }
    }
  }

  private func exited() -> ReportError {
    ReportError(
      message: "chromium exited before the PDF was printed",
      hint: "run 'chromium --headless=new --no-sandbox about:blank' to see why")
  }

  /// Reads NUL-separated JSON messages from `fd` until end of file, then marks the inbox ended.
  private static func readMessages(from fd: Int32, into inbox: Inbox) {
    var pending = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      pending.append(contentsOf: buffer[0..<n])
      while let end = pending.firstIndex(of: 0) {
        let bytes = Data(pending[..<end])
        pending.removeSubrange(...end)
        if let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] {
          inbox.put(object)
        }
      }
    }
    Glibc.close(fd)
    inbox.end()
  }

  /// Messages read from Chromium, waiting to be taken; guarded by a condition variable.
  private final class Inbox: @unchecked Sendable {
    enum Taken {
      case message([String: Any])
      case ended
      case timedOut
    }

    private let condition = NSCondition()
    private var messages: [[String: Any]] = []
    private var ended = false

    func put(_ message: [String: Any]) {
      condition.lock()
      messages.append(message)
      condition.broadcast()
      condition.unlock()
    }

    func end() {
      condition.lock()
      ended = true
      condition.broadcast()
      condition.unlock()
    }

    /// Removes and returns the first message that `matches`, waiting until `deadline`.
    func take(matching matches: ([String: Any]) -> Bool, until deadline: DispatchTime) -> Taken {
      condition.lock()
      defer { condition.unlock() }
      while true {
        if let i = messages.firstIndex(where: matches) { return .message(messages.remove(at: i)) }
        if ended { return .ended }
        let now = DispatchTime.now()
        if now >= deadline { return .timedOut }
        let seconds = Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1e9
        _ = condition.wait(until: Date(timeIntervalSinceNow: min(seconds, 1)))
      }
    }
  }
}
