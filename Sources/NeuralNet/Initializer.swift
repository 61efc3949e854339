import Tensor

/// How a dense layer's weights W (out × in) start. Biases start at 0 under
/// every initializer. Formulas are PyTorch's `torch.nn.init` with gain 1
/// (xavier) and gain √2 (he), fan_in = in, fan_out = out:
///
/// | case | distribution |
/// |---|---|
/// | `zeros` | 0 |
/// | `constant(c)` | c |
/// | `normal(std:)` | N(0, std²) |
/// | `uniform(a:)` | U(−a, a) |
/// | `xavier` | U(−a, a), a = √(6/(fan_in + fan_out)) (Glorot uniform, the default) |
/// | `xavierNormal` | N(0, σ²), σ = √(2/(fan_in + fan_out)) |
/// | `he` | N(0, σ²), σ = √2/√fan_in (kaiming_normal_, fan_in) |
/// | `heUniform` | U(−b, b), b = √2·√(3/fan_in) = √(6/fan_in) |
/// | `lecun` | N(0, σ²), σ = 1/√fan_in |
public enum Initializer: Hashable, Sendable {
  /// Every weight 0.
  case zeros
  /// Every weight `c`.
  case constant(Double)
  /// N(0, std²).
  case normal(std: Double)
  /// U(−a, a).
  case uniform(a: Double)
  /// Glorot uniform, bound √(6/(in + out)).
  case xavier
  /// Glorot normal, std √(2/(in + out)).
  case xavierNormal
  /// Kaiming normal on fan-in, std √2/√in.
  case he
  /// Kaiming uniform on fan-in, bound √(6/in).
  case heUniform
  /// LeCun normal, std 1/√in.
  case lecun

  /// The base names `parse` accepts.
  public static let names = [
    "zeros", "constant", "normal", "uniform", "xavier", "xavier-normal", "he", "he-uniform", "lecun",
  ]

  /// Other spellings accepted.
  static let aliases: [String: String] = [
    "zero": "zeros", "xavier-uniform": "xavier", "glorot": "xavier", "glorot-uniform": "xavier",
    "glorot-normal": "xavier-normal", "kaiming": "he", "he-normal": "he", "kaiming-normal": "he",
    "kaiming-uniform": "he-uniform", "lecun-normal": "lecun",
  ]

  /// Reads `zeros`, `constant(0.5)`, `normal(0.01)`, `normal(std=0.01)`,
  /// `uniform(0.1)`, `uniform(a=0.1)`, `xavier`, `xavier-normal`, `he`,
  /// `he-uniform`, `lecun` (case-insensitive; `_` reads as `-`; aliases such as
  /// `glorot`, `kaiming`). `constant` also takes `c=` or `value=`.
  /// - Throws: an unknown name (hint "Did you mean …?"), a missing or bad
  ///   parameter, a negative std or bound. `key` is `"init"`.
  public static func parse(_ text: String) throws(NeuralNetError) -> Initializer {
    let call = try CallSyntax.parse(text, what: "init", key: "init")
    let name = aliases[call.name] ?? call.name
    switch name {
    case "zeros":
      _ = try call.bind([], key: "init")
      return .zeros
    case "xavier":
      _ = try call.bind([], key: "init")
      return .xavier
    case "xavier-normal":
      _ = try call.bind([], key: "init")
      return .xavierNormal
    case "he":
      _ = try call.bind([], key: "init")
      return .he
    case "he-uniform":
      _ = try call.bind([], key: "init")
      return .heUniform
    case "lecun":
      _ = try call.bind([], key: "init")
      return .lecun
    case "constant":
      let renamed = CallSyntax(
        name: call.name,
        arguments: call.arguments.map { .init(key: $0.key == "value" ? "c" : $0.key, value: $0.value) },
        text: call.text)
      return .constant(try required(renamed, "c", example: "constant(0.5)"))
    case "normal":
      let std = try required(call, "std", example: "normal(0.01)")
      guard std >= 0 else {
        throw NeuralNetError("normal std must be ≥ 0, not \(formatNumber(std))", key: "init")
      }
      return .normal(std: std)
    case "uniform":
      let a = try required(call, "a", example: "uniform(0.1)")
      guard a >= 0 else {
        throw NeuralNetError("uniform bound a must be ≥ 0, not \(formatNumber(a))", key: "init")
      }
      return .uniform(a: a)
    default:
      throw NeuralNetError(
        "unknown init '\(text)'",
        hint: NameCategory.crossHint(for: text, expected: .initializer)
          ?? NameSuggestion.hint(for: call.name, among: names), key: "init")
    }
  }

  /// The single numeric parameter `parameter` of `call`, which must be given.
  private static func required(
    _ call: CallSyntax, _ parameter: String, example: String
  ) throws(NeuralNetError) -> Double {
    let texts = try call.bind([parameter], key: "init")
    guard let t = texts[0] else {
      throw NeuralNetError("\(call.name) needs a value", hint: "Write e.g. \(example).", key: "init")
    }
    return try CallSyntax.number(t, what: "\(parameter) in '\(call.text)'", key: "init")
  }

  /// The canonical name: `zeros`, `constant(0.5)`, `normal(0.01)`,
  /// `uniform(0.1)`, `xavier`, `xavier-normal`, `he`, `he-uniform`, `lecun`.
  public var name: String {
    switch self {
    case .zeros: return "zeros"
    case .constant(let c): return "constant(\(formatNumber(c)))"
    case .normal(let std): return "normal(\(formatNumber(std)))"
    case .uniform(let a): return "uniform(\(formatNumber(a)))"
    case .xavier: return "xavier"
    case .xavierNormal: return "xavier-normal"
    case .he: return "he"
    case .heUniform: return "he-uniform"
    case .lecun: return "lecun"
    }
  }

  /// How the weights of an `out × in` layer are spread: the bound `a` of
  /// U(−a, a), the std of N(0, std²), or the constant.
  public enum Distribution: Hashable, Sendable {
    /// Every weight equal to the value.
    case constant(Double)
    /// U(−a, a).
    case uniform(bound: Double)
    /// N(0, std²).
    case normal(std: Double)
  }

  /// The distribution for a layer with `in` inputs and `out` outputs (the
  /// formulas in the type's table). Sizes must be ≥ 1.
  public func distribution(out: Int, in fanIn: Int) -> Distribution {
    let fi = Double(fanIn)
    let fo = Double(out)
    switch self {
    case .zeros: return .constant(0)
    case .constant(let c): return .constant(c)
    case .normal(let std): return .normal(std: std)
    case .uniform(let a): return .uniform(bound: a)
    case .xavier: return .uniform(bound: (6 / (fi + fo)).squareRoot())
    case .xavierNormal: return .normal(std: (2 / (fi + fo)).squareRoot())
    case .he: return .normal(std: 2.0.squareRoot() / fi.squareRoot())
    case .heUniform: return .uniform(bound: 2.0.squareRoot() * (3 / fi).squareRoot())
    case .lecun: return .normal(std: 1 / fi.squareRoot())
    }
  }

  /// A fresh `out × in` weight matrix, drawn element by element in row-major
  /// order from `rng` (uniform: −a + 2a·u; normal: std·z with Box–Muller z).
  /// `zeros` and `constant` draw nothing. Sizes must be ≥ 1 (``Network``
  /// checks them before calling).
  public func weights(out: Int, in fanIn: Int, rng: inout RandomSource) -> Matrix {
    var w = Matrix(rows: out, cols: fanIn)
    switch distribution(out: out, in: fanIn) {
    case .constant(let c):
      if c != 0 { w = Matrix(rows: out, cols: fanIn, repeating: c) }
    case .uniform(let a):
      for i in 0..<w.count { w.storage[i] = rng.uniform(-a, a) }
    case .normal(let std):
      for i in 0..<w.count { w.storage[i] = rng.normal(mean: 0, std: std) }
    }
    return w
  }
}
