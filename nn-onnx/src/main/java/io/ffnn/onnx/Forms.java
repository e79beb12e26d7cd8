package io.ffnn.onnx;

import static io.ffnn.onnx.OnnxPattern.constant;
import static io.ffnn.onnx.OnnxPattern.op;
import static io.ffnn.onnx.OnnxPattern.z;

import io.ffnn.api.Activation;
import io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * Every activation's ONNX form: the built-in activations' (their export in {@link
 * ActivationExport}, their patterns here) and those plugins contribute through {@link
 * ServiceLoader}; the export of a layer's activation, and the recognition of one after a layer.
 */
final class Forms {

  private Forms() {}

  /** A built-in activation's form. */
  private record BuiltIn(String activation, List<OnnxPattern> patterns,
      Function<OnnxMatch, String> reads) implements OnnxActivationForm {

    @Override
    public void export(Activation activation, OnnxNodes nodes, String input, String output) {
      ActivationExport.add(nodes.graph(), activation, input, output);
    }

    @Override
    public String spec(OnnxMatch match) {
      return reads.apply(match);
    }
  }

  /** {@code log(1 + eˣ)} as ffnn's float64 export writes it: {@code max(x, 0) + log(1 +
   * e^−|x|)}. */
  private static OnnxPattern softplus(OnnxPattern x) {
    return op("Add", op("Relu", x), op("Log", op("Add", constant(1), op("Exp", op("Neg",
        op("Abs", x))))));
  }

  /** {@code x > 0 ? positive : negative}, as ffnn's float64 exports write it. */
  private static OnnxPattern where(OnnxPattern positive, OnnxPattern negative) {
    return op("Where", op("Greater", z(), constant(0)), positive, negative);
  }

  /** A parameter from a constant: exact in a double graph, its decimal in a float one. */
  private static String number(OnnxMatch m, double value) {
    return Double.toString(m.isDouble() ? value : OnnxMatch.decimal(value));
  }

  /** A float attribute's value: always a float, so its decimal. */
  private static String attribute(OnnxMatch m, String name, double otherwise) {
    return Double.toString(OnnxMatch.decimal(m.attribute(name, otherwise)));
  }

  private static boolean near(double a, double b) {
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  }

  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  private static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

  /** The built-in forms, by activation name. */
  static final Map<String, OnnxActivationForm> BUILT_IN;

  static {
    Map<String, OnnxActivationForm> m = new LinkedHashMap<>();
    add(m, "identity", List.of(op("Identity", z())), x -> "identity");
    add(m, "relu", List.of(op("Relu", z()), op("Max", z(), constant(0))), x -> "relu");
    add(m, "sigmoid", List.of(op("Sigmoid", z())), x -> "sigmoid");
    add(m, "tanh", List.of(op("Tanh", z())), x -> "tanh");
    add(m, "softsign", List.of(op("Softsign", z()),
        op("Div", z(), op("Add", op("Abs", z()), constant(1)))), x -> "softsign");
    for (String name : List.of("softmax", "log_softmax")) {
      String onnx = name.equals("softmax") ? "Softmax" : "LogSoftmax";
      add(m, name, List.of(op(onnx, z()).capturing("axis")), x -> {
        double axis = x.attribute("axis", x.opset() >= 13 ? -1 : 1);
        return axis == 1 || axis == -1 ? name : null;
      });
    }
    add(m, "mish", List.of(op("Mish", z()), op("Mul", z(), op("Tanh", op("Softplus", z()))),
        op("Mul", z(), op("Tanh", softplus(z())))), x -> "mish");
    add(m, "gelu", List.of(
        op("Gelu", z()).with("approximate", "none", "none"),
        op("Cast", op("Gelu", op("Cast", z())).with("approximate", "none", "none")),
        op("Cast", op("Mul", op("Mul", op("Cast", z()), op("Add", op("Erf", op("Div",
            op("Cast", z()), constant(Math.sqrt(2)))), constant(1))), constant(0.5))),
        // PyTorch up to opset 19, and ffnn's float export: (x (1 + erf(x / √2))) · ½
        op("Mul", op("Mul", z(), op("Add", op("Erf", op("Div", z(), constant(Math.sqrt(2)))),
            constant(1))), constant(0.5)),
        // TensorFlow's gelu, as converters write it: (½ x) (1 + erf(x / √2))
        op("Mul", op("Mul", constant(0.5), z()), op("Add", constant(1), op("Erf", op("Div", z(),
            constant(Math.sqrt(2))))))), x -> "gelu");
    OnnxPattern inner = op("Mul", constant(Math.sqrt(2 / Math.PI)), op("Add", z(),
        op("Mul", constant(0.044715), op("Mul", z(), op("Mul", z(), z())))));
    OnnxPattern onePlus = op("Add", constant(1), op("Tanh", inner));
    add(m, "gelu_tanh", List.of(
        op("Gelu", z()).with("approximate", "tanh"),
        // ffnn's: (½ x) (1 + tanh(…)); PyTorch's: ½ (x (1 + tanh(…)))
        op("Mul", op("Mul", constant(0.5), z()), onePlus),
        op("Mul", constant(0.5), op("Mul", z(), onePlus))), x -> "gelu_tanh");
    OnnxPattern expm1 = op("Sub", op("Exp", z()), constant(1));
    add(m, "elu", List.of(op("Elu", z()).capturing("alpha"),
        where(z(), op("Mul", expm1, constant("alpha")))),
        x -> "elu(alpha=" + (x.pattern() == 0 ? attribute(x, "alpha", 1)
            : number(x, x.constant("alpha"))) + ")");
    add(m, "celu", List.of(op("Celu", z()).capturing("alpha"),
        op("Cast", op("Celu", op("Cast", z())).capturing("alpha")),
        where(z(), op("Mul", op("Sub", op("Exp", op("Div", z(), constant("alpha"))),
            constant(1)), constant("alpha"))),
        where(z(), op("Mul", expm1, constant("alpha")))),
        x -> "celu(alpha=" + (x.pattern() <= 1 ? attribute(x, "alpha", 1)
            : number(x, x.constant("alpha"))) + ")");
    add(m, "selu", List.of(op("Selu", z()).capturing("alpha").capturing("gamma"),
        where(op("Mul", z(), constant(SELU_LAMBDA)), op("Mul", expm1,
            constant(SELU_LAMBDA * SELU_ALPHA)))),
        x -> x.pattern() == 1 || near(x.attribute("alpha", SELU_ALPHA), SELU_ALPHA)
            && near(x.attribute("gamma", SELU_LAMBDA), SELU_LAMBDA) ? "selu" : null);
    add(m, "leaky_relu", List.of(op("LeakyRelu", z()).capturing("alpha"),
        where(z(), op("Mul", z(), constant("alpha")))),
        x -> "leaky_relu(alpha=" + (x.pattern() == 0 ? attribute(x, "alpha", 0.01)
            : number(x, x.constant("alpha"))) + ")");
    add(m, "hard_sigmoid", List.of(op("HardSigmoid", z()).capturing("alpha").capturing("beta"),
        op("Min", op("Max", op("Add", op("Div", z(), constant(6)), constant(0.5)), constant(0)),
            constant(1))),
        x -> x.pattern() == 1 || near(x.attribute("alpha", 0.2), 1.0 / 6)
            && near(x.attribute("beta", 0.5), 0.5) ? "hard_sigmoid" : null);
    for (String name : List.of("relu6", "hard_tanh")) {
      double lo = name.equals("relu6") ? 0 : -1;
      double hi = name.equals("relu6") ? 6 : 1;
      add(m, name, List.of(op("Min", op("Max", z(), constant(lo)), constant(hi)),
          op("Clip", z(), constant("min"), constant("max")),
          op("Clip", z()).capturing("min").capturing("max")), x -> {
            double a = x.pattern() == 1 ? x.constant("min") : x.attribute("min", lo);
            double b = x.pattern() == 1 ? x.constant("max") : x.attribute("max", hi);
            return x.pattern() == 0 || a == lo && b == hi ? name : null;
          });
    }
    add(m, "silu", List.of(op("Mul", z(), op("Sigmoid", z())),
        op("Div", z(), op("Add", constant(1), op("Exp", op("Neg", z()))))), x -> "silu");
    add(m, "softplus", List.of(op("Softplus", z()), op("Identity", softplus(z())),
        op("Div", op("Softplus", op("Mul", z(), constant("beta"))), constant("beta")),
        op("Div", softplus(op("Mul", z(), constant("beta"))), constant("beta"))),
        x -> x.pattern() <= 1 ? "softplus" : "softplus(beta=" + number(x, x.constant("beta"))
            + ")");
    BUILT_IN = Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, OnnxActivationForm> m, String name,
      List<OnnxPattern> patterns, Function<OnnxMatch, String> reads) {
    m.put(name, new BuiltIn(name, patterns, reads));
  }

  /** The forms plugins contribute, found on the class path and module path. */
  private static final List<OnnxActivationForm> CONTRIBUTED = ServiceLoader
      .load(OnnxActivationForm.class).stream().map(ServiceLoader.Provider::get).toList();

  /** Export-only contributions, the SPI before {@link OnnxActivationForm}. */
  private static final List<OnnxActivationExport> EXPORTS = ServiceLoader
      .load(OnnxActivationExport.class).stream().map(ServiceLoader.Provider::get).toList();

  /** Every form the importer tries: the built-in ones, then the contributed ones. */
  static List<OnnxActivationForm> all() {
    List<OnnxActivationForm> all = new ArrayList<>(BUILT_IN.values());
    all.addAll(CONTRIBUTED);
    return all;
  }

  /**
   * Adds the nodes of a layer's activation from {@code in} to a node named {@code out}.
   *
   * @throws IllegalArgumentException naming the plugin if it has no ONNX form
   */
  static void export(Graph graph, Activation g, String in, String out) {
    if (g.getClass().getName().startsWith("io.ffnn.activations.")) {
      OnnxActivationForm form = BUILT_IN.get(g.name());
      if (form == null) {
        throw new IllegalArgumentException("activation '" + g.spec() + "' (" + g.getClass()
            .getName() + ") has no ONNX form: ONNX has no operator for it");
      }
      form.export(g, new OnnxNodes(graph), in, out);
      return;
    }
    for (OnnxActivationForm form : CONTRIBUTED) {
      if (form.activation().equals(g.name())) {
        form.export(g, new OnnxNodes(graph), in, out);
        return;
      }
    }
    for (OnnxActivationExport contribution : EXPORTS) {
      if (contribution.activation().equals(g.name())) {
        contribution.export(g, new OnnxNodes(graph), in, out);
        return;
      }
    }
    throw new IllegalArgumentException("activation '" + g.spec() + "' (" + g.getClass()
        .getName() + ") has no ONNX export: register an " + OnnxActivationForm.class.getName()
        + " for it with the plugin");
  }

  /**
   * An activation recognised after a layer.
   *
   * @param specs the activations whose forms matched the most nodes, the first preferred; each
   *     computes the same function
   * @param root the node whose output is the activation's
   * @param nodes how many nodes it replaces
   */
  record Recognised(List<String> specs, ModelGraph.Node root, int nodes) {}

  /** How many nodes after {@code Z} are tried as a pattern's root, at most. */
  private static final int MAX_CANDIDATES = 64;

  /**
   * The forms' patterns by the operator of their root, and how deep the deepest reaches: made
   * once per import.
   */
  static final class Index {
    record Entry(OnnxActivationForm form, int index, OnnxPattern pattern) {}

    final Map<String, List<Entry>> byRoot = new HashMap<>();
    final int depth;

    Index(List<OnnxActivationForm> forms) {
      int d = 1;
      for (OnnxActivationForm form : forms) {
        List<OnnxPattern> patterns = form.patterns();
        for (int i = 0; i < patterns.size(); i++) {
          OnnxPattern p = patterns.get(i);
          if (p.kind == OnnxPattern.Kind.OP) {
            byRoot.computeIfAbsent(p.name, k -> new ArrayList<>()).add(new Entry(form, i, p));
            d = Math.max(d, p.depth());
          }
        }
      }
      depth = Math.min(d, 32);
    }
  }

  /**
   * The activation the nodes after a layer's {@code Z} compute, if a form recognises them.
   *
   * @param g the graph
   * @param z the layer's pre-activations
   * @param isDouble whether the graph computes in double
   * @param forms the forms to try
   * @return the match covering the most nodes, or null if none matched
   */
  static Recognised recognise(ModelGraph g, String z, boolean isDouble, Index forms)
      throws IOException {
    List<ModelGraph.Node> candidates = new ArrayList<>();
    Set<ModelGraph.Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<ModelGraph.Node> frontier = new ArrayDeque<>(g.consumers(z));
    for (int depth = 0; depth < forms.depth && !frontier.isEmpty()
        && candidates.size() < MAX_CANDIDATES; depth++) {
      ArrayDeque<ModelGraph.Node> next = new ArrayDeque<>();
      for (ModelGraph.Node n : frontier) {
        if (seen.add(n) && candidates.size() < MAX_CANDIDATES) {
          candidates.add(n);
          for (String out : n.outputs()) {
            next.addAll(g.consumers(out));
          }
        }
      }
      frontier = next;
    }
    int best = 0;
    ModelGraph.Node bestRoot = null;
    List<String> specs = new ArrayList<>();
    for (ModelGraph.Node root : candidates) {
      if (!root.proto().getDomain().isEmpty() && root.op() == null) {
        continue;
      }
      for (Index.Entry entry : forms.byRoot.getOrDefault(root.proto().getOpType(), List.of())) {
        OnnxActivationForm form = entry.form();
        int i = entry.index();
        OnnxPattern p = entry.pattern();
        Matcher m = new Matcher(g, z);
        if (!m.match(p, root.output()) || !m.closed(root)) {
          continue;
        }
        String spec;
        try {
          spec = form.spec(new OnnxMatch(i, isDouble, g.opset, m.constants, m.attributes));
        } catch (RuntimeException e) {
          throw new IOException("the ONNX form of activation '" + form.activation() + "' ("
              + form.getClass().getName() + ") failed on " + root.describe() + ": " + e, e);
        }
        if (spec == null) {
          continue;
        }
        int size = m.matched.size();
        if (size > best || size == best && root == bestRoot) {
          if (size > best) {
            specs.clear();
          }
          best = size;
          bestRoot = root;
          if (!specs.contains(spec)) {
            specs.add(spec);
          }
        }
      }
    }
    return bestRoot == null ? null : new Recognised(List.copyOf(specs), bestRoot, best);
  }

  /** One attempt to match a pattern, with what it has captured and covered so far. */
  private static final class Matcher {
    private final ModelGraph g;
    private final String z;
    final Map<String, Double> constants = new HashMap<>();
    final Map<String, Double> attributes = new HashMap<>();
    final Set<ModelGraph.Node> matched = Collections.newSetFromMap(new IdentityHashMap<>());

    Matcher(ModelGraph g, String z) {
      this.g = g;
      this.z = z;
    }

    boolean match(OnnxPattern p, String tensor) {
      switch (p.kind) {
        case Z:
          return tensor.equals(z);
        case CAPTURE: {
          Double v = g.scalar(tensor);
          if (v == null) {
            return false;
          }
          Double had = constants.putIfAbsent(p.name, v);
          return had == null || had.equals(v);
        }
        case VALUE: {
          Double v = g.scalar(tensor);
          return v != null && near(v, p.value);
        }
        case INTS:
          return java.util.Arrays.equals(g.longs(tensor), p.ints);
        default:
          break;
      }
      ModelGraph.Node n = g.producer(tensor);
      if (n == null || !n.proto().getOpType().equals(p.name)
          || n.op() == null && !n.proto().getDomain().isEmpty()
          || n.inputs().size() != p.inputs.size() || !n.output().equals(tensor)
          || !attributes(n, p)) {
        return false;
      }
      if (p.commutative()) {
        Map<String, Double> c = new HashMap<>(constants);
        Map<String, Double> a = new HashMap<>(attributes);
        Set<ModelGraph.Node> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(matched);
        if (match(p.inputs.get(0), n.inputs().get(0)) && match(p.inputs.get(1),
            n.inputs().get(1))) {
          matched.add(n);
          return true;
        }
        constants.clear();
        constants.putAll(c);
        attributes.clear();
        attributes.putAll(a);
        matched.clear();
        matched.addAll(s);
        if (match(p.inputs.get(0), n.inputs().get(1)) && match(p.inputs.get(1),
            n.inputs().get(0))) {
          matched.add(n);
          return true;
        }
        return false;
      }
      for (int i = 0; i < p.inputs.size(); i++) {
        if (!match(p.inputs.get(i), n.inputs().get(i))) {
          return false;
        }
      }
      matched.add(n);
      return true;
    }

    /** The node's attributes against the pattern's requirements; captures those it names. */
    private boolean attributes(ModelGraph.Node n, OnnxPattern p) {
      for (Map.Entry<String, Object> e : p.required.entrySet()) {
        Object[] want = (Object[]) e.getValue();
        AttributeProto a = n.attribute(e.getKey());
        Object value = want[0];
        if (a == null) {
          if (want[1] == null || !want[1].equals(value)) {
            return false;
          }
          continue;
        }
        if (value instanceof String s) {
          if (!a.getS().toStringUtf8().equals(s)) {
            return false;
          }
        } else {
          double have = a.getType() == AttributeProto.AttributeType.INT ? a.getI() : a.getF();
          if (!near(have, ((Number) value).doubleValue())) {
            return false;
          }
        }
      }
      for (String name : p.captured) {
        AttributeProto a = n.attribute(name);
        if (a != null) {
          attributes.put(name, a.getType() == AttributeProto.AttributeType.INT
              ? (double) a.getI() : (double) a.getF());
        }
      }
      return true;
    }

    /**
     * Whether what matched computes nothing else: every reader of {@code Z} and of each matched
     * node's outputs, other than the root's, is itself matched.
     */
    boolean closed(ModelGraph.Node root) {
      for (ModelGraph.Node reader : g.consumers(z)) {
        if (!matched.contains(reader)) {
          return false;
        }
      }
      for (ModelGraph.Node n : matched) {
        for (String out : n.outputs()) {
          if (n == root && out.equals(root.output())) {
            continue;
          }
          for (ModelGraph.Node reader : g.consumers(out)) {
            if (!matched.contains(reader)) {
              return false;
            }
          }
        }
      }
      return true;
    }
  }
}
