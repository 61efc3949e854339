import Foundation
import Testing

@testable import Datasets
@testable import Tensor

/// `data/mnist` in the repository (the MNIST test set ships with gradbook), found from this
/// file's path (Tests/DatasetsTests/IDXTests.swift → three levels up is the root).
private let mnistFolder: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.appendingPathComponent("data/mnist").path
}()

/// A big-endian IDX header: magic then sizes.
private func idxHeader(_ magic: UInt32, _ sizes: [UInt32]) -> [UInt8] {
  ([magic] + sizes).flatMap { v in [24, 16, 8, 0].map { UInt8((v >> UInt32($0)) & 0xff) } }
}

@Suite struct IDXTests {
  @Test func realMNISTTestSet() throws {
    let images = try IDXReader.readImages(path: mnistFolder + "/t10k-images-idx3-ubyte.gz")
    let labels = try IDXReader.readLabels(path: mnistFolder + "/t10k-labels-idx1-ubyte.gz")
    #expect(images.rows == 10_000)
    #expect(images.cols == 784)
    #expect(labels.count == 10_000)
    #expect(Array(labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    #expect(images.storage.min() == 0)
    #expect(images.storage.max() == 1)
    // The published class sizes of the test set.
    let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
    #expect(counts == [0: 980, 1: 1135, 2: 1032, 3: 1010, 4: 982, 5: 892, 6: 958, 7: 1028, 8: 974, 9: 1009])
    // Through the loader: digits 1 and 2 only, relabelled, split 80/20 per class.
    let d = try load(
      .idx(
        images: mnistFolder + "/t10k-images-idx3-ubyte.gz", labels: mnistFolder + "/t10k-labels-idx1-ubyte.gz"
      ),
      DataOptions(keepClasses: [1, 2], relabel: [1: 0, 2: 1], split: .init(train: 0.8, test: 0.2)))
    #expect(
      d.summary.classCounts == [
        .init(label: 0, train: 908, test: 227), .init(label: 1, train: 826, test: 206),
      ])
    #expect(d.train.featureCount == 784)
    #expect(d.train.classCount == 2)
  }

  @Test func readsSyntheticImagesAndLabelsRawAndGzipped() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let imageBytes = idxHeader(0x0803, [2, 2, 3]) + [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 51]
    let labelBytes = idxHeader(0x0801, [2]) + [3, 9]
    let raw = try folder.write("img", imageBytes)
    let gz = try folder.write("img.gz", Gzip.deflate(imageBytes))
    let labels = try folder.write("lab.gz", Gzip.deflate(labelBytes))
    let expected = [[0, 0.2, 0.4, 0.6, 0.8, 1], [1, 0, 0, 0, 0, 0.2]]
    for path in [raw, gz] {
      let m = try IDXReader.readImages(path: path)
      #expect(m.rows == 2)
      #expect(m.cols == 6)
      #expect(m.maxAbsDifference(try #require(Matrix(rowsOf: expected))) < 1e-15)
    }
    #expect(try IDXReader.readLabels(path: labels) == [3, 9])
    let d = try load(.idx(images: gz, labels: labels), DataOptions(oneHot: true))
    #expect(d.train.classCount == 10)
    #expect(d.train.targets.rowArrays[1] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
  }

  @Test func wrongMagicNamesTheFileAndSuggestsSwapping() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let labels = try folder.write("labels.idx", idxHeader(0x0801, [1]) + [4])
    let e = datasetError { () throws(DatasetError) in _ = try IDXReader.readImages(path: labels) }
    #expect(
      e?.message
        == "'\(labels)' is not an IDX images (unsigned bytes, 3 dimensions) file: its magic number is 0x00000801, expected 0x00000803"
    )
    #expect(e?.hint == "This is a labels file: swap the 'images' and 'labels' paths.")
    #expect(e?.key == "images")
    let text = try folder.write("notes.txt", text: "hello world")
    let e2 = datasetError { () throws(DatasetError) in _ = try IDXReader.readLabels(path: text) }
    #expect(e2?.message.contains("its magic number is 0x68656c6c, expected 0x00000801") == true)
  }

  @Test func truncatedBodyAndTrailingBytes() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let short = try folder.write("short.gz", Gzip.deflate(idxHeader(0x0803, [3, 2, 2]) + [1, 2, 3, 4, 5]))
    let e = datasetError { () throws(DatasetError) in _ = try IDXReader.readImages(path: short) }
    #expect(
      e?.message
        == "'\(short)' is truncated: its header promises 3 images of 2×2 pixels (12 bytes of data) but only 5 follow"
    )
    let shortLabels = try folder.write("l", idxHeader(0x0801, [4]) + [1, 2])
    let e2 = datasetError { () throws(DatasetError) in _ = try IDXReader.readLabels(path: shortLabels) }
    #expect(
      e2?.message
        == "'\(shortLabels)' is truncated: its header promises 4 labels (4 bytes of data) but only 2 follow")
    let tooLong = try folder.write("m", idxHeader(0x0801, [1]) + [1, 2])
    let e3 = datasetError { () throws(DatasetError) in _ = try IDXReader.readLabels(path: tooLong) }
    #expect(e3?.message == "'\(tooLong)' has 1 bytes after the 1 labels its header announces")
    // A gzip stream cut in the middle.
    let full = Gzip.deflate(idxHeader(0x0801, [100]) + [UInt8](repeating: 7, count: 100))
    let cut = try folder.write("cut.gz", Array(full.prefix(full.count - 10)))
    let e4 = datasetError { () throws(DatasetError) in _ = try IDXReader.readLabels(path: cut) }
    #expect(e4?.message == "'\(cut)': the gzip data is truncated (it ends before its end marker)")
  }

  @Test func countMismatchNamesBothFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let images = try folder.write("i", idxHeader(0x0803, [2, 1, 1]) + [0, 255])
    let labels = try folder.write("l", idxHeader(0x0801, [3]) + [0, 1, 2])
    let e = datasetError { () throws(DatasetError) in _ = try load(.idx(images: images, labels: labels)) }
    #expect(e?.message == "'\(images)' holds 2 images but '\(labels)' holds 3 labels")
    #expect(e?.key == "labels")
  }

  @Test func gzipRoundTrip() throws {
    var rng = RandomSource(seed: 9)
    let random = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let text = Array(String(repeating: "backpropagation ", count: 5000).utf8)
    for data in [random, text, [], [42]] {
      let packed = Gzip.deflate(data)
      #expect(Array(packed.prefix(2)) == [0x1f, 0x8b])
      #expect(try Gzip.inflate(packed) == data)
    }
    #expect(Gzip.deflate(text).count < text.count / 50)
    #expect(Gzip.deflate(text) == Gzip.deflate(text))
    // Two members one after the other read as the concatenation (like gunzip).
    #expect(try Gzip.inflate(Gzip.deflate([1, 2]) + Gzip.deflate([3])) == [1, 2, 3])
    let garbage = datasetError { () throws(DatasetError) in _ = try Gzip.inflate([0x1f, 0x8b, 1, 2, 3, 4, 5])
    }
    #expect(garbage?.message.hasPrefix("the data is not valid gzip") == true)
  }
}

/// Inflation caps and header checks against a memory limit.
@Suite struct IDXBoundsTests {
  @Test func inflateStopsAtItsLimit() throws {
    let data = [UInt8](repeating: 3, count: 100_000)
    let packed = Gzip.deflate(data)
    #expect(try Gzip.inflate(packed, limit: 100_000) == data)
    #expect(try Gzip.inflate(packed, limit: 16, prefix: true) == [UInt8](repeating: 3, count: 16))
    let e = datasetError { () throws(DatasetError) in _ = try Gzip.inflate(packed, limit: 99_999) }
    #expect(e?.message == "the gzip data inflates to more than 99999 bytes")
  }

  @Test func headerSizesAreCheckedBeforeReading() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    // The header alone: 1000 images of 10×10 pixels = 100000 pixels, 2.5 MB at 25 bytes a pixel.
    let path = try folder.write("i", idxHeader(0x0803, [1000, 10, 10]))
    let e = datasetError { () throws(DatasetError) in
      _ = try IDXReader.readImages(path: path, memoryLimit: 2_000_000)
    }
    #expect(e?.message == "the 1000 images of 10×10 pixels in '\(path)'")
    #expect(e?.neededBytes == 2_500_000)
    #expect(e?.key == "images")
    // Under a larger limit the same file is simply truncated.
    let t = datasetError { () throws(DatasetError) in
      _ = try IDXReader.readImages(path: path, memoryLimit: 3_000_000)
    }
    #expect(t?.message.contains("is truncated") == true)
  }

  @Test func emptyImagesAreRejected() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    for (rows, cols) in [(0, 0), (28, 0), (0, 28)] as [(UInt32, UInt32)] {
      let path = try folder.write("i\(rows)x\(cols)", idxHeader(0x0803, [3, rows, cols]))
      let e = datasetError { () throws(DatasetError) in _ = try IDXReader.readImages(path: path) }
      #expect(e?.message == "'\(path)' holds images of \(rows)×\(cols) pixels")
    }
  }
}
