import Autodiff
import Foundation
import Tensor
import Testing

/// Issue 11 (graph part): a 200×200 literal ran for minutes (finite differences ran every
/// node again for each of the 40,000 elements: n² passes of n³ work); `eye(x)` under
/// finite differences blamed a "whole number… got 2"; no limit on values or time.
struct GraphBoundsRegressionTests {
  /// `A = [[…]]` n×n, `y = sum(A @ A)`.
  static func squareProgram(_ n: Int) throws -> GraphProgram {
    var rng = RandomSource(seed: 11)
    let program = try GraphProgram.parse("A = 0\ny = sum(A @ A)")
    return program.replacingInput("A", with: uniformMatrix(n, n, -1, 1, &rng))
  }

  @Test func largeMatrixIsCheckedAlongDirectionsNotElementByElement() throws {
    let program = try GraphBoundsRegressionTests.squareProgram(200)
    #expect(try program.finiteDifferenceMode(wrt: "A") == .directional(count: 4))
    let small = try GraphBoundsRegressionTests.squareProgram(5)
    #expect(try small.finiteDifferenceMode(wrt: "A") == .elementwise)
  }

  @Test func directionalDifferencesAgreeWithReverseMode() throws {
    let program = try GraphBoundsRegressionTests.squareProgram(60)
    let gradient = try #require(try program.evaluate().gradient(wrt: "A"))
    let (directions, estimates) = try program.directionalDifferences(wrt: "A")
    #expect(directions.count == 4)
    for (u, estimate) in zip(directions, estimates) {
      let predicted = (u * gradient).sum()
      #expect(abs(predicted - estimate.storage[0]) <= 1e-5 * abs(predicted))
    }
    let again = try program.directionalDifferences(wrt: "A")
    #expect(again.directions == directions)
  }

  @Test func finiteDifferencesThroughEyeSayWhy() throws {
    let program = try GraphProgram.parse("n = 2\ny = sum(eye(n))")
    #expect(program.integerArgument(reachedFrom: "n") == "eye(n)")
    #expect(program.integerArgument(reachedFrom: "y") == nil)
    do {
      _ = try program.finiteDifference(wrt: "n")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.message
          == "finite differences are not defined for 'n': it reaches the size of eye(n), which must be a whole number"
      )
      #expect(!error.message.contains("got 2"))
    }
  }

  @Test func valuesLargerThanTheMemoryLimitStopBeforeAllocating() throws {
    let program = try GraphProgram.parse("x = [1, 2, 3]\ny = x @ transpose(x)")
    do {
      _ = try program.evaluate(limits: GraphLimits(memoryBytes: 50))
      Issue.record("expected a memory limit")
    } catch {
      #expect(error.limit == .memory(bytes: 72 + 24, what: "the graph's values"))
      #expect(error.line == 2)
    }
  }

  @Test func aPassedDeadlineStopsTheGraph() throws {
    let program = try GraphProgram.parse("x = 2\ny = x^2")
    do {
      _ = try program.evaluate(limits: GraphLimits(deadline: Date(timeIntervalSinceNow: -1)))
      Issue.record("expected a time limit")
    } catch {
      #expect(error.limit == .time(while: "computing node 'y'"))
    }
  }
}
