import Foundation

/// Headless Chromium driven through its DevTools protocol: the browser opens a page and stays
/// open, and the test evaluates JavaScript in the live page (a WebSocket client just big enough
/// for that: text frames, client frames masked, no fragmentation sent).
final class DevTools {
  struct Failure: Error, CustomStringConvertible { var description: String }

  let browser = Process()
  let profile: URL
  private var socket: HTTPProbe?
  private var nextID = 1

  /// Starts Chromium on `url` and connects to the page.
  init(url: String, timeout: Double = 60) throws {
    profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-devtools-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    let log = profile.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    browser.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    browser.arguments = [
      "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--window-size=1000,700",
      "--remote-debugging-port=0", "--user-data-dir=\(profile.appendingPathComponent("p").path)", url,
    ]
    browser.standardError = try FileHandle(forWritingTo: log)
    browser.standardOutput = FileHandle.nullDevice
    try browser.run()
    let deadline = Date().addingTimeInterval(timeout)
    var port: Int?
    while port == nil, Date() < deadline {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let m = text.firstMatch(of: /DevTools listening on ws:\/\/127\.0\.0\.1:([0-9]+)\//) {
        port = Int(m.1)
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    guard let port else { throw Failure(description: "Chromium printed no DevTools port") }
    var pagePath: String?
    while pagePath == nil, Date() < deadline {
      let list = try HTTPProbe.get(port: port, path: "/json/list")
      if let m = list.body.firstMatch(
        of: /"webSocketDebuggerUrl": "ws:\/\/127\.0\.0\.1:[0-9]+(\/devtools\/page\/[^"]+)"/)
      {
        pagePath = String(m.1)
      } else {
        Thread.sleep(forTimeInterval: 0.1)
      }
    }
    guard let pagePath else { throw Failure(description: "no page target") }
    let ws = try HTTPProbe(port: port)
    ws.write(
      Array(
        ("GET \(pagePath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
    let head = try ws.head(until: deadline)
    guard head.status == 101 else { throw Failure(description: "WebSocket handshake: \(head.status)") }
    socket = ws
  }

  deinit {
    if browser.isRunning {
      browser.terminate()
      browser.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: profile)
  }

  /// The value of `expression` in the page (`Runtime.evaluate`, by value), as JSON text.
  func evaluate(_ expression: String, timeout: Double = 10) throws -> String {
    guard let socket else { throw Failure(description: "not connected") }
    let id = nextID
    nextID += 1
    let params = try JSONSerialization.data(withJSONObject: ["expression": expression, "returnByValue": true])
    let message =
      "{\"id\":\(id),\"method\":\"Runtime.evaluate\",\"params\":\(String(decoding: params, as: UTF8.self))}"
    let payload = Array(message.utf8)
    var frame: [UInt8] = [0x81]
    if payload.count < 126 {
      frame.append(0x80 | UInt8(payload.count))
    } else {
      frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
    }
    frame += [0, 0, 0, 0] + payload  // a zero mask leaves the payload as it is
    socket.write(frame)
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      guard let header = socket.bytes(2, until: deadline) else { throw Failure(description: "no answer") }
      var length = Int(header[1] & 0x7F)
      if length == 126, let ext = socket.bytes(2, until: deadline) {
        length = Int(ext[0]) << 8 | Int(ext[1])
      } else if length == 127, let ext = socket.bytes(8, until: deadline) {
        length = ext.reduce(0) { $0 << 8 | Int($1) }
      }
      guard let body = socket.bytes(length, until: deadline) else {
        throw Failure(description: "short frame")
      }
      let text = String(decoding: body, as: UTF8.self)
      guard text.hasPrefix("{\"id\":\(id),") else { continue }
      let json = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
      let result = (json?["result"] as? [String: Any])?["result"] as? [String: Any]
      let value = result?["value"] ?? NSNull()
      let data = try JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed])
      return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
  }

  /// Polls `expression` until it is `true` or `timeout` seconds pass.
  func waitFor(_ expression: String, timeout: Double) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try evaluate(expression) == "true" { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }
}
