import Notebook

/// The error box both weavers show, built once: for a failed block (`Error`), a skipped one
/// (`Skipped`, the failure it follows), or a problem in the front matter. The message follows
/// the label and position on the first line; the hint, when there is one, is a paragraph of
/// its own (the report rendering of error + hint; the terminal one is `ErrorText.terminal`).
struct ErrorBox {
  /// `Error` or `Skipped`.
  var label: String
  /// `" in the front matter"` for a front-matter problem, else empty.
  var place: String
  var failure: NotebookError

  /// The box of a block's failure; `skipped` labels it `Skipped`.
  init(block failure: NotebookError, skipped: Bool) {
    label = skipped ? "Skipped" : "Error"
    place = ""
    self.failure = failure
  }

  /// The box of a front-matter problem.
  init(frontMatter failure: NotebookError) {
    label = "Error"
    place = " in the front matter"
    self.failure = failure
  }

  /// `label place at line L, column C: message`, with `text` escaping the message.
  private func head(_ escape: (String) -> String) -> String {
    "\(place) at line \(failure.position.line), column \(failure.position.column): " + escape(failure.message)
  }

  /// `<div class="error-box" role="alert"><p><strong>Error</strong> at line L, column C: …</p>
  /// <p class="hint">…</p></div>` (class `front-matter` added for the front matter), ending
  /// with a newline.
  var html: String {
    let classes = place.isEmpty ? "error-box" : "error-box front-matter"
    var h =
      "<div class=\"\(classes)\" role=\"alert\"><p><strong>\(label)</strong>" + head(HTMLText.escape) + "</p>"
    if let hint = failure.hint { h += "<p class=\"hint\">\(HTMLText.escape(hint))</p>" }
    return h + "</div>\n"
  }

  /// `> **Error** at line L, column C: …`, then `>` and `> hint` lines when there is a hint;
  /// no trailing newline.
  var markdown: String {
    var box = "> **\(label)**" + head(MarkdownWeaver.escapeText)
    if let hint = failure.hint { box += "\n>\n> \(MarkdownWeaver.escapeText(hint))" }
    return box
  }
}
