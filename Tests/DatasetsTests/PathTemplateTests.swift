import Testing

@testable import Datasets

@Suite struct PathTemplateTests {
  let notebooks = "/home/ada/project/notebooks"

  @Test func defaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws {
    for env in [[:], ["MNIST_DIR": ""]] {
      let e = try PathTemplate.expand(
        "${MNIST_DIR:-../data/mnist}/t10k-images-idx3-ubyte.gz", environment: env, relativeTo: notebooks)
      #expect(e.path == "/home/ada/project/data/mnist/t10k-images-idx3-ubyte.gz")
      #expect(e.variables == ["MNIST_DIR"])
      #expect(e.bindings == [.init(name: "MNIST_DIR", value: "../data/mnist", usedDefault: true)])
    }
  }

  @Test func setVariablesAreSubstituted() throws {
    let env = ["MNIST_DIR": "/srv/mnist", "SPLIT": "t10k"]
    let e = try PathTemplate.expand(
      "${MNIST_DIR:-../data}/${SPLIT}-labels.gz", environment: env, relativeTo: notebooks)
    #expect(e.path == "/srv/mnist/t10k-labels.gz")
    #expect(e.variables == ["MNIST_DIR", "SPLIT"])
    let relative = try PathTemplate.expand("${D}/x.csv", environment: ["D": "data"], relativeTo: notebooks)
    #expect(relative.path == "/home/ada/project/notebooks/data/x.csv")
  }

  @Test func plainPaths() throws {
    #expect(
      try PathTemplate.expand("/abs/./a/../b.csv", environment: [:], relativeTo: notebooks).path
        == "/abs/b.csv")
    #expect(
      try PathTemplate.expand("b.csv", environment: [:], relativeTo: notebooks).path == notebooks + "/b.csv")
    #expect(try PathTemplate.expand("cost$5.csv", environment: [:], relativeTo: "").path == "cost$5.csv")
    #expect(try PathTemplate.expand("../x", environment: [:], relativeTo: "nb").path == "x")
    #expect(try PathTemplate.expand("../../x", environment: [:], relativeTo: "nb").path == "../x")
    #expect(
      try PathTemplate.expand("~/d.csv", environment: ["HOME": "/home/ada"], relativeTo: notebooks).path
        == "/home/ada/d.csv")
    #expect(try PathTemplate.expand("b.csv", environment: [:], relativeTo: notebooks).variables.isEmpty)
  }

  @Test func unsetVariableWithoutDefaultIsAnErrorNamingIt() {
    let e = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.expand("${DATA_ROOT}/a.csv", environment: [:], relativeTo: notebooks, key: "path")
    }
    #expect(e?.message == "the path '${DATA_ROOT}/a.csv' uses ${DATA_ROOT}, but DATA_ROOT is not set")
    #expect(e?.hint?.contains("${DATA_ROOT:-folder}") == true)
    #expect(e?.key == "path")
    let unclosed = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.expand("${A/b", environment: [:], relativeTo: notebooks)
    }
    #expect(unclosed?.message == "the path '${A/b' has a '${' without its closing '}'")
    let badName = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.expand("${1A}", environment: [:], relativeTo: notebooks)
    }
    #expect(badName?.message == "the path '${1A}' has '${1A}', and '1A' is not a variable name")
  }

  @Test func missingFileNamesTheResolvedPathAndTheVariable() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let template = "${MNIST_DIR:-mnist}/t10k-images-idx3-ubyte.gz"
    let e = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.resolveFile(template, environment: [:], relativeTo: folder.path, key: "images")
    }
    let resolved = folder.path + "/mnist/t10k-images-idx3-ubyte.gz"
    #expect(
      e?.message
        == "no file at '\(resolved)' (from '\(template)': MNIST_DIR is not set, so its default 'mnist' was used)"
    )
    #expect(e?.hint?.hasPrefix("Set MNIST_DIR to the folder that holds the file") == true)
    #expect(e?.hint?.contains("scripts/get-mnist") == true)
    #expect(e?.key == "images")
    let set = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.resolveFile(
        template, environment: ["MNIST_DIR": "/nowhere"], relativeTo: folder.path)
    }
    #expect(
      set?.message
        == "no file at '/nowhere/t10k-images-idx3-ubyte.gz' (from '\(template)': MNIST_DIR is '/nowhere')")
    // Without variables: the path alone, and a note about the .gz twin when there is one.
    try folder.write("data.csv.gz", [0x1f, 0x8b])
    let plain = datasetError { () throws(DatasetError) in
      _ = try PathTemplate.resolveFile("data.csv", environment: [:], relativeTo: folder.path)
    }
    #expect(plain?.message == "no file at '\(folder.path)/data.csv'")
    #expect(plain?.hint?.hasPrefix("There is a compressed '\(folder.path)/data.csv.gz'") == true)
    // Present: the resolved path comes back.
    #expect(
      try PathTemplate.resolveFile("./data.csv.gz", environment: [:], relativeTo: folder.path) == folder.path
        + "/data.csv.gz")
  }
}
