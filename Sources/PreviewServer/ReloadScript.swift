import Foundation

/// The script that makes a served page reload itself, added to HTML responses at serve time
/// only (the report on disk stays byte-identical to `gradbook run`'s).
///
/// It opens an `EventSource` on ``path`` with the generation the page was served with; on a
/// `reload` event it stores the scroll position in `sessionStorage` (per page path) and
/// reloads. After a reload it scrolls back to the stored position at once and again at
/// `load` (figures and KaTeX change heights until then); `history.scrollRestoration` is set to
/// `manual` so the browser's own restoring does not fight it. When the server is gone the
/// browser keeps retrying quietly; a page reloaded then shows the browser's own error.
public enum ReloadScript {
  /// The path of the event stream (a name no report file can have: report files never start
  /// with `_` followed by `_gradbook/`, and folders in a report are `figures/` and `fonts/`).
  public static let path = "/__gradbook/events"

  /// The `<script>` element for a page served at `generation`.
  public static func element(generation: Int) -> String {
    """
    <script>/* gradbook preview: live reload (added by the server, not in the report file) */
    (function () {
      var key = "gradbook-preview-scroll:" + location.pathname;
      var saved = null;
      try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
      if (saved !== null) {
        if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
        var y = parseFloat(saved) || 0;
        var restore = function () { window.scrollTo(0, y); };
        restore();
        window.addEventListener("load", function () { restore(); setTimeout(restore, 100); });
      }
      var source = new EventSource("\(path)?since=\(generation)");
      source.addEventListener("reload", function () {
        try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
        source.close();
        location.reload();
      });
    })();
    </script>

    """
  }

  /// `html` with the script inserted before its last `</body>` (case ignored), else appended.
  public static func inject(into html: String, generation: Int) -> String {
    let script = element(generation: generation)
    if let close = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
      return html.replacingCharacters(in: close.lowerBound..<close.lowerBound, with: script)
    }
    return html + script
  }
}
