/// The `Host` check against DNS rebinding (contract section 14).
///
/// A page on another site can make the browser send requests to 127.0.0.1 under its own name
/// (a DNS record pointing at the loopback address); the browser then sends that name as
/// `Host`. Only `127.0.0.1:N` and `localhost:N` (N the port served, compared as text, case
/// ignored for `localhost`) are allowed; without a `Host`, or with any other, the answer is 403.
/// On port 80 a browser leaves the port out, so there the bare names are allowed too.
public enum HostCheck {
  /// Whether `host` (the request's `Host` header, nil when absent) may be answered on `port`.
  public static func allows(_ host: String?, port: Int) -> Bool {
    guard let host else { return false }
    let name = host.lowercased()
    var allowed = ["127.0.0.1:\(port)", "localhost:\(port)"]
    if port == 80 { allowed += ["127.0.0.1", "localhost"] }
    return allowed.contains(name)
  }
}
