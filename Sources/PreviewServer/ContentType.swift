/// The `Content-Type` of a report file, by its extension (what a report folder holds: the
/// pages, figures, `results.json`, the KaTeX files); anything else is sent as bytes.
enum ContentType {
  static func of(_ fileName: String) -> String {
    let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
    switch ext {
    case "html", "htm": return "text/html; charset=utf-8"
    case "md": return "text/markdown; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js": return "text/javascript; charset=utf-8"
    case "json": return "application/json"
    case "png": return "image/png"
    case "svg": return "image/svg+xml"
    case "pdf": return "application/pdf"
    case "woff2": return "font/woff2"
    case "woff": return "font/woff"
    case "ttf": return "font/ttf"
    default: return "application/octet-stream"
    }
  }
}
