/// "Did you mean …?" suggestions for misspelt names (layers, losses, functions,
/// block kinds, keys, formats). Shared by every target that reports an unknown name, the
/// Notebook target included.
public enum NameSuggestion {
  /// Levenshtein edit distance between `a` and `b` over Unicode scalars
  /// (insertions, deletions and substitutions each cost 1), case-insensitive.
  public static func editDistance(_ a: String, _ b: String) -> Int {
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
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[t.count]
  }

  /// The candidate nearest to `name` when it is close enough to be a likely
  /// typo: distance ≤ max(2, ⌊len/3⌋). Ties go to the earlier candidate.
  /// Returns `nil` when nothing is that close.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(2, name.count / 3)
    var best: (String, Int)?
    for c in candidates {
      let d = editDistance(name, c)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  /// `"Did you mean 'x'?"` for the closest candidate, else `"Known names: a, b, c."` with
  /// `noun` in place of "names" (`"Known keys: …"`).
  public static func hint(for name: String, among candidates: [String], noun: String = "names") -> String {
    if let c = closest(to: name, among: candidates) { return "Did you mean '\(c)'?" }
    return "Known \(noun): " + candidates.joined(separator: ", ") + "."
  }
}
