/// Byte range of one line of the source: `start..<contentEnd` is the text, `contentEnd..<end` the
/// line ending (empty, LF, CR or CRLF).
struct LineSpan: Sendable, Equatable {
  var start: Int
  var contentEnd: Int
  var end: Int
}

/// The notebook text as UTF-8 bytes cut into lines, keeping every byte.
///
/// Line endings are LF, CRLF or a lone CR (CommonMark). A leading UTF-8 byte-order mark
/// (`EF BB BF`) is kept in `bytes` but is not part of line 1's content. A final line without a
/// line ending is a line; an empty text (or a text holding only a BOM) has no lines.
struct SourceLines: Sendable {
  let bytes: [UInt8]
  let bomLength: Int
  let spans: [LineSpan]

  init(_ text: String) {
    let bytes = Array(text.utf8)
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var spans: [LineSpan] = []
    var start = bom
    var i = bom
    while i < bytes.count {
      switch bytes[i] {
      case 0x0A:
        spans.append(LineSpan(start: start, contentEnd: i, end: i + 1))
        i += 1
        start = i
      case 0x0D:
        let end = (i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? i + 2 : i + 1
        spans.append(LineSpan(start: start, contentEnd: i, end: end))
        i = end
        start = i
      default:
        i += 1
      }
    }
    if start < bytes.count { spans.append(LineSpan(start: start, contentEnd: bytes.count, end: bytes.count)) }
    self.bytes = bytes
    self.bomLength = bom
    self.spans = spans
  }

  var count: Int { spans.count }

  /// The bytes of line `index` (0-based) without its line ending.
  func content(_ index: Int) -> ArraySlice<UInt8> {
    bytes[spans[index].start..<spans[index].contentEnd]
  }

  /// The text of the byte range `range` (always cut at line or ASCII boundaries).
  func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// 1-based column of the byte at `offset` bytes into line `index` (0-based): one plus the number
  /// of Unicode scalars before it.
  func column(line index: Int, offset: Int) -> Int {
    let start = spans[index].start
    let end = min(start + offset, bytes.count)
    var scalars = 0
    for b in bytes[start..<end] where b & 0xC0 != 0x80 { scalars += 1 }
    return scalars + 1
  }
}

extension Array where Element == UInt8 {
  /// The bytes with leading and trailing spaces and tabs removed.
  func trimmingSpacesAndTabs() -> ArraySlice<UInt8> {
    var lo = startIndex
    var hi = endIndex
    while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 { lo += 1 }
    while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 { hi -= 1 }
    return self[lo..<hi]
  }
}
