import Foundation
import Testing

@testable import Report

/// A cached figure is reused only when it is a whole PNG.
@Suite struct FigureCacheTests {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  static let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

  @Test func completePNGNeedsTheSignatureAndTheFinalIENDChunk() {
    let whole = Self.signature + [0, 0, 0, 1, 1, 2, 3, 4, 5] + Self.iend
    #expect(FigureRenderer.isCompletePNG(Data(whole)))
    #expect(!FigureRenderer.isCompletePNG(Data(whole.dropLast())))
    #expect(!FigureRenderer.isCompletePNG(Data(whole.prefix(whole.count / 2))))
    #expect(!FigureRenderer.isCompletePNG(Data(Self.signature)))
    #expect(!FigureRenderer.isCompletePNG(Data([0x88] + whole.dropFirst())))
    #expect(!FigureRenderer.isCompletePNG(Data()))
  }
}
