import Foundation

/// `data:` URIs (RFC 2397) for embedding files in a self-contained HTML page.
public enum DataURI {
  /// `"data:image/png;base64,"` followed by the standard base64 (RFC 4648, with `=` padding,
  /// no line breaks) of `data`. The bytes are not checked to be a PNG.
  public static func png(_ data: Data) -> String {
    encode(data, mediaType: "image/png")
  }

  /// `"data:<mediaType>;base64,<base64 of data>"`, e.g. `font/woff2` for KaTeX fonts.
  public static func encode(_ data: Data, mediaType: String) -> String {
    "data:\(mediaType);base64,\(data.base64EncodedString())"
  }
}
