import Testing

@testable import Executor

/// `ConcurrentMap`: index order whatever the number of workers.
@Suite struct ConcurrentMapTests {
  @Test func valuesComeBackInIndexOrderForAnyWorkerCount() {
    let expected = (0..<100).map { $0 * $0 }
    for workers in [0, 1, 2, 7, 200] {
      #expect(ConcurrentMap.map(count: 100, workers: workers) { $0 * $0 } == expected)
    }
  }

  @Test func noIndicesGiveNoValues() {
    #expect(ConcurrentMap.map(count: 0, workers: 4) { $0 }.isEmpty)
  }

  @Test func optionalValuesKeepTheirNils() {
    let values = ConcurrentMap.map(count: 6, workers: 3) { $0 % 2 == 0 ? $0 : nil }
    #expect(values == [0, nil, 2, nil, 4, nil])
  }
}
