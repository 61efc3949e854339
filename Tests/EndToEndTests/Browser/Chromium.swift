import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Headless Chromium as a program: `--dump-dom` of one page, under a hard time limit.
///
/// Chromium runs as root only without its sandbox (`--no-sandbox`); `--disable-gpu` because
/// there is no GPU; `--allow-file-access-from-files` so that a `file://` page may read other
/// `file://` pages (our wrapper inspects the reports in iframes) and load fonts from them.
/// `--virtual-time-budget` makes Chromium run the page's timers on virtual time and dump the
/// DOM when the budget is spent (an idle page spends it at once, so this costs no wall time).
/// `--enable-logging=stderr --v=0` prints every console message as a line
/// `[…:INFO:CONSOLE:N] "message", source: URL (line)` on standard error.
///
/// The browser is started with `posix_spawn` in a process group of its own, so that on
/// timeout (a page that never finishes, or a JavaScript dialog: `alert()` blocks headless
/// Chromium for good) the browser and every helper process it started are killed together.
enum Chromium {
  /// One finished (or killed) run.
  struct Run {
    /// The serialised DOM printed by `--dump-dom` (empty when killed).
    var dom: String
    /// Chromium's standard error: its own log lines and the console lines.
    var stderr: String
    /// Whether the time limit killed it.
    var timedOut: Bool
    /// Wall-clock seconds.
    var seconds: Double

    /// The console lines of `stderr` (`INFO:CONSOLE`), message and source only.
    var consoleLines: [String] {
      stderr.split(whereSeparator: \.isNewline).compactMap { line in
        guard let marker = line.range(of: ":CONSOLE") else { return nil }
        guard let close = line[marker.upperBound...].firstIndex(of: "]") else { return String(line) }
        return String(line[line.index(after: close)...]).trimmingCharacters(in: .whitespaces)
      }
    }
  }

  /// Why Chromium could not be run.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Names tried on `PATH`, in order (Debian's package installs `chromium`).
  static let names = ["chromium", "chromium-browser"]

  /// The first of `names` found as an executable on `PATH`.
  static func executable() -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for name in names {
      for folder in path.split(separator: ":") where !folder.isEmpty {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }

  /// Opens `page` in headless Chromium and returns the DOM after the page's scripts ran.
  /// Kills the browser (its whole process group) after `timeout` wall-clock seconds.
  /// `virtualTimeBudget` is in virtual milliseconds.
  static func dumpDOM(of page: URL, timeout: Double = 60, virtualTimeBudget: Int = 30_000) throws -> Run {
    guard let program = executable() else {
      throw Failure(
        description:
          "headless Chromium not found on PATH (tried \(names.joined(separator: ", "))); "
          + "install the Debian package chromium (scripts/install-deps)")
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-chromium-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let stdoutFile = work.appendingPathComponent("stdout")
    let stderrFile = work.appendingPathComponent("stderr")
    let arguments = [
      program.path, "--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
      "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
      "--hide-scrollbars", "--window-size=1200,900", "--enable-logging=stderr", "--v=0",
      "--user-data-dir=\(work.appendingPathComponent("profile").path)",
      "--virtual-time-budget=\(virtualTimeBudget)", "--dump-dom", page.absoluteString,
    ]
    let start = Date()
    let pid = try spawn(arguments, stdout: stdoutFile.path, stderr: stderrFile.path)
    var status: Int32 = 0
    var timedOut = false
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid { break }
      if done < 0 && errno != EINTR { break }
      if Date().timeIntervalSince(start) > timeout {
        timedOut = true
        kill(-pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        break
      }
      usleep(20_000)
    }
    // Helpers (zygote, GPU, renderer) that outlive the browser belong to its group.
    kill(-pid, SIGKILL)
    let seconds = Date().timeIntervalSince(start)
    let dom = timedOut ? "" : ((try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "")
    let stderr = String(decoding: (try? Data(contentsOf: stderrFile)) ?? Data(), as: UTF8.self)
    return Run(dom: dom, stderr: stderr, timedOut: timedOut, seconds: seconds)
  }

  /// Starts `arguments[0]` with the given arguments in a new process group, standard input
  /// from `/dev/null` and standard output and error into the given files.
  private static func spawn(_ arguments: [String], stdout: String, stderr: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))")
    }
    return pid
  }
}
