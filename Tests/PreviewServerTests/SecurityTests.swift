import Foundation
import PreviewServer
import Testing

/// Contract section 14's limits, each through a running preview: loopback only, report files
/// only, the `Host` check.
@Suite(.serialized) struct SecurityTests {
  /// One preview of a one-block notebook, with a file beside the report folder that must not be
  /// reachable, and a symbolic link inside the report folder pointing out of it.
  static func start() throws -> (PreviewProcess, URL) {
    let dir = try PreviewProcess.temporaryDirectory()
    try PreviewProcess.notebook(weight: "0.5").write(
      to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    try "secret".write(to: dir.appendingPathComponent("out-secret.txt"), atomically: true, encoding: .utf8)
    let preview = try PreviewProcess(notebook: "nb.md", out: "out", in: dir)
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("out/nb/link-out").path,
      withDestinationPath: dir.appendingPathComponent("out-secret.txt").path)
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("out/nb/link-in").path, withDestinationPath: "results.json")
    return (preview, dir)
  }

  @Test func onlyFilesOfTheReportFolderAreServed() throws {
    let (preview, dir) = try Self.start()
    defer { try? FileManager.default.removeItem(at: dir) }
    let port = preview.port
    #expect(try HTTPProbe.get(port: port, path: "/results.json").status == 200)
    #expect(try HTTPProbe.get(port: port, path: "/link-in").status == 200)
    #expect(try HTTPProbe.get(port: port, path: "/figures/../results.json").status == 404)
    let outside = [
      "/../nb.md", "/../out-secret.txt", "/%2e%2e/nb.md", "/%2E%2E/%2e%2e/nb.md", "/..%2fnb.md",
      "/%2e%2e%2fnb.md", "/.%2e/nb.md", dir.appendingPathComponent("nb.md").path, "//etc/passwd",
      "/etc/passwd", "/link-out", "/%00", "/%zz", "/figures", "/.cache", "/../../../../../../etc/passwd",
    ]
    for path in outside {
      let reply = try HTTPProbe.get(port: port, path: path)
      #expect(reply.status == 404, "\(path): \(reply.status)")
      #expect(!reply.body.contains("secret"), "\(path)")
      #expect(!reply.body.contains("Preview test"), "\(path)")
    }
    #expect(preview.interrupt() == 0)
  }

  @Test func aWrongHostIsForbidden() throws {
    let (preview, dir) = try Self.start()
    defer { try? FileManager.default.removeItem(at: dir) }
    let port = preview.port
    #expect(try HTTPProbe.get(port: port, path: "/", host: "127.0.0.1:\(port)").status == 200)
    #expect(try HTTPProbe.get(port: port, path: "/", host: "localhost:\(port)").status == 200)
    #expect(try HTTPProbe.get(port: port, path: "/", host: "LocalHost:\(port)").status == 200)
    for host in [
      "evil.example:\(port)", "evil.example", "127.0.0.1:\(port + 1)", "127.0.0.1", "", "[::1]:\(port)",
    ] {
      let reply = try HTTPProbe.get(port: port, path: "/", host: host)
      #expect(reply.status == 403, "Host: \(host)")
      #expect(!reply.body.contains("Preview test"))
    }
    // The event stream is behind the same check.
    #expect(
      try HTTPProbe.get(port: port, path: "/__gradbook/events", host: "evil.example:\(port)").status == 403)
    #expect(try HTTPProbe.get(port: port, path: "/", method: "POST").status == 405)
    #expect(preview.interrupt() == 0)
  }

  /// The socket listens on 127.0.0.1 only (read from the kernel's table of TCP sockets).
  @Test func listensOnTheLoopbackAddressOnly() throws {
    let (preview, dir) = try Self.start()
    defer { try? FileManager.default.removeItem(at: dir) }
    let portHex = String(format: "%04X", preview.port)
    let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
    let listening = table.split(separator: "\n").dropFirst().compactMap { line -> String? in
      let fields = line.split(separator: " ")
      guard fields.count > 3, fields[1].hasSuffix(":\(portHex)"), fields[3] == "0A" else { return nil }
      return String(fields[1])
    }
    #expect(listening == ["0100007F:\(portHex)"])
    let table6 = (try? String(contentsOfFile: "/proc/net/tcp6", encoding: .utf8)) ?? ""
    #expect(!table6.split(separator: "\n").contains { $0.contains(":\(portHex) ") && $0.contains(" 0A ") })
    #expect(preview.interrupt() == 0)
  }
}
