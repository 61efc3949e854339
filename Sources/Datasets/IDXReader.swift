import Tensor

/// Reader for the IDX files of MNIST (LeCun, Cortes & Burges), raw or gzip-compressed.
///
/// An IDX file is a big-endian header followed by the data:
/// magic `00 00 TT DD` (TT = data type, 0x08 unsigned byte; DD = number of
/// dimensions), then DD sizes of 4 bytes, then the product of the sizes in bytes.
/// Images are magic `0x00000803` (count, rows, cols); labels are `0x00000801`
/// (count). A file starting with the gzip magic `1f 8b` is inflated first,
/// whatever its name.
public enum IDXReader {
  /// Magic number of an unsigned-byte, 3-dimensional IDX file (images).
  public static let imagesMagic: UInt32 = 0x0000_0803
  /// Magic number of an unsigned-byte, 1-dimensional IDX file (labels).
  public static let labelsMagic: UInt32 = 0x0000_0801

  /// The images as an N×(rows·cols) matrix, row `i` being image `i` in row-major
  /// pixel order, each pixel `p ∈ 0…255` stored as `p / 255 ∈ [0, 1]`.
  ///
  /// Throws, naming the file, when it is missing, is not valid gzip, has the wrong
  /// magic number, images of 0 pixels, or is shorter or longer than its header says.
  /// The header's size (25 bytes per pixel: the bytes, the matrix and the split's
  /// copies) is checked against `memoryLimit` before the data is read or inflated.
  public static func readImages(path: String, memoryLimit: Int = .max) throws(DatasetError) -> Matrix {
    let head = try header(path, key: "images", expected: imagesMagic, length: 16, memoryLimit: memoryLimit)
    let count = Int(bigEndian(head, 4))
    let rows = Int(bigEndian(head, 8))
    let cols = Int(bigEndian(head, 12))
    guard rows > 0, cols > 0 else {
      throw DatasetError(
        "'\(path)' holds images of \(rows)×\(cols) pixels",
        hint: "Every image needs at least one pixel; the file is damaged or not an MNIST images file.",
        key: "images")
    }
    let (perImage, o1) = rows.multipliedReportingOverflow(by: cols)
    let (pixels, o2) = count.multipliedReportingOverflow(by: perImage)
    guard !o1, !o2 else {
      throw DatasetError(
        "'\(path)' has an impossible header: \(count) images of \(rows)×\(cols) pixels",
        hint: "The file is damaged or not an IDX file; download it again.", key: "images")
    }
    let what = "\(count) images of \(rows)×\(cols) pixels"
    try MemoryCheck.check(25 * Double(pixels), "the \(what) in '\(path)'", key: "images", limit: memoryLimit)
    let bytes = try contents(path, key: "images", expected: 16 + pixels, what: what)
    try checkLength(bytes, header: 16, body: pixels, path: path, key: "images", what: what)
    let scale = 1.0 / 255.0
    let storage = [Double](unsafeUninitializedCapacity: pixels) { out, initialized in
      bytes.withUnsafeBufferPointer { src in
        guard let s = src.baseAddress, let d = out.baseAddress else { return }
        let body = s + 16
        for i in 0..<pixels { (d + i).initialize(to: Double(body[i]) * scale) }
      }
      initialized = pixels
    }
    return Matrix(rows: count, cols: rows * cols, storage: storage)
  }

  /// The labels, one integer 0…255 per item (0…9 for MNIST).
  ///
  /// Throws, naming the file, as `readImages` does; the header's count (33 bytes
  /// per label) is checked against `memoryLimit` before the data is read.
  public static func readLabels(path: String, memoryLimit: Int = .max) throws(DatasetError) -> [Int] {
    let head = try header(path, key: "labels", expected: labelsMagic, length: 8, memoryLimit: memoryLimit)
    let count = Int(bigEndian(head, 4))
    try MemoryCheck.check(
      33 * Double(count), "the \(count) labels in '\(path)'", key: "labels", limit: memoryLimit)
    let bytes = try contents(path, key: "labels", expected: 8 + count, what: "\(count) labels")
    try checkLength(bytes, header: 8, body: count, path: path, key: "labels", what: "\(count) labels")
    return bytes[8..<(8 + count)].map { Int($0) }
  }

  /// Slack read past the size a header announces, so that a few extra bytes are
  /// counted exactly in the error (a gzip stream longer than that stops here).
  static let slack = 1 << 16

  /// The first `length` bytes of the (inflated) file, magic checked. A gzip file is
  /// read whole (its size checked against `memoryLimit` first) and inflated only as
  /// far as the header; a raw file is not read past its header.
  static func header(_ path: String, key: String, expected: UInt32, length: Int, memoryLimit: Int)
    throws(DatasetError) -> [UInt8]
  {
    var head = try FileBytes.prefix(path, count: length, key: key)
    if Gzip.isGzip(head) {
      if let size = FileBytes.size(path) {
        try MemoryCheck.check(Double(size), "reading '\(path)'", key: key, limit: memoryLimit)
      }
      let raw = try FileBytes.read(path, key: key)
      do {
        head = try Gzip.inflate(raw, limit: length, prefix: true)
      } catch {
        throw DatasetError("'\(path)': \(error.message)", hint: error.hint, key: key)
      }
    }
    try checkMagic(head, expected: expected, path: path, key: key)
    guard head.count >= length else {
      throw truncated(path, key: key, what: "its \(length)-byte header", found: head.count)
    }
    return head
  }

  /// The file's bytes, inflated when they start with the gzip magic `1f 8b`; a gzip
  /// stream is inflated to at most `expected` + ``slack`` bytes.
  static func contents(_ path: String, key: String, expected: Int = .max, what: String = "data")
    throws(DatasetError) -> [UInt8]
  {
    if let size = FileBytes.size(path), size > expected, size - expected > slack,
      !Gzip.isGzip(try FileBytes.prefix(path, count: 2, key: key))
    {
      throw DatasetError(
        "'\(path)' has \(size - expected) bytes after the \(what) its header announces",
        hint: "The file is damaged or not an IDX file; download it again.", key: key)
    }
    let raw = try FileBytes.read(path, key: key)
    guard Gzip.isGzip(raw) else { return raw }
    let (limit, overflow) = expected.addingReportingOverflow(slack)
    do {
      return try Gzip.inflate(raw, limit: overflow ? .max : limit)
    } catch {
      if error.message == Gzip.exceeded(limit) {
        throw DatasetError(
          "'\(path)' inflates to more than the \(what) its header announces (stopped at \(limit) bytes)",
          hint: "The file is damaged or not an IDX file (a gzip bomb?); download it again.", key: key)
      }
      throw DatasetError("'\(path)': \(error.message)", hint: error.hint, key: key)
    }
  }

  /// The big-endian UInt32 at `offset`.
  static func bigEndian(_ b: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(b[offset]) << 24 | UInt32(b[offset + 1]) << 16 | UInt32(b[offset + 2]) << 8
      | UInt32(b[offset + 3])
  }

  static func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  static func checkMagic(_ bytes: [UInt8], expected: UInt32, path: String, key: String)
    throws(DatasetError)
  {
    guard bytes.count >= 4 else {
      throw truncated(path, key: key, what: "a 4-byte magic number", found: bytes.count)
    }
    let magic = bigEndian(bytes, 0)
    guard magic != expected else { return }
    let kind =
      expected == imagesMagic
      ? "images (unsigned bytes, 3 dimensions)" : "labels (unsigned bytes, 1 dimension)"
    var hint = "Check that '\(key)' names an MNIST \(key) file."
    if magic == labelsMagic && expected == imagesMagic {
      hint = "This is a labels file: swap the 'images' and 'labels' paths."
    } else if magic == imagesMagic && expected == labelsMagic {
      hint = "This is an images file: swap the 'images' and 'labels' paths."
    }
    throw DatasetError(
      "'\(path)' is not an IDX \(kind) file: its magic number is \(hex(magic)), expected \(hex(expected))",
      hint: hint, key: key)
  }

  static func checkLength(
    _ bytes: [UInt8], header: Int, body: Int, path: String, key: String, what: String
  ) throws(DatasetError) {
    let found = bytes.count - header
    if found < body {
      throw DatasetError(
        "'\(path)' is truncated: its header promises \(what) (\(body) bytes of data) but only \(found) follow",
        hint: "Download the file again.", key: key)
    }
    if found > body {
      throw DatasetError(
        "'\(path)' has \(found - body) bytes after the \(what) its header announces",
        hint: "The file is damaged or not an IDX file; download it again.", key: key)
    }
  }

  static func truncated(_ path: String, key: String, what: String, found: Int) -> DatasetError {
    DatasetError(
      "'\(path)' is truncated: it has \(found) bytes, too few for \(what)",
      hint: "Download the file again.", key: key)
  }
}
