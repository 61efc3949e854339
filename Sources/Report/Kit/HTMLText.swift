/// Escaping of text for HTML element content and attribute values.
public enum HTMLText {
  /// Replaces the five HTML-significant characters by entities:
  /// `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, `"` → `&quot;`, `'` → `&#39;`.
  /// Every other character (including non-ASCII) is kept as is, so the result is safe both as
  /// element content and inside single- or double-quoted attribute values.
  /// Escaping is not idempotent: `escape("&amp;")` is `"&amp;amp;"`.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
