import FuzzSupport
import Notebook

/// libFuzzer entry point: the fence scanner.
///
/// `NotebookDocument.parse` never fails and must never trap; concatenating its segments
/// must give the input back byte for byte, block `i` must have `index == i` and appear in
/// the segments exactly once in order, and line numbers must lie within the text.
/// `FenceScanner.scan` must never trap, report lines in order within the text, and find the
/// code blocks cmark-gfm finds (kind, line, content, and info string when it holds no escape or
/// entity, which cmark decodes), for texts without CR or NUL (which cmark rewrites) and without
/// the HTML block starts where the scanner's CommonMark 0.31.2 differs from cmark-gfm's 0.29
/// (`<!` plus a lower-case letter, the tags `textarea`, `search` and `source`).
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

  if !text.utf8.contains(0x0D) && !text.utf8.contains(0) && !hasSpecVersionDifference(text) {
    let reference = ReferenceCodeBlock.all(in: text)
    let mine = scanned.map {
      ReferenceCodeBlock(isFenced: $0.isFenced, info: $0.info, content: $0.content, line: $0.line)
    }
    Fuzz.check(
      mine.count == reference.count,
      "FenceScanner found \(mine.count) code blocks, cmark-gfm \(reference.count):\n\(mine)\n\(reference)")
    for (m, r) in zip(mine, reference) {
      let infoComparable = !m.info.contains("\\") && !m.info.contains("&")
      let same = m.isFenced == r.isFenced && m.line == r.line && m.content == r.content
      Fuzz.check(same && (!infoComparable || m.info == r.info), "FenceScanner: \(m)\ncmark-gfm:     \(r)")
    }
  }
  return 0
}

/// Whether `text` holds an HTML block start that CommonMark 0.31.2 (the scanner) and 0.29
/// (cmark-gfm 0.29.0.gfm.6) read differently: `<!` and a lower-case letter (0.29: upper-case
/// only), `textarea` (kind 1 since 0.30), `search` (kind 6 since 0.31) and `source` (kind 6
/// until 0.30).
func hasSpecVersionDifference(_ text: String) -> Bool {
  let lower = text.lowercased()
  return text.contains("<!")
    || ["textarea", "search", "source"].contains { lower.contains("<" + $0) || lower.contains("</" + $0) }
}
