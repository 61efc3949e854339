import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Which loopback port `preview` listens on (contract section 14: 4848 by default, or the next
/// free port).
///
/// A port is free when a socket bound to `127.0.0.1:port` with `SO_REUSEADDR` (as the server
/// binds) can listen there; the probe socket is closed again before the server binds. With no
/// `--port`, 4848 and the ports above it are tried (``PreviewOptions/portsTried`` in all);
/// `--port N` takes N or fails; `--port 0` takes a port the system picks.
public enum PortChoice {
  /// Why no port could be had (exit 2).
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The port to listen on for `requested` (`--port`, nil when not given).
  public static func pick(_ requested: Int?, first: Int, count: Int) throws -> Int {
    if let requested {
      guard (0...65535).contains(requested) else {
        throw Failure(description: "--port takes 0 to 65535, got \(requested)")
      }
      if let port = probe(requested) { return port }
      throw Failure(
        description: "port \(requested) on 127.0.0.1 is in use (choose another --port, "
          + "or leave --port out to take the first free one from \(first))")
    }
    let last = min(65535, first + count - 1)
    for port in first...last {
      if let free = probe(port) { return free }
    }
    throw Failure(
      description: "ports \(first) to \(last) on 127.0.0.1 are all in use (choose one with --port)")
  }

  /// The port if a listening socket can be bound to `127.0.0.1:port` (0: the port the system
  /// chose), else nil.
  static func probe(_ port: Int) -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 1) == 0 else { return nil }
    var actual = sockaddr_in()
    var actualLength = length
    let named = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
    }
    guard named == 0 else { return nil }
    return Int(UInt16(bigEndian: actual.sin_port))
  }
}
