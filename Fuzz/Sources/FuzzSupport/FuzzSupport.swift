#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Helpers shared by the fuzz targets: turning libFuzzer's bytes into the `String` the
/// entry points receive, and failing loudly when an invariant does not hold.
public enum Fuzz {
  /// The input as the notebook reader hands it on: a `String`, invalid UTF-8 repaired to
  /// U+FFFD (`String(decoding:as:)`), NUL bytes kept.
  public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  }

  /// Aborts (libFuzzer records a crash and saves the input) when `condition` is false,
  /// after printing `message` to standard error.
  public static func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
  ) {
    if condition() { return }
    let text = "fuzz invariant violated at \(file):\(line): \(message())\n"
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
    abort()
  }
}
