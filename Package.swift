// swift-tools-version:6.0
import PackageDescription

// Data flows one way: notebook text → Notebook → Executor → Report → output/.
// Each target has one job; see docs/architecture.md.
let package = Package(
  name: "gradbook",
  products: [
    .executable(name: "gradbook", targets: ["gradbook"]),
    .executable(name: "gradbook-bench", targets: ["Benchmarks"]),
    // `gradbook preview`: a program of its own so that `gradbook` never links swift-nio.
    .executable(name: "gradbook-preview", targets: ["GradbookPreview"]),
    // For the fuzz package in Fuzz/ (a path dependency needs a library product).
    .library(name: "GradbookCore", targets: ["Notebook", "Executor", "Autodiff"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
  ],
  targets: [
    // System libraries from Debian (scripts/install-deps installs them).
    .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
    .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

    // Matrix type, BLAS bridge, seeded random numbers.
    .target(name: "Tensor", dependencies: ["COpenBLAS"]),
    // Expression parser, computational graph, reverse mode.
    .target(name: "Autodiff", dependencies: ["Tensor"]),
    // Layers, activations, losses, regularizers, initializers, optimizers, gradient check.
    .target(name: "NeuralNet", dependencies: ["Tensor"]),
    // Generators, CSV, IDX, splits.
    .target(name: "Datasets", dependencies: ["Tensor", "CZlib"]),
    // Fence scanner, front matter, block headers, positioned YAML.
    .target(name: "Notebook", dependencies: ["Yams", "Tensor"]),
    // Resolves names and runs each block into results.
    .target(
      name: "Executor",
      dependencies: ["Notebook", "Tensor", "NeuralNet", "Autodiff", "Datasets"]),
    // Questions, submissions, scores and `changed` flags for `gradbook grade`: pure values.
    .target(name: "Grading", dependencies: ["Notebook", "Executor"]),
    // Markdown and HTML weavers, gnuplot and graphviz drivers.
    .target(name: "Report", dependencies: ["Notebook", "Executor", "Grading", "CCmarkGFM"]),
    // Reads notebooks, runs, weaves and writes output atomically.
    .target(name: "Runner", dependencies: ["Notebook", "Executor", "Grading", "Report"]),
    // Argument parsing only.
    .executableTarget(
      name: "gradbook",
      dependencies: [
        "Runner", "Notebook", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // `gradbook preview`: HTTP on 127.0.0.1, path confinement, Host check, live reload.
    .target(
      name: "PreviewServer",
      dependencies: [
        "Runner", "Report", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // Argument parsing for `preview` (`gradbook preview …` forwards here).
    .executableTarget(
      name: "GradbookPreview",
      dependencies: [
        "PreviewServer", "Runner", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/gradbook-preview"),

    // `make bench`: training epochs against the GEMM floor, compare scaling; `make bench-peers` uses it too.
    .executableTarget(name: "Benchmarks", dependencies: ["NeuralNet", "Tensor", "Executor", "Notebook"]),

    .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
    .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Tensor"]),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Tensor"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensor"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
    .testTarget(
      name: "ExecutorTests", dependencies: ["Executor", "Notebook", "NeuralNet", "Autodiff", "Tensor"]),
    .testTarget(name: "ReportTests", dependencies: ["Report", "Executor", "Notebook"]),
    .testTarget(name: "EndToEndTests", dependencies: ["Runner"], exclude: ["Fixtures"]),
    .testTarget(name: "GradingTests", dependencies: ["Grading", "Notebook"]),
    .testTarget(
      name: "PreviewServerTests",
      dependencies: ["PreviewServer", "Runner", .product(name: "Hummingbird", package: "hummingbird")]),
  ]
)
