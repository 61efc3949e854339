import Autodiff
import Foundation
import Tensor
import Testing

/// Lecture 000's practice problems: the graph's gradients against closed forms.
struct ClosedFormTests {
  /// ∇_W ‖Wx − x‖² = 2(Wx − x)xᵀ.
  @Test func squaredResidualGradient() throws {
    var rng = RandomSource(seed: 7)
    let w = uniformMatrix(3, 3, -1, 1, &rng)
    let x = uniformMatrix(3, 1, -1, 1, &rng)
    let program = try GraphProgram.parse("W = 0\nx = 0\nr = W @ x - x\nL = sum(r^2)")
      .replacingInput("W", with: w).replacingInput("x", with: x)
    let graph = try program.evaluate()
    let r = w.matmul(x) - x
    let closedForm = 2 * r.matmul(x, transposeOther: true)
    let backprop = try #require(graph.gradient(wrt: "W"))
    #expect(backprop.maxAbsDifference(closedForm) < 1e-14)
    #expect(abs(try value(graph, "L") - r.squaredNorm()) < 1e-14)
    // ∇_x = 2(W − I)ᵀ(Wx − x).
    let closedFormX = 2 * (w - Matrix.identity(3)).matmul(r, transposeSelf: true)
    #expect(try #require(graph.gradient(wrt: "x")).maxAbsDifference(closedFormX) < 1e-14)
    #expect(GradientComparison.relativeError(backprop, try program.finiteDifference(wrt: "W")) < 1e-8)
  }

  static let kernel = """
    A = 0
    B = 0
    alpha = 0.7
    beta = 2
    gamma = 1.5
    K = alpha * A @ transpose(A) + eye(3) / beta
    """

  static func inputs() -> (a: Matrix, b: Matrix, k: Matrix) {
    var rng = RandomSource(seed: 2024)
    let a = uniformMatrix(3, 3, -1, 1, &rng)
    let b = uniformMatrix(3, 3, -1, 1, &rng)
    let k = 0.7 * a.matmul(a, transposeOther: true) + Matrix.identity(3) * 0.5
    return (a, b, k)
  }

  /// L₁ = −(γ/2)·log|K| with K = αAAᵀ + β⁻¹I: ∂L₁/∂A = −γα K⁻¹A (K symmetric).
  @Test func logDeterminantLoss() throws {
    let (a, b, k) = Self.inputs()
    let program = try GraphProgram.parse(Self.kernel + "\nL1 = -gamma / 2 * logdet(K)")
      .replacingInput("A", with: a).replacingInput("B", with: b)
    let graph = try program.evaluate()
    #expect(try #require(graph.node(named: "K")).value.maxAbsDifference(k) < 1e-15)
    #expect(abs(try value(graph, "L1") - (-0.75 * log(determinant3x3(k)))) < 1e-13)
    let closedForm = -1.5 * 0.7 * inverse3x3(k).matmul(a)
    let backprop = try #require(graph.gradient(wrt: "A"))
    #expect(backprop.maxAbsDifference(closedForm) < 1e-12)
    #expect(GradientComparison.relativeError(backprop, try program.finiteDifference(wrt: "A")) < 1e-8)
    // B does not enter L1.
    #expect(try #require(graph.gradient(wrt: "B")) == Matrix(rows: 3, cols: 3))
    // ∂L1/∂K = −(γ/2)K⁻ᵀ, the adjoint at the logdet's argument.
    let kAdjoint = try #require(graph.gradient(wrt: "K"))
    #expect(kAdjoint.maxAbsDifference(-0.75 * inverse3x3(k).transposed) < 1e-13)
  }

  /// L₂ = −½ tr(K⁻¹BBᵀ): ∂L₂/∂A = α K⁻¹BBᵀK⁻¹A and ∂L₂/∂B = −K⁻¹B.
  @Test func traceInverseLoss() throws {
    let (a, b, k) = Self.inputs()
    let program = try GraphProgram.parse(Self.kernel + "\nL2 = -0.5 * trace(inv(K) @ B @ transpose(B))")
      .replacingInput("A", with: a).replacingInput("B", with: b)
    let graph = try program.evaluate()
    let kInverse = inverse3x3(k)
    let bbT = b.matmul(b, transposeOther: true)
    var trace = 0.0
    let product = kInverse.matmul(bbT)
    for i in 0..<3 { trace += product[i, i] }
    #expect(abs(try value(graph, "L2") - (-0.5 * trace)) < 1e-13)

    let closedFormA = 0.7 * kInverse.matmul(bbT).matmul(kInverse).matmul(a)
    let backpropA = try #require(graph.gradient(wrt: "A"))
    #expect(backpropA.maxAbsDifference(closedFormA) < 1e-12)
    #expect(GradientComparison.relativeError(backpropA, try program.finiteDifference(wrt: "A")) < 1e-8)

    let closedFormB = -1 * kInverse.matmul(b)
    let backpropB = try #require(graph.gradient(wrt: "B"))
    #expect(backpropB.maxAbsDifference(closedFormB) < 1e-12)
    #expect(GradientComparison.relativeError(backpropB, try program.finiteDifference(wrt: "B")) < 1e-8)
  }

  /// d det(A)/dA = det(A)·A⁻ᵀ and d inv(A) = −A⁻ᵀGA⁻ᵀ against cofactor formulas.
  @Test func determinantAndInverseAgainstCofactors() throws {
    let a = Matrix(rowsOf: [[2, -1, 0.5], [1, 3, -2], [0.25, 1, 4]])
    let m = try #require(a)
    let graph = try GraphProgram.parse("A = 0\nd = det(A)").replacingInput("A", with: m).evaluate()
    #expect(abs(try value(graph, "d") - determinant3x3(m)) < 1e-12)
    let expected = determinant3x3(m) * inverse3x3(m).transposed
    #expect(try #require(graph.gradient(wrt: "A")).maxAbsDifference(expected) < 1e-12)

    let inverseGraph = try GraphProgram.parse("A = 0\nB = inv(A)\ny = sum(B)").replacingInput("A", with: m)
      .evaluate()
    let aInverse = inverse3x3(m)
    #expect(try #require(inverseGraph.node(named: "B")).value.maxAbsDifference(aInverse) < 1e-14)
    let ones = Matrix(rows: 3, cols: 3, repeating: 1)
    let expectedInverse = -1 * aInverse.transposed.matmul(ones).matmul(aInverse.transposed)
    #expect(try #require(inverseGraph.gradient(wrt: "A")).maxAbsDifference(expectedInverse) < 1e-13)
  }
}
