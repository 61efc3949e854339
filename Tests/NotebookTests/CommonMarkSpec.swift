import Foundation

/// The examples of the CommonMark specification (`shared/commonmark/spec.txt`), read the way its
/// README describes: each example sits between a line of 32 backticks followed by ` example`
/// and a line of 32 backticks; a line holding a single `.` separates Markdown from HTML; `→`
/// stands for a tab.
struct CommonMarkExample: Sendable {
  var number: Int
  var section: String
  var markdown: String
  var html: String
}

enum CommonMarkSpec {
  /// `<repo>/../shared/commonmark/spec.txt`, the repo root being three levels above this file.
  static var specURL: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // NotebookTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // repo root
      .deletingLastPathComponent()
      .appendingPathComponent("shared/commonmark/spec.txt")
  }

  static func load() throws -> [CommonMarkExample] {
    let text = try String(contentsOf: specURL, encoding: .utf8)
    let fence = String(repeating: "`", count: 32)
    var examples: [CommonMarkExample] = []
    var section = ""
    var inExample = false
    var inHTML = false
    var markdown: [Substring] = []
    var html: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if !inExample {
        if line == fence + " example" {
          inExample = true
          inHTML = false
          markdown = []
          html = []
        } else if line.hasPrefix("#") {
          section = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
        }
      } else if line == fence {
        inExample = false
        func joined(_ lines: [Substring]) -> String {
          lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
        }
        examples.append(
          CommonMarkExample(
            number: examples.count + 1, section: section, markdown: joined(markdown), html: joined(html)))
      } else if line == "." && !inHTML {
        inHTML = true
      } else if inHTML {
        html.append(line)
      } else {
        markdown.append(line)
      }
    }
    return examples
  }

  /// The `<pre><code>` blocks of an expected HTML output, in order: (language, decoded content).
  static func codeBlocks(inHTML html: String) -> [(language: String?, content: String)] {
    var result: [(String?, String)] = []
    var rest = html[...]
    while let open = rest.range(of: "<pre><code") {
      rest = rest[open.upperBound...]
      guard let tagEnd = rest.range(of: ">") else { break }
      let attributes = rest[rest.startIndex..<tagEnd.lowerBound]
      var language: String?
      if let l = attributes.range(of: "class=\"language-") {
        let after = attributes[l.upperBound...]
        language = String(after.prefix(while: { $0 != "\"" }))
      }
      rest = rest[tagEnd.upperBound...]
      guard let close = rest.range(of: "</code></pre>") else { break }
      result.append((language, unescapeHTML(String(rest[rest.startIndex..<close.lowerBound]))))
      rest = rest[close.upperBound...]
    }
    return result
  }

  static func unescapeHTML(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
