/// Searching UTF-8 bytes (faster than `String` searches through Foundation, and exact).
enum ByteSearch {
  /// The first index ≥ `start` where `needle` occurs in `haystack`, or nil (also for an
  /// empty needle or a start past the end).
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, start >= 0 else { return nil }
    var i = start
    while i + needle.count <= haystack.count {
      if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
