import Testing

@testable import Tensor

/// `FNV1a` against the published 64-bit FNV-1a test vectors, and its users.
@Suite struct FNV1aTests {
  @Test func publishedVectors() {
    #expect(FNV1a.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
    #expect(FNV1a.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
    #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
  }

  @Test func seedDerivationHashesTheUTF8Bytes() {
    #expect(SeedDerivation.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    #expect(SeedDerivation.fnv1a("é") == FNV1a.hash([0xC3, 0xA9]))
  }

  @Test func aStepFoldsOneUnit() {
    #expect(FNV1a.step(FNV1a.offsetBasis, 0x61) == 0xaf63_dc4c_8601_ec8c)
    #expect(FNV1a.hash([0x62], basis: FNV1a.hash([0x61])) == FNV1a.hash("ab".utf8))
  }
}
