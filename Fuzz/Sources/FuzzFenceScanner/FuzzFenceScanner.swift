import FuzzSupport
import Notebook

/// libFuzzer entry point: the fence scanner.
///
/// `NotebookDocument.parse` never fails and must never trap; concatenating its segments
/// must give the input back byte for byte, block `i` must have `index == i` and appear in
/// the segments exactly once in order, and line numbers must lie within the text.
/// `FenceScanner.scan` must never trap and report lines in order within the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  let lineCount = max(1, text.utf8.count { $0 == 0x0A || $0 == 0x0D } + 1)

  let document = NotebookDocument.parse(text)
  Fuzz.check(
    Array(document.reassembled.utf8) == Array(text.utf8),
    "segments do not reassemble the input (\(document.reassembled.utf8.count) of \(text.utf8.count) bytes)")
  var next = 0
  for segment in document.segments {
    switch segment {
    case .text(let s):
      Fuzz.check(!s.isEmpty, "empty text segment")
    case .block(let i):
      Fuzz.check(i == next, "block segment \(i) out of order, expected \(next)")
      next += 1
    }
  }
  Fuzz.check(next == document.blocks.count, "\(document.blocks.count) blocks but \(next) block segments")
  for (i, block) in document.blocks.enumerated() {
    Fuzz.check(block.index == i, "blocks[\(i)].index == \(block.index)")
    Fuzz.check(
      1 <= block.line && block.line <= block.endLine && block.endLine <= lineCount,
      "block \(i) lines \(block.line)...\(block.endLine) outside 1...\(lineCount)")
    Fuzz.check(block.column >= 1, "block \(i) column \(block.column)")
    Fuzz.check(block.bodyStartLine == block.line + 1, "block \(i) body starts at \(block.bodyStartLine)")
    if let error = block.headerError {
      Fuzz.check(
        error.position.line == block.line && error.position.column >= 1,
        "header error of block \(i) at \(error.position), block at line \(block.line)")
    }
  }

  let scanned = FenceScanner.scan(text)
  var previous = 0
  for block in scanned {
    Fuzz.check(
      previous < block.line && block.line <= block.lastLine && block.lastLine <= lineCount,
      "scanned block at lines \(block.line)...\(block.lastLine) after \(previous), of \(lineCount)")
    Fuzz.check(block.column >= 1, "scanned block column \(block.column)")
    previous = block.line
  }
  return 0
}
