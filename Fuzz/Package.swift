// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for gradbook's parsers. Build and run them with `scripts/fuzz [seconds]`
// (it passes `--sanitize=fuzzer`, so libFuzzer supplies `main`). The main package is reached
// through the symlink `.gradbook/gradbook` (→ ../..) that the script creates, so that the
// dependency's identity is `gradbook` whatever the checkout folder is called.
let package = Package(
  name: "GradbookFuzz",
  dependencies: [
    .package(path: ".gradbook/gradbook")
  ],
  targets: [
    // cmark-gfm, the CommonMark reference implementation the fence scanner is compared with.
    .systemLibrary(name: "CCmark", path: "Sources/CCmark"),
    // Shared helpers: bytes → String, invariants that trap when violated, reference code blocks.
    .target(
      name: "FuzzSupport",
      dependencies: ["CCmark", .product(name: "GradbookCore", package: "gradbook")]),
    // NotebookDocument.parse and FenceScanner.scan.
    .executableTarget(name: "FuzzFenceScanner", dependencies: ["FuzzSupport"]),
    // NotebookExecutor.decodeAll, SpecNode.parseBody and Expectations.parse.
    .executableTarget(name: "FuzzBlockDecoding", dependencies: ["FuzzSupport"]),
    // GraphProgram.parse and, for small programs, evaluate().
    .executableTarget(name: "FuzzExpressionParser", dependencies: ["FuzzSupport"]),
  ]
)
