package io.ffnn.onnx;

import io.ffnn.api.Activation;
import java.util.List;

/**
 * The ONNX form of each built-in activation, applied to a layer's {@code [N, n]} pre-activations
 * (examples as rows, so softmax and log-softmax run along axis 1). An activation with an ONNX
 * operator is that operator, with PyTorch's parameters where ONNX has its own defaults (hard
 * sigmoid's slope 1/6). In a float64 graph, the operators whose parameters ONNX holds as float
 * attributes (Elu, Celu, Selu, LeakyRelu, HardSigmoid) are written as their definitions with
 * double constants, so that nothing is rounded to float, and so are those that ONNX Runtime
 * implements for float only (Softplus, Softsign, Mish, and SiLU, whose {@code x · σ(x)} it fuses
 * into a float-only kernel); GELU, whose error function no double kernel computes, runs in float
 * between two casts. The activations ONNX has no operator for (silu, gelu_tanh, relu6, hard_tanh,
 * softplus with β ≠ 1) are their definitions in both precisions.
 */
final class ActivationExport {

  private ActivationExport() {}

  /**
   * Adds the nodes of {@code g} from {@code in} to a node named {@code out}.
   *
   * @throws IllegalArgumentException naming the plugin if it has no ONNX form
   */
  static void add(Graph graph, Activation g, String in, String out) {
    boolean exact = graph.elemType == Graph.DOUBLE;
    switch (g.name()) {
      case "identity":
        graph.node("Identity", out, List.of(in));
        return;
      case "relu":
        graph.node("Relu", out, List.of(in));
        return;
      case "sigmoid":
        graph.node("Sigmoid", out, List.of(in));
        return;
      case "tanh":
        graph.node("Tanh", out, List.of(in));
        return;
      case "softsign":
        if (!exact) {
          graph.node("Softsign", out, List.of(in));
        } else {
          graph.node("Div", out, List.of(in, graph.apply("Add", List.of(graph.scalar(1),
              graph.apply("Abs", List.of(in))))));
        }
        return;
      case "softmax":
        graph.node("Softmax", out, List.of(in), Graph.intAttribute("axis", 1));
        return;
      case "log_softmax":
        graph.node("LogSoftmax", out, List.of(in), Graph.intAttribute("axis", 1));
        return;
      case "mish":
        if (!exact) {
          graph.node("Mish", out, List.of(in));
        } else {
          graph.node("Mul", out, List.of(in, graph.apply("Tanh", List.of(softplus(graph, in)))));
        }
        return;
      case "gelu":
        // GELU with the exact normal CDF (Gelu, opset 20, approximate = "none")
        if (!exact) {
          graph.node("Gelu", out, List.of(in));
        } else {
          String single = graph.apply("Cast", List.of(in), Graph.intAttribute("to", Graph.FLOAT));
          graph.node("Cast", out, List.of(graph.apply("Gelu", List.of(single))),
              Graph.intAttribute("to", Graph.DOUBLE));
        }
        return;
      case "elu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node("Elu", out, List.of(in), Graph.floatAttribute("alpha", alpha));
        } else {
          // x > 0 ? x : α (eˣ − 1)
          negativeBranch(graph, in, out, expm1(graph, in, 1.0), alpha);
        }
        return;
      }
      case "celu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node("Celu", out, List.of(in), Graph.floatAttribute("alpha", alpha));
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
          graph.node("Selu", out, List.of(in), Graph.floatAttribute("alpha", alpha),
              Graph.floatAttribute("gamma", lambda));
        } else {
          // λ x for x > 0, λ α (eˣ − 1) else, as ffnn computes it
          String positive = graph.apply("Mul", List.of(in, graph.scalar(lambda)));
          String negative = graph.apply("Mul", List.of(expm1(graph, in, 1.0),
              graph.scalar(lambda * alpha)));
          where(graph, in, positive, negative, out);
        }
        return;
      }
      case "leaky_relu": {
        double alpha = parameter(g, "alpha");
        if (!exact) {
          graph.node("LeakyRelu", out, List.of(in), Graph.floatAttribute("alpha", alpha));
        } else {
          String negative = graph.apply("Mul", List.of(in, graph.scalar(alpha)));
          where(graph, in, in, negative, out);
        }
        return;
      }
      case "hard_sigmoid":
        if (!exact) {
          // PyTorch's hard sigmoid: ONNX's default slope is 0.2, PyTorch's (and ffnn's) 1/6
          graph.node("HardSigmoid", out, List.of(in), Graph.floatAttribute("alpha", 1.0 / 6),
              Graph.floatAttribute("beta", 0.5));
        } else {
          String linear = graph.apply("Add", List.of(
              graph.apply("Div", List.of(in, graph.scalar(6))), graph.scalar(0.5)));
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
          graph.node("Mul", out, List.of(in, graph.apply("Sigmoid", List.of(in))));
        } else {
          // x / (1 + e^−x): the same function, in a form no float-only kernel takes over
          graph.node("Div", out, List.of(in, graph.apply("Add", List.of(graph.scalar(1),
              graph.apply("Exp", List.of(graph.apply("Neg", List.of(in))))))));
        }
        return;
      case "gelu_tanh": {
        // ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))
        String cube = graph.apply("Mul", List.of(in, graph.apply("Mul", List.of(in, in))));
        String inner = graph.apply("Mul", List.of(graph.scalar(Math.sqrt(2 / Math.PI)),
            graph.apply("Add", List.of(in, graph.apply("Mul", List.of(graph.scalar(0.044715),
                cube))))));
        String onePlus = graph.apply("Add", List.of(graph.scalar(1),
            graph.apply("Tanh", List.of(inner))));
        graph.node("Mul", out, List.of(graph.apply("Mul", List.of(graph.scalar(0.5), in)),
            onePlus));
        return;
      }
      case "softplus": {
        double beta = parameter(g, "beta");
        if (beta == 1 && !exact) {
          graph.node("Softplus", out, List.of(in));
        } else if (beta == 1) {
          graph.node("Identity", out, List.of(softplus(graph, in)));
        } else {
          String scaled = graph.apply("Mul", List.of(in, graph.scalar(beta)));
          String sp = exact ? softplus(graph, scaled) : graph.apply("Softplus", List.of(scaled));
          graph.node("Div", out, List.of(sp, graph.scalar(beta)));
        }
        return;
      }
      default:
        if (!g.getClass().getName().startsWith("io.ffnn.activations.")) {
          for (OnnxActivationExport contribution : CONTRIBUTIONS) {
            if (contribution.activation().equals(g.name())) {
              contribution.export(g, new OnnxNodes(graph), in, out);
              return;
            }
          }
          throw new IllegalArgumentException("activation '" + g.spec() + "' (" + g.getClass()
              .getName() + ") has no ONNX export: register an " + OnnxActivationExport.class
              .getName() + " for it with the plugin");
        }
        throw new IllegalArgumentException("activation '" + g.spec() + "' (" + g.getClass()
            .getName() + ") has no ONNX form: ONNX has no operator for it");
    }
  }

  /** The contributions found on the class path and module path. */
  private static final List<OnnxActivationExport> CONTRIBUTIONS = java.util.ServiceLoader
      .load(OnnxActivationExport.class).stream().map(java.util.ServiceLoader.Provider::get)
      .toList();

  private static double parameter(Activation g, String name) {
    Double v = g.parameters().get(name);
    if (v == null) {
      throw new IllegalStateException("activation '" + g.spec() + "' has no parameter " + name);
    }
    return v;
  }

  /** {@code log(1 + eˣ)} as {@code max(x, 0) + log(1 + e^−|x|)}, which does not overflow. */
  private static String softplus(Graph graph, String x) {
    String tail = graph.apply("Log", List.of(graph.apply("Add", List.of(graph.scalar(1),
        graph.apply("Exp", List.of(graph.apply("Neg", List.of(
            graph.apply("Abs", List.of(x))))))))));
    return graph.apply("Add", List.of(graph.apply("Relu", List.of(x)), tail));
  }

  /** {@code e^(x/scale) − 1}. */
  private static String expm1(Graph graph, String x, double scale) {
    String arg = scale == 1.0 ? x : graph.apply("Div", List.of(x, graph.scalar(scale)));
    return graph.apply("Sub", List.of(graph.apply("Exp", List.of(arg)), graph.scalar(1)));
  }

  /** {@code x > 0 ? x : factor · branch}. */
  private static void negativeBranch(Graph graph, String x, String out, String branch,
      double factor) {
    where(graph, x, x, graph.apply("Mul", List.of(branch, graph.scalar(factor))), out);
  }

  /** {@code out = x > 0 ? positive : negative}. */
  private static void where(Graph graph, String x, String positive, String negative,
      String out) {
    String condition = graph.apply("Greater", List.of(x, graph.scalar(0)));
    graph.node("Where", out, List.of(condition, positive, negative));
  }

  /** {@code out = min(hi, max(lo, x))}. */
  private static void clamp(Graph graph, String x, double lo, double hi, String out) {
    graph.node("Min", out, List.of(graph.apply("Max", List.of(x, graph.scalar(lo))),
        graph.scalar(hi)));
  }
}
