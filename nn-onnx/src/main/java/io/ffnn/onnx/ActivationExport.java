package io.ffnn.onnx;

import io.ffnn.api.Activation;
import java.util.List;

/**
 * The ONNX export of each built-in activation (the export half of its {@link
 * OnnxActivationForm}, whose patterns are in {@link Forms}), applied to a layer's {@code [N, n]}
 * pre-activations (examples as rows, so softmax and log-softmax run along axis 1). An activation
 * with an ONNX operator is that operator, with PyTorch's parameters where ONNX has its own
 * defaults (hard sigmoid's slope 1/6). In a float64 graph, the operators whose parameters ONNX
 * holds as float attributes (Elu, Celu, Selu, LeakyRelu, HardSigmoid) are written as their
 * definitions with double constants, so that nothing is rounded to float, and so are those that
 * ONNX Runtime implements for float only (Softplus, Softsign, Mish, and SiLU, whose {@code x ·
 * σ(x)} it fuses into a float-only kernel); GELU, whose error function no double kernel computes,
 * runs in float between two casts. Mish and GELU are written as PyTorch writes them, {@code x ·
 * tanh(softplus(x))} and {@code ½ x (1 + erf(x / √2))}, whose operators older runtimes have
 * (opsets 1 and 9, where Mish needs 18 and Gelu 20). The activations ONNX has no operator for
 * (silu, gelu_tanh, relu6, hard_tanh, softplus with β ≠ 1) are their definitions in both
 * precisions.
 */
final class ActivationExport {

  private ActivationExport() {}

  /**
   * Adds the nodes of built-in activation {@code g} from {@code in} to a node named {@code
   * out}.
   *
   * @throws IllegalArgumentException naming the plugin if it has no ONNX form
   */
  static void add(Graph graph, Activation g, String in, String out) {
    boolean exact = graph.elemType == Graph.DOUBLE;
    switch (g.name()) {
      case "identity":
        graph.node(Op.IDENTITY, out, List.of(in));
        return;
      case "relu":
        graph.node(Op.RELU, out, List.of(in));
        return;
      case "sigmoid":
        graph.node(Op.SIGMOID, out, List.of(in));
        return;
      case "tanh":
        graph.node(Op.TANH, out, List.of(in));
        return;
      case "softsign":
        if (!exact) {
          graph.node(Op.SOFTSIGN, out, List.of(in));
        } else {
          graph.node(Op.DIV, out, List.of(in, graph.apply(Op.ADD, List.of(graph.scalar(1),
              graph.apply(Op.ABS, List.of(in))))));
        }
        return;
      case "softmax":
        graph.node(Op.SOFTMAX, out, List.of(in), Graph.intAttribute("axis", 1));
        return;
      case "log_softmax":
        graph.node(Op.LOG_SOFTMAX, out, List.of(in), Graph.intAttribute("axis", 1));
        return;
      case "mish":
        if (!exact) {
          // x tanh(softplus(x)), as PyTorch writes it: opset 1 operators, not Mish (opset 18)
          graph.node(Op.MUL, out, List.of(in, graph.apply(Op.TANH, List.of(
              graph.apply(Op.SOFTPLUS, List.of(in))))));
        } else {
          graph.node(Op.MUL, out, List.of(in, graph.apply(Op.TANH, List.of(softplus(graph, in)))));
        }
        return;
      case "gelu":
        // GELU with the exact normal CDF, ½ x (1 + erf(x / √2)) as PyTorch writes it up to
        // opset 19: Erf (opset 9), not Gelu (opset 20)
        if (!exact) {
          gelu(graph, in, out, graph.scalar(Math.sqrt(2)), graph.scalar(1), graph.scalar(0.5));
        } else {
          // no double kernel computes erf: in float between two casts
          String single = graph.apply(Op.CAST, List.of(in), Graph.intAttribute("to", Graph.FLOAT));
          String g32 = graph.fresh("gelu");
          gelu(graph, single, g32, graph.floatScalar(Math.sqrt(2)), graph.floatScalar(1),
              graph.floatScalar(0.5));
          graph.node(Op.CAST, out, List.of(g32), Graph.intAttribute("to", Graph.DOUBLE));
        }
        return;
      case "elu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node(Op.ELU, out, List.of(in), Graph.floatAttribute("alpha", alpha));
        } else {
          // x > 0 ? x : α (eˣ − 1)
          negativeBranch(graph, in, out, expm1(graph, in, 1.0), alpha);
        }
        return;
      }
      case "celu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node(Op.CELU, out, List.of(in), Graph.floatAttribute("alpha", alpha));
        } else {
          // x > 0 ? x : α (e^(x/α) − 1)
          negativeBranch(graph, in, out, expm1(graph, in, alpha), alpha);
        }
        return;
      }
      case "selu": {
        double alpha = 1.6732632423543772848170429916717;
        double lambda = 1.0507009873554804934193349852946;
        if (!exact) {
          graph.node(Op.SELU, out, List.of(in), Graph.floatAttribute("alpha", alpha),
              Graph.floatAttribute("gamma", lambda));
        } else {
          // λ x for x > 0, λ α (eˣ − 1) else, as ffnn computes it
          String positive = graph.apply(Op.MUL, List.of(in, graph.scalar(lambda)));
          String negative = graph.apply(Op.MUL, List.of(expm1(graph, in, 1.0),
              graph.scalar(lambda * alpha)));
          where(graph, in, positive, negative, out);
        }
        return;
      }
      case "leaky_relu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node(Op.LEAKY_RELU, out, List.of(in), Graph.floatAttribute("alpha", alpha));
        } else {
          String negative = graph.apply(Op.MUL, List.of(in, graph.scalar(alpha)));
          where(graph, in, in, negative, out);
        }
        return;
      }
      case "hard_sigmoid":
        if (!exact) {
          // PyTorch's hard sigmoid: ONNX's default slope is 0.2, PyTorch's (and ffnn's) 1/6
          graph.node(Op.HARD_SIGMOID, out, List.of(in), Graph.floatAttribute("alpha", 1.0 / 6),
              Graph.floatAttribute("beta", 0.5));
        } else {
          String linear = graph.apply(Op.ADD, List.of(
              graph.apply(Op.DIV, List.of(in, graph.scalar(6))), graph.scalar(0.5)));
          clamp(graph, linear, 0, 1, out);
        }
        return;
      case "relu6":
        clamp(graph, in, 0, 6, out);
        return;
      case "hard_tanh":
        clamp(graph, in, -1, 1, out);
        return;
      case "silu":
        if (!exact) {
          graph.node(Op.MUL, out, List.of(in, graph.apply(Op.SIGMOID, List.of(in))));
        } else {
          // x / (1 + e^−x): the same function, in a form no float-only kernel takes over
          graph.node(Op.DIV, out, List.of(in, graph.apply(Op.ADD, List.of(graph.scalar(1),
              graph.apply(Op.EXP, List.of(graph.apply(Op.NEG, List.of(in))))))));
        }
        return;
      case "gelu_tanh": {
        // ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))
        String cube = graph.apply(Op.MUL, List.of(in, graph.apply(Op.MUL, List.of(in, in))));
        String inner = graph.apply(Op.MUL, List.of(graph.scalar(Math.sqrt(2 / Math.PI)),
            graph.apply(Op.ADD, List.of(in, graph.apply(Op.MUL, List.of(graph.scalar(0.044715),
                cube))))));
        String onePlus = graph.apply(Op.ADD, List.of(graph.scalar(1),
            graph.apply(Op.TANH, List.of(inner))));
        graph.node(Op.MUL, out, List.of(graph.apply(Op.MUL, List.of(graph.scalar(0.5), in)),
            onePlus));
        return;
      }
      case "softplus": {
        double beta = parameter(g, "beta");
        if (beta == 1 && !exact) {
          graph.node(Op.SOFTPLUS, out, List.of(in));
        } else if (beta == 1) {
          graph.node(Op.IDENTITY, out, List.of(softplus(graph, in)));
        } else {
          String scaled = graph.apply(Op.MUL, List.of(in, graph.scalar(beta)));
          String sp = exact ? softplus(graph, scaled) : graph.apply(Op.SOFTPLUS, List.of(scaled));
          graph.node(Op.DIV, out, List.of(sp, graph.scalar(beta)));
        }
        return;
      }
      default:
        throw new IllegalArgumentException("activation '" + g.spec() + "' (" + g.getClass()
            .getName() + ") has no ONNX form: ONNX has no operator for it");
    }
  }

  private static double parameter(Activation g, String name) {
    Double v = g.parameters().get(name);
    if (v == null) {
      throw new IllegalStateException("activation '" + g.spec() + "' has no parameter " + name);
    }
    return v;
  }

  /** {@code log(1 + eˣ)} as {@code max(x, 0) + log(1 + e^−|x|)}, which does not overflow. */
  private static String softplus(Graph graph, String x) {
    String tail = graph.apply(Op.LOG, List.of(graph.apply(Op.ADD, List.of(graph.scalar(1),
        graph.apply(Op.EXP, List.of(graph.apply(Op.NEG, List.of(
            graph.apply(Op.ABS, List.of(x))))))))));
    return graph.apply(Op.ADD, List.of(graph.apply(Op.RELU, List.of(x)), tail));
  }

  /** {@code out = (x · ½ (1 + erf(x / √2)))}: {@code Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), ½)}. */
  private static void gelu(Graph graph, String x, String out, String sqrt2, String one,
      String half) {
    String erf = graph.apply(Op.ERF, List.of(graph.apply(Op.DIV, List.of(x, sqrt2))));
    graph.node(Op.MUL, out, List.of(graph.apply(Op.MUL, List.of(x, graph.apply(Op.ADD,
        List.of(erf, one)))), half));
  }

  /** {@code e^(x/scale) − 1}. */
  private static String expm1(Graph graph, String x, double scale) {
    String arg = scale == 1.0 ? x : graph.apply(Op.DIV, List.of(x, graph.scalar(scale)));
    return graph.apply(Op.SUB, List.of(graph.apply(Op.EXP, List.of(arg)), graph.scalar(1)));
  }

  /** {@code x > 0 ? x : factor · branch}. */
  private static void negativeBranch(Graph graph, String x, String out, String branch,
      double factor) {
    where(graph, x, x, graph.apply(Op.MUL, List.of(branch, graph.scalar(factor))), out);
  }

  /** {@code out = x > 0 ? positive : negative}. */
  private static void where(Graph graph, String x, String positive, String negative,
      String out) {
    String condition = graph.apply(Op.GREATER, List.of(x, graph.scalar(0)));
    graph.node(Op.WHERE, out, List.of(condition, positive, negative));
  }

  /** {@code out = min(hi, max(lo, x))}. */
  private static void clamp(Graph graph, String x, double lo, double hi, String out) {
    graph.node(Op.MIN, out, List.of(graph.apply(Op.MAX, List.of(x, graph.scalar(lo))),
        graph.scalar(hi)));
  }
}
