extension BlockScanner {
  // MARK: - HTML blocks

  /// The HTML block that starts at `pos`, if any: kinds 1–6, and kind 7 unless the line would
  /// interrupt a paragraph. (Every HTML block starts with `<`; checking first avoids copying the
  /// line for each of many nested containers.)
  func scanHTMLBlockStart(_ pos: Int, interruptsParagraph: Bool) -> HTMLBlockKind? {
    guard peek(pos) == UInt8(ascii: "<") else { return nil }
    let rest = Array(line[pos...])
    if let kind = HTMLBlockStart.kind(of: rest) { return kind }
    return !interruptsParagraph && HTMLBlockStart.isCompleteTagLine(rest) ? .completeTag : nil
  }

  /// Whether the current line, from `pos`, meets the end condition of an HTML block of `kind`.
  func htmlBlockEnds(_ kind: HTMLBlockKind, from pos: Int) -> Bool {
    HTMLBlockStart.endConditionMet(kind: kind, in: Array(line[Swift.min(pos, line.count)...]))
  }
}
