import Foundation
import Hummingbird

/// Answers every request of `gradbook preview` (no router: the paths are checked here).
///
/// In order: a `Host` other than `127.0.0.1:N` / `localhost:N` → 403 (``HostCheck``); a method
/// other than GET or HEAD → 405; ``ReloadScript/path`` → the event stream
/// (``ReloadChannel``); a path that names no report file → 404 (``ReportFiles``); else the
/// file, with the reload script added to HTML. `/` is the report page; before the first report
/// is written (or when the notebook writes no HTML) it is a short page saying so, which
/// reloads when a report is written. Every answer says `Cache-Control: no-store`, so a reload
/// fetches new figures.
struct PreviewResponder: HTTPResponder {
  typealias Context = BasicRequestContext

  let files: ReportFiles
  let channel: ReloadChannel
  let port: Int

  func respond(to request: Request, context: Context) async throws -> Response {
    guard HostCheck.allows(request.head.authority, port: port) else {
      return PreviewResponder.text(.forbidden, "403 forbidden: this server answers only 127.0.0.1:\(port)\n")
    }
    guard request.method == .get || request.method == .head else {
      return PreviewResponder.text(.methodNotAllowed, "405 method not allowed\n")
    }
    let rawPath = request.head.path ?? "/"
    let path = String(rawPath.prefix { $0 != "?" })
    if path == ReloadScript.path {
      return events(query: request.uri.queryParameters.get("since"))
    }
    // Read the generation before the file: a report written in between reloads once more.
    let generation = channel.generation
    guard let file = files.file(for: rawPath) else {
      if ReportFiles.parts(of: rawPath) == [] { return waitingPage(generation: generation) }
      return PreviewResponder.text(.notFound, "404 not found\n")
    }
    guard var data = try? Data(contentsOf: file) else {
      return PreviewResponder.text(.notFound, "404 not found\n")
    }
    let type = ContentType.of(file.lastPathComponent)
    if type.hasPrefix("text/html") {
      data = Data(
        ReloadScript.inject(into: String(decoding: data, as: UTF8.self), generation: generation).utf8)
    }
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.cacheControl] = "no-store"
    headers[.init("X-Content-Type-Options")!] = "nosniff"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The Server-Sent Events stream; `since` is the generation the page was served with.
  private func events(query since: String?) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/event-stream"
    headers[.cacheControl] = "no-store"
    let stream = channel.subscribe(since: since.flatMap { Int($0) })
    return Response(status: .ok, headers: headers, body: .init(asyncSequence: stream))
  }

  /// `/` when the report has no HTML page (yet).
  private func waitingPage(generation: Int) -> Response {
    let html = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>gradbook preview</title></head>
      <body><p>gradbook preview: no HTML report here yet. The page reloads when the notebook has
      run; if it stays, the notebook writes no HTML (add <code>html</code> to <code>format:</code>)
      or its report could not be written (see the terminal).</p></body></html>

      """
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.cacheControl] = "no-store"
    let body = ReloadScript.inject(into: html, generation: generation)
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
  }

  static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/plain; charset=utf-8"
    headers[.cacheControl] = "no-store"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message)))
  }
}
