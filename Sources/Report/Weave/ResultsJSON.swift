import Executor
import Foundation
import Notebook

/// Writes `results.json` in the contract's shape (section 9) with a fixed key
/// order and the shortest round-trip number text, so that two runs give
/// byte-identical files.
///
/// Besides the contract's keys, the top level holds `"front-matter-error"`:
/// `{"line", "column", "message", "hint"}` for a problem in the front matter,
/// else `null`. A block whose decoding found several problems has `"errors"`, a list of
/// them all in notebook order, after `"error"` (the first); other blocks have no `"errors"`.
public enum ResultsJSON {
  public static func render(
    notebook: String, seed: UInt64, outcomes: [BlockOutcome], figures: [Int: [String]],
    frontMatterError: NotebookError? = nil
  )
    -> String
  {
    var out = "{\n"
    out += "  \"notebook\": \(string(notebook)),\n"
    out += "  \"seed\": \(seed),\n"
    out += "  \"front-matter-error\": \(frontMatterError.map(failure) ?? "null"),\n"
    out += "  \"blocks\": ["
    for (i, o) in outcomes.enumerated() {
      out += i == 0 ? "\n" : ",\n"
      out += "    {\n"
      out += "      \"index\": \(o.index),\n"
      out += "      \"kind\": \(string(o.kind)),\n"
      out += "      \"name\": \(o.name.map(string) ?? "null"),\n"
      out += "      \"line\": \(o.line),\n"
      out += "      \"status\": \(string(o.status.rawValue)),\n"
      if let e = o.error {
        out += "      \"error\": \(failure(e)),\n"
        if o.errors.count > 1 {
          out += "      \"errors\": [" + o.errors.map(failure).joined(separator: ", ") + "],\n"
        }
      } else {
        out += "      \"error\": null,\n"
      }
      out += "      \"results\": {"
      for (j, entry) in o.results.entries.enumerated() {
        out += (j == 0 ? "\n" : ",\n") + "        \(string(entry.path)): \(value(entry.value))"
      }
      out += o.results.entries.isEmpty ? "},\n" : "\n      },\n"
      out += "      \"expectations\": ["
      for (j, x) in o.expectations.enumerated() {
        out += (j == 0 ? "\n" : ",\n")
        out +=
          "        {\"path\": \(string(x.path)), \"check\": \(string(x.check)), \"got\": \(x.got.map(value) ?? "null"), "
        out += "\"passed\": \(x.passed), \"line\": \(x.line), \"column\": \(x.column)"
        if let d = x.difference { out += ", \"difference\": \(number(d))" }
        if let r = x.reason { out += ", \"reason\": \(string(r))" }
        if x.unanswered { out += ", \"unanswered\": true" }
        if let h = x.hint { out += ", \"hint\": \(string(h))" }
        out += "}"
      }
      out += o.expectations.isEmpty ? "],\n" : "\n      ],\n"
      out += "      \"printed\": " + printed(o.printed) + ",\n"
      let figs = figures[o.index] ?? []
      out += "      \"figures\": [" + figs.map(string).joined(separator: ", ") + "]\n"
      out += "    }"
    }
    out += outcomes.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }

  /// `{"line": L, "column": C, "message": "…", "hint": "…"}` (no `hint` key without a hint).
  static func failure(_ e: NotebookError) -> String {
    var out =
      "{\"line\": \(e.position.line), \"column\": \(e.position.column), \"message\": \(string(e.message))"
    out += e.hint.map { ", \"hint\": \(string($0))" } ?? ""
    return out + "}"
  }

  /// A JSON number; NaN and infinities as the strings "nan", "inf", "-inf".
  public static func number(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x) }
    return "\(x)"
  }

  static func value(_ v: ResultValue) -> String { v.text(number: number, text: string) }

  /// A JSON string literal with the required escapes.
  public static func string(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u == "\u{2028}" || u == "\u{2029}" {
          out += String(format: "\\u%04x", u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
