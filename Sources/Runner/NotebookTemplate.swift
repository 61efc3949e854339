/// The notebooks `gradbook new` writes: each runs as it is and passes `gradbook check`.
///
/// Generated text kept as Swift string literals (raw, so backslashes are literal).
public enum NotebookTemplate: String, CaseIterable, Sendable {
  /// A model, a step, a gradient check and a graph, with checks.
  case worksheet
  /// A data set, a model, a step, training and a comparison.
  case experiment
  /// A computational graph in reverse mode.
  case graph

  /// One line describing the template, for `gradbook new` without a name.
  public var summary: String {
    switch self {
    case .worksheet: return "a model, a step, a gradient check and a graph, with checks"
    case .experiment: return "a data set, a model, a step, training and a comparison"
    case .graph: return "a computational graph in reverse mode"
    }
  }

  /// The notebook text.
  public var text: String {
    switch self {
    case .worksheet:
      return #"""
        ---
        title: Worksheet
        seed: 0            # every random draw derives from this seed
        ---

        # Worksheet: one step of backpropagation

        <!-- Written by `gradbook new`. Run it with `gradbook check NAME.md`; a block is a
        fence whose info string starts with `{`, its body is YAML. -->

        ```{model net}
        # One dense layer with given weights, so the numbers can be checked by hand.
        layers:
          - dense: {in: 2, out: 1, weights: [[0.5, -0.5]], bias: [0]}
          - sigmoid
        loss: bce
        ```

        ```{step}
        # z = 0.5·1 − 0.5·1 = 0, a = σ(0) = 0.5, loss = −ln 0.5 = ln 2.
        model: net
        input: [1, 1]
        target: 1
        expect:               # checks: `gradbook check` fails when one does not hold
          loss: 0.693147 ± 1e-6
        printed:              # what a source printed, compared with the exact value
          source: "ln 2, by hand"
          loss: 0.6931
        ```

        Backprop against finite differences:

        ```{gradcheck}
        model: net
        input: [1, 1]
        target: 1
        expect:
          max-relative-error: "< 1e-5"
        ```

        The chain rule on a graph, node by node:

        ```{graph}
        x = 2
        y = x^2
        expect:
          dy/dx: 4 ± 1e-9
        printed:
          dy/dx: 4
        ```
        """# + "\n"
    case .experiment:
      return #"""
        ---
        title: Experiment
        seed: 0            # every random draw derives from this seed
        ---

        # Experiment: training and comparing

        <!-- Written by `gradbook new`. Run it with `gradbook check NAME.md`. -->

        ```{data points}
        # 40 points of the XOR problem (other sources: gaussian, moons, circles, spiral, csv).
        source: xor
        n: 40
        ```

        ```{model net}
        # One dense layer with given weights, so the numbers can be checked by hand.
        layers:
          - dense: {in: 2, out: 1, weights: [[0.5, -0.5]], bias: [0]}
          - sigmoid
        loss: bce
        ```

        ```{step}
        # z = 0.5·1 − 0.5·1 = 0, a = σ(0) = 0.5, loss = −ln 0.5 = ln 2.
        model: net
        input: [1, 1]
        target: 1
        expect:               # checks: `gradbook check` fails when one does not hold
          loss: 0.693147 ± 1e-6
        printed:              # what a source printed, compared with the exact value
          source: "ln 2, by hand"
          loss: 0.6931
        ```

        ```{train run}
        model: net
        data: points
        optimizer: sgd
        learning-rate: 0.5
        batch: 8
        epochs: 20
        expect:
          train.loss: "< 1"
        ```

        ```{compare rates}
        # The same training with each learning rate.
        train: run
        vary:
          learning-rate: [0.1, 0.5]
        ```
        """# + "\n"
    case .graph:
      return #"""
        ---
        title: Graph
        seed: 0            # every random draw derives from this seed
        ---

        # A computational graph in reverse mode

        <!-- Written by `gradbook new`. A graph body is one assignment a line; the last
        one is the output, differentiated with respect to every input. -->

        ```{graph}
        x = 2
        y = x^2
        expect:
          dy/dx: 4 ± 1e-9
        printed:
          dy/dx: 4
        ```
        """# + "\n"
    }
  }
}
