import Foundation
import Hummingbird
import PreviewServer
import Runner
import Testing

/// The parts of the preview without a server: path confinement, the Host check, the reload
/// channel and script, the port choice.
struct PreviewPartsTests {
  @Test func requestPathsAreDecodedAndDotPartsRefused() {
    #expect(ReportFiles.parts(of: "/") == [])
    #expect(ReportFiles.parts(of: "/figures/a%20b.png?x=1#top") == ["figures", "a b.png"])
    #expect(ReportFiles.parts(of: "/../x") == nil)
    #expect(ReportFiles.parts(of: "/%2e%2e/x") == nil)
    #expect(ReportFiles.parts(of: "/a%2Fb") == nil)
    #expect(ReportFiles.parts(of: "/a%00") == nil)
    #expect(ReportFiles.parts(of: "/%zz") == nil)
    #expect(ReportFiles.parts(of: "/.cache") == nil)
    #expect(ReportFiles.parts(of: "relative") == nil)
  }

  @Test func filesResolveInsideTheFolderOnly() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradbook-files-\(UUID().uuidString)")
    let root = dir.appendingPathComponent("nb")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("figures"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "page".write(to: root.appendingPathComponent("nb.html"), atomically: true, encoding: .utf8)
    try "outside".write(to: dir.appendingPathComponent("nbx.html"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("out").path, withDestinationPath: "../nbx.html")
    let files = ReportFiles(root: root, page: "nb.html")
    #expect(files.file(for: "/")?.lastPathComponent == "nb.html")
    #expect(files.file(for: "/nb.html")?.lastPathComponent == "nb.html")
    #expect(files.file(for: "/out") == nil)
    #expect(files.file(for: "/figures") == nil)
    #expect(files.file(for: "/missing.png") == nil)
    // A folder whose name starts like the root's is not inside it.
    #expect(ReportFiles(root: dir.appendingPathComponent("n"), page: "nb.html").file(for: "/") == nil)
  }

  @Test func onlyTheLoopbackNamesWithThePortPassTheHostCheck() {
    #expect(HostCheck.allows("127.0.0.1:4848", port: 4848))
    #expect(HostCheck.allows("localhost:4848", port: 4848))
    #expect(!HostCheck.allows("localhost:4849", port: 4848))
    #expect(!HostCheck.allows("localhost", port: 4848))
    #expect(!HostCheck.allows("attacker.example:4848", port: 4848))
    #expect(!HostCheck.allows(nil, port: 4848))
    #expect(HostCheck.allows("localhost", port: 80))
  }

  @Test func theScriptGoesBeforeTheLastClosingBody() {
    let html = "<html><body><p>x</p></BODY></html>\n"
    let served = ReloadScript.inject(into: html, generation: 3)
    #expect(served.hasPrefix("<html><body><p>x</p><script>"))
    #expect(served.hasSuffix("</script>\n</BODY></html>\n"))
    #expect(served.contains("events?since=3\""))
    #expect(ReloadScript.inject(into: "<p>no body", generation: 0).hasPrefix("<p>no body<script>"))
  }

  @Test func aPageThatMissedAReportReloadsAtOnce() async {
    let channel = ReloadChannel()
    #expect(channel.publish() == 1)
    #expect(channel.publish() == 2)
    var iterator = channel.subscribe(since: 1).makeAsyncIterator()
    let first = await iterator.next().map { String(buffer: $0) }
    #expect(first == "event: reload\ndata: 2\n\n")
  }

  @Test func anUpToDatePageWaitsForTheNextReport() async throws {
    let channel = ReloadChannel()
    channel.publish()
    let stream = channel.subscribe(since: 1)
    #expect(channel.subscribers == 1)
    Task {
      try await Task.sleep(for: .milliseconds(100))
      channel.publish()
    }
    var iterator = stream.makeAsyncIterator()
    let next = await iterator.next().map { String(buffer: $0) }
    #expect(next == ReloadChannel.event(2))
  }

  @Test func aBusyPortMovesToTheNextFreeOne() throws {
    let first = try PortChoice.pick(0, first: 4848, count: 1)
    #expect(first > 0)
    // Hold `first` with a listening socket; asking for it exactly fails, from it moves on.
    let holder = try Listener(port: first)
    defer { holder.close() }
    #expect(throws: PortChoice.Failure.self) { try PortChoice.pick(first, first: 4848, count: 1) }
    let moved = try PortChoice.pick(nil, first: first, count: 10)
    #expect(moved > first)
    #expect(moved < first + 10)
  }

  @Test func settingsSplitAtTheFirstEquals() {
    #expect(PreviewOptions.parseSetting("lr=0.1")?.name == "lr")
    #expect(PreviewOptions.parseSetting("s=a=b")?.value == "a=b")
    #expect(PreviewOptions.parseSetting("=1") == nil)
    #expect(PreviewOptions.parseSetting("lr") == nil)
  }
}

/// A listening socket on 127.0.0.1 (to make a port busy).
final class Listener {
  let fd: Int32
  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let ok = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard ok == 0, listen(fd, 1) == 0 else {
      throw HTTPProbe.Failure(description: "cannot listen on \(port)")
    }
  }
  func close() { _ = Glibc.close(fd) }
}
