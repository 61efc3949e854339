/// "Did you mean …?" hints for misspelt block kinds and keys.
///
/// The Notebook target depends only on Yams, so this is a private copy of the rule the other
/// targets use (`NameSuggestion` in Tensor): Levenshtein distance over lower-cased Unicode scalars,
/// a candidate is suggested when its distance is ≤ max(2, ⌊len/3⌋), ties going to the earlier one.
enum Suggestion {
  /// Levenshtein edit distance (insert, delete, substitute each cost 1), case-insensitive.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a.lowercased().unicodeScalars)
    let t = Array(b.lowercased().unicodeScalars)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[t.count]
  }

  /// The closest candidate within distance max(2, ⌊len/3⌋) of `name`, else `nil`.
  static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = Swift.max(2, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let d = editDistance(name, candidate)
      if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
    }
    return best?.name
  }

  /// `"Did you mean 'x'?"` for the closest candidate, else `"Known names: a, b."` (with `noun`
  /// replacing "names").
  static func hint(for name: String, among candidates: [String], noun: String = "names") -> String {
    if let c = closest(to: name, among: candidates) { return "Did you mean '\(c)'?" }
    return "Known \(noun): " + candidates.joined(separator: ", ") + "."
  }
}
