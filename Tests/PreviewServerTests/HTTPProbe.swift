import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A raw HTTP/1.1 client over a loopback socket: sends the request line and headers exactly as
/// given (no path normalisation, any `Host`), as an attacker's or a browser's request would be.
final class HTTPProbe {
  struct Reply {
    var status: Int
    var headers: [String: String]
    var body: String
  }

  struct Failure: Error, CustomStringConvertible { var description: String }

  let fd: Int32
  private var pending = [UInt8]()

  /// Connects to `127.0.0.1:port`.
  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let ok = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard ok == 0 else {
      close(fd)
      throw Failure(description: "cannot connect to port \(port): \(String(cString: strerror(errno)))")
    }
  }

  deinit { close(fd) }

  /// Sends `GET path` with the given `Host` (nil: none) and `Connection: close`.
  func send(path: String, host: String?, method: String = "GET") {
    var request = "\(method) \(path) HTTP/1.1\r\n"
    if let host { request += "Host: \(host)\r\n" }
    request += "Connection: close\r\n\r\n"
    _ = Array(request.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  }

  /// Reads until `deadline`; returns the bytes read (empty when the peer closed or time ran out).
  private func readSome(until deadline: Date) -> [UInt8] {
    let wait = deadline.timeIntervalSinceNow
    guard wait > 0 else { return [] }
    var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&pfd, 1, Int32(wait * 1000) + 1) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 65536)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    return n > 0 ? Array(buffer[0..<n]) : []
  }

  /// The next line (without CR LF), or nil when none came before `deadline`.
  func line(until deadline: Date) -> String? {
    while true {
      if let nl = pending.firstIndex(of: 10) {
        var bytes = Array(pending[..<nl])
        pending.removeFirst(nl + 1)
        if bytes.last == 13 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
      }
      let more = readSome(until: deadline)
      if more.isEmpty { return nil }
      pending += more
    }
  }

  /// The next chunk of a `Transfer-Encoding: chunked` body (the bytes the server wrote in one
  /// piece), or nil when none came before `deadline` or the body ended.
  func chunk(until deadline: Date) -> String? {
    guard let sizeLine = line(until: deadline), let size = Int(sizeLine, radix: 16), size > 0 else {
      return nil
    }
    while pending.count < size + 2 {
      let more = readSome(until: deadline)
      if more.isEmpty { return nil }
      pending += more
    }
    let payload = Array(pending[..<size])
    pending.removeFirst(size + 2)
    return String(decoding: payload, as: UTF8.self)
  }

  /// Writes `bytes` as they are.
  func write(_ bytes: [UInt8]) {
    _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  }

  /// Exactly `count` bytes, or nil when they did not come before `deadline`.
  func bytes(_ count: Int, until deadline: Date) -> [UInt8]? {
    while pending.count < count {
      let more = readSome(until: deadline)
      if more.isEmpty { return nil }
      pending += more
    }
    let out = Array(pending[..<count])
    pending.removeFirst(count)
    return out
  }

  /// Status line and headers of the reply.
  func head(until deadline: Date) throws -> (status: Int, headers: [String: String]) {
    guard let statusLine = line(until: deadline) else { throw Failure(description: "no reply") }
    let parts = statusLine.split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else {
      throw Failure(description: "bad reply: \(statusLine)")
    }
    var headers: [String: String] = [:]
    while let l = line(until: deadline), !l.isEmpty {
      if let colon = l.firstIndex(of: ":") {
        headers[l[..<colon].lowercased()] = l[l.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return (status, headers)
  }

  /// A whole reply (the server closes the connection after it).
  func reply(timeout: Double = 10) throws -> Reply {
    let deadline = Date().addingTimeInterval(timeout)
    let (status, headers) = try head(until: deadline)
    var body = pending
    pending = []
    if let length = headers["content-length"].flatMap({ Int($0) }) {
      while body.count < length {
        let more = readSome(until: deadline)
        if more.isEmpty { break }
        body += more
      }
    } else {
      while true {
        let more = readSome(until: deadline)
        if more.isEmpty { break }
        body += more
      }
    }
    return Reply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
  }

  /// One request on a fresh connection.
  static func get(port: Int, path: String, host: String? = nil, method: String = "GET") throws -> Reply {
    let probe = try HTTPProbe(port: port)
    probe.send(path: path, host: host ?? "127.0.0.1:\(port)", method: method)
    return try probe.reply()
  }
}
