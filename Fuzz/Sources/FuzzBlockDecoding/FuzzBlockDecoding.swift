import Executor
import FuzzSupport
import Notebook

/// libFuzzer entry point: block decoding.
///
/// `NotebookExecutor.decodeAll` decodes every block body (YAML or graph) into a spec without
/// running it and must never trap; it returns one entry per block, and every failure points
/// at a position inside the notebook (line 1 … number of lines, column ≥ 1). The same holds
/// for `SpecNode.parseBody` and, on an `expect:` value, `Expectations.parse`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  let lineCount = max(1, text.utf8.count { $0 == 0x0A || $0 == 0x0D } + 1)
  func checkPosition(_ line: Int, _ column: Int, _ what: @autoclosure () -> String) {
    Fuzz.check(
      1 <= line && line <= lineCount && column >= 1,
      "\(what()) at line \(line), column \(column); the text has \(lineCount) lines")
  }

  let document = NotebookDocument.parse(text)
  let failures = NotebookExecutor.decodeAll(document)
  Fuzz.check(
    failures.count == document.blocks.count, "\(failures.count) results for \(document.blocks.count) blocks")
  for case let failure? in failures {
    checkPosition(failure.position.line, failure.position.column, "decode failure '\(failure.message)'")
  }

  for block in document.blocks {
    let body: SpecNode
    do {
      body = try SpecNode.parseBody(block)
    } catch {
      checkPosition(error.position.line, error.position.column, "parseBody error '\(error.message)'")
      continue
    }
    guard let expect = body["expect"] else { continue }
    do {
      let expectations = try Expectations.parse(expect)
      for e in expectations {
        checkPosition(e.position.line, e.position.column, "expectation '\(e.path)'")
      }
    } catch {
      checkPosition(error.position.line, error.position.column, "Expectations.parse error '\(error.message)'")
    }
  }
  return 0
}
