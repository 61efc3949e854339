import Executor

extension ResultsJSON {
  /// A block's `printed` array (contract sections 9 and 10): per path
  /// `{"path", "printed", "got", "verdict", "source", "exact", "line", "column"}`, where
  /// `printed` (the text as written), `got`, `verdict` (`"matches"` or `"differs"`) and `exact`
  /// (the computed value to the printed decimals and two more) all keep the result's shape;
  /// `source` is `null` without a `source:` label.
  static func printed(_ xs: [PrintedOutcome]) -> String {
    if xs.isEmpty { return "[]" }
    var out = "["
    for (j, x) in xs.enumerated() {
      out += (j == 0 ? "\n" : ",\n")
      out += "        {\"path\": \(string(x.path)), \"printed\": \(shaped(x.got, x.printed.map(string))), "
      out += "\"got\": \(value(x.got)), "
      out += "\"verdict\": \(shaped(x.got, x.matches.map { string($0 ? "matches" : "differs") })), "
      out += "\"source\": \(x.source.map(string) ?? "null"), "
      out += "\"exact\": \(shaped(x.got, x.exact.map(string))), \"line\": \(x.line), \"column\": \(x.column)}"
    }
    return out + "\n      ]"
  }

  /// `items` (one JSON text per number of `value`, row-major) laid out in the shape of `value`.
  static func shaped(_ value: ResultValue, _ items: [String]) -> String {
    var next = 0
    return value.text(number: { _ in
      defer { next += 1 }
      return next < items.count ? items[next] : "null"
    })
  }
}
