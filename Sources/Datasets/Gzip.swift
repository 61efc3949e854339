import CZlib

/// gzip compression through the system zlib.
///
/// `inflate` accepts gzip (RFC 1952) or zlib (RFC 1950) streams, detected from the
/// header (`windowBits = 15 + 32`), and concatenated gzip members, as `gunzip` does.
/// `deflate` writes one gzip member (`windowBits = 15 + 16`) at the default level.
public enum Gzip {
  /// True when `bytes` start with the gzip magic number `1f 8b`.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// The uncompressed bytes of a gzip (or zlib) stream.
  ///
  /// Throws when the data is not a valid stream, is truncated before its end marker,
  /// or has bytes after the last member that are not another gzip member.
  ///
  /// At most `limit` bytes are ever produced: with `prefix` the first `limit`
  /// bytes are returned as soon as they are inflated (the rest is not read);
  /// otherwise a stream longer than `limit` throws (`exceeded`), so a small
  /// file that inflates to gigabytes (a gzip bomb) never allocates them.
  public static func inflate(_ data: [UInt8], limit: Int = .max, prefix: Bool = false)
    throws(DatasetError) -> [UInt8]
  {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw DatasetError("zlib could not start inflating") }
    defer { inflateEnd(&stream) }

    // The gzip trailer's last 4 bytes hold the size mod 2³²: a good first capacity;
    // the buffer doubles when it is not enough.
    var capacity = max(data.count * 4, 1 << 16)
    if isGzip(data), data.count >= 18 {
      let n = data.count
      let isize = Int(data[n - 4]) | Int(data[n - 3]) << 8 | Int(data[n - 2]) << 16 | Int(data[n - 1]) << 24
      // Trust it only when plausible (a damaged trailer must not allocate gigabytes).
      if isize <= 16 * data.count { capacity = max(isize, 1 << 12) }
    }
    // One byte over the limit tells a stream of exactly `limit` bytes from a longer one.
    let cap = limit >= Int.max - 1 ? Int.max : (prefix ? limit : limit + 1)
    capacity = max(1, min(capacity, cap))
    var output = [UInt8](repeating: 0, count: capacity)
    var produced = 0
    var consumed = 0

    while true {
      if produced == output.count {
        if output.count >= cap {
          if prefix { return output }
          throw DatasetError(exceeded(limit))
        }
        output.append(contentsOf: repeatElement(0, count: min(output.count, cap - output.count)))
      }
      let step: (status: Int32, inUsed: Int, outUsed: Int) = data.withUnsafeBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
          let inAvail = min(src.count - consumed, Int(UInt32.max))
          let outAvail = min(dst.count - produced, Int(UInt32.max))
          stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress.map { $0 + consumed })
          stream.avail_in = UInt32(inAvail)
          stream.next_out = dst.baseAddress.map { $0 + produced }
          stream.avail_out = UInt32(outAvail)
          let status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (status, inAvail - Int(stream.avail_in), outAvail - Int(stream.avail_out))
        }
      }
      consumed += step.inUsed
      produced += step.outUsed
      switch step.status {
      case Z_STREAM_END:
        if consumed == data.count {
          if !prefix, produced > limit { throw DatasetError(exceeded(limit)) }
          output.removeSubrange(produced...)
          return output
        }
        // Another gzip member may follow (as `cat a.gz b.gz`).
        guard data.count - consumed >= 2, data[consumed] == 0x1f, data[consumed + 1] == 0x8b else {
          throw DatasetError(
            "the gzip data has \(data.count - consumed) unexpected bytes after its end")
        }
        inflateReset(&stream)
      case Z_OK:
        continue
      case Z_BUF_ERROR:
        // No progress although there is room for output: the input ran out early.
        if produced < output.count {
          throw DatasetError(
            data.isEmpty
              ? "the gzip data is empty" : "the gzip data is truncated (it ends before its end marker)",
            hint: "Download the file again.")
        }
      default:
        let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(step.status)"
        throw DatasetError("the data is not valid gzip: \(detail)", hint: "Download the file again.")
      }
    }
  }

  /// The message of a stream that inflates past `limit` bytes.
  public static func exceeded(_ limit: Int) -> String {
    "the gzip data inflates to more than \(limit) bytes"
  }

  /// `data` compressed as one gzip member (zlib default level 6, no file name, mtime 0),
  /// so the same input gives the same bytes.
  public static func deflate(_ data: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let status = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
    var consumed = 0
    var produced = 0
    while true {
      if produced == output.count {
        output.append(contentsOf: repeatElement(0, count: output.count))
      }
      let step: (status: Int32, inUsed: Int, outUsed: Int) = data.withUnsafeBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
          let inAvail = min(src.count - consumed, Int(UInt32.max))
          let outAvail = min(dst.count - produced, Int(UInt32.max))
          stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress.map { $0 + consumed })
          stream.avail_in = UInt32(inAvail)
          stream.next_out = dst.baseAddress.map { $0 + produced }
          stream.avail_out = UInt32(outAvail)
          let flush = consumed + inAvail == src.count ? Z_FINISH : Z_NO_FLUSH
          let status = CZlib.deflate(&stream, flush)
          return (status, inAvail - Int(stream.avail_in), outAvail - Int(stream.avail_out))
        }
      }
      consumed += step.inUsed
      produced += step.outUsed
      if step.status == Z_STREAM_END { break }
      if step.status != Z_OK && step.status != Z_BUF_ERROR { return [] }
    }
    output.removeSubrange(produced...)
    return output
  }
}
