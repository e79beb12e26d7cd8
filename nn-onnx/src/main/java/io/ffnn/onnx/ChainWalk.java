package io.ffnn.onnx;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The walk along an ONNX graph's chain, from its input to its output, that {@link OnnxImport}
 * builds a model from: a leading {@code Flatten} or {@code Reshape}, the input scaler, the layers
 * with their activations (recognised by their {@link OnnxActivationForm}s), the target scaler.
 * Each node is visited once; a tensor reached twice is a cycle.
 */
final class ChainWalk {
  private final ModelGraph p;
  /** The tensor the walk has reached. */
  private String x;
  /** The tensors the walk has passed through: reaching one again is a cycle. */
  private final Set<String> visited = new HashSet<>();
  private int elemType;
  /** A layer's weights, read into their place when the network is built. */
  private record Weights(ModelGraph.Tensor tensor, int rows, int cols, boolean transposed) {}

  private final List<Weights> weights = new ArrayList<>();
  private final List<double[]> biases = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  private final List<String> activations = new ArrayList<>();

  private final OnnxImport.Output output;
  private final Forms.Index forms = new Forms.Index(Forms.all());
  /** The layers' activation specs as the exporting ffnn wrote them; null where it did not. */
  private final String[] written;

  ChainWalk(ModelGraph p, OnnxImport.Output output) {
    this.p = p;
    this.output = output;
    String[] specs = new String[Math.min(p.metadata.size(), NetworkSpec.MAX_LAYERS)];
    for (int l = 1; l <= specs.length; l++) {
      specs[l - 1] = p.metadata.get(OnnxExport.ACTIVATION + l);
    }
    this.written = specs;
  }

  Model model() throws IOException {
    if (p.inputs.size() != 1 || p.outputs.size() != 1) {
      throw new IOException("a fully connected network has one input and one output; the "
          + "graph has inputs " + names(p.inputs) + " and outputs " + names(p.outputs)
          + (p.inputs.size() > 1 ? " (an ffnn model trained on a table exports its column "
          + "encoding with an input per column, and is not read back: its model file keeps "
          + "it)" : ""));
    }
    x = p.inputs.get(0);
    visited.add(x);
    flatten();
    Scaler scaler = scaler();
    while (true) {
      ModelGraph.Node node = consumer(x);
      if (node == null || !isLayer(node)) {
        break;
      }
      if (weights.size() == NetworkSpec.MAX_LAYERS) {
        throw new IOException("more than " + NetworkSpec.MAX_LAYERS + " layers; ffnn builds "
            + "networks of up to " + NetworkSpec.MAX_LAYERS);
      }
      layer(node);
      activation();
    }
    if (weights.isEmpty()) {
      ModelGraph.Node node = consumer(x);
      throw new IOException(node == null ? "the graph has no layer"
          : node.describe() + " is not part of a fully connected network; ffnn imports "
              + "chains of Gemm (or MatMul and Add) and activations");
    }
    Scaler targetScaler = targetScaler();
    if (!x.equals(p.outputs.get(0))) {
      ModelGraph.Node node = consumer(x);
      throw new IOException((node == null ? "the chain ends at " + ModelGraph.quote(x)
          : node.describe() + " is not part of a fully connected network") + "; ffnn "
          + "imports chains of Gemm (or MatMul and Add) and activations up to the output "
          + ModelGraph.quote(p.outputs.get(0)));
    }
    return build(scaler, targetScaler);
  }

  private static String names(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add(ModelGraph.quote(n));
    }
    return quoted.toString();
  }

  /** The one node that reads tensor {@code name}, or null. */
  private ModelGraph.Node consumer(String name) throws IOException {
    List<ModelGraph.Node> readers = p.consumers(name);
    if (readers.size() > 1) {
      throw new IOException(ModelGraph.quote(name) + " feeds both " + readers.get(0).describe()
          + " and " + readers.get(1).describe() + "; a fully connected network is a chain");
    }
    return readers.isEmpty() ? null : readers.get(0);
  }

  /** Moves the walk on to a node's output; a tensor reached twice is a cycle. */
  private void advance(ModelGraph.Node node, String to) throws IOException {
    if (!visited.add(to)) {
      throw new IOException(node.describe() + " writes " + ModelGraph.quote(to) + ", which "
          + "the chain has already passed through: the graph has a cycle");
    }
    x = to;
  }

  private static boolean isLayer(ModelGraph.Node n) {
    return n.op() == Op.GEMM || n.op() == Op.MAT_MUL;
  }

  /** Input {@code input} of node {@code n} as a constant, or null if the node has none. */
  private ModelGraph.Tensor constant(ModelGraph.Node n, int input) throws IOException {
    if (n.inputs().size() <= input || n.inputs().get(input).isEmpty()) {
      return null;
    }
    String name = n.inputs().get(input);
    ModelGraph.Tensor t = p.tensor(name, n.describe());
    if (t == null) {
      throw new IOException(n.describe() + ": input " + ModelGraph.quote(name) + " is not "
          + "an initializer; ffnn imports weights and constants stored in the graph");
    }
    return t;
  }

  /** The other operand of a binary node whose one operand is {@code x}. */
  private ModelGraph.Tensor operand(ModelGraph.Node n) throws IOException {
    if (n.inputs().size() != 2) {
      throw new IOException(n.describe() + " has " + n.inputs().size() + " inputs; "
          + n.proto().getOpType() + " takes two");
    }
    int other = n.inputs().get(0).equals(x) ? 1 : 0;
    return constant(n, other);
  }

  /** A node's output, which every node the walk takes must have. */
  private static String output(ModelGraph.Node n) throws IOException {
    if (n.outputs().isEmpty() || n.output().isEmpty()) {
      throw new IOException(n.describe() + " has no output");
    }
    return n.output();
  }

  /**
   * A vector of {@code width} values, or of one broadcast to all: a scaler's or a bias's.
   */
  private static double[] vector(ModelGraph.Node n, ModelGraph.Tensor t, int width,
      String what) throws IOException {
    long elements = 1;
    for (long d : t.dims()) {
      elements *= d;
    }
    boolean row = t.dims().length <= 1 || t.dims().length == 2 && t.dims()[0] == 1;
    if (!row || elements != width && elements != 1) {
      throw new IOException(n.describe() + ": " + what + " " + ModelGraph.quote(t.name())
          + " of shape " + java.util.Arrays.toString(t.dims()) + " for " + width + " values");
    }
    double[] values = t.values();
    double[] v = new double[width];
    for (int k = 0; k < width; k++) {
      v[k] = values[elements == 1 ? 0 : k];
    }
    return v;
  }

  /**
   * A leading {@code Flatten} (axis 1) or {@code Reshape} to {@code [N, n]}, as PyTorch writes
   * an {@code nn.Flatten}: the rows of a two-dimensional input stay as they are.
   */
  private void flatten() throws IOException {
    ModelGraph.Node n = consumer(x);
    if (n == null || n.inputs().isEmpty() || !n.inputs().get(0).equals(x)) {
      return;
    }
    if (n.op() == Op.FLATTEN) {
      if (n.intAttribute("axis", 1) != 1) {
        throw new IOException(n.describe() + ": axis " + n.intAttribute("axis", 1) + "; ffnn "
            + "imports a Flatten that keeps the examples as rows (axis 1)");
      }
      advance(n, output(n));
    } else if (n.op() == Op.RESHAPE && n.inputs().size() == 2) {
      long[] shape = p.longs(n.inputs().get(1));
      if (shape == null || shape.length != 2 || !(shape[0] == -1 || shape[0] == 0)) {
        throw new IOException(n.describe() + ": ffnn imports a Reshape to [N, n] (a shape of "
            + "[-1, n] or [0, n]) before the first layer");
      }
      advance(n, output(n));
    }
  }

  private Scaler scaler() throws IOException {
    ModelGraph.Node sub = consumer(x);
    ModelGraph.Node widen = null;
    if (sub != null && sub.op() == Op.CAST && sub.intAttribute("to", 0) == Graph.DOUBLE) {
      // a float graph's scaler, computed in double as ffnn computes it
      ModelGraph.Node next = consumer(output(sub));
      if (next == null || next.op() != Op.SUB) {
        return null;
      }
      widen = sub;
      advance(sub, output(sub));
      sub = next;
    }
    if (sub == null || sub.op() != Op.SUB || sub.inputs().isEmpty()
        || !sub.inputs().get(0).equals(x)) {
      if (widen != null) {
        throw new IOException(widen.describe() + " is followed by " + sub.describe() + "; "
            + "an input scaler is Sub then Div or Mul by constants");
      }
      return null;
    }
    ModelGraph.Tensor shift = operand(sub);
    ModelGraph.Node div = consumer(output(sub));
    if (div == null || !(div.op() == Op.DIV || div.op() == Op.MUL)) {
      throw new IOException(sub.describe() + " is followed by "
          + (div == null ? "nothing" : div.describe()) + "; an input scaler is Sub then Div "
          + "or Mul by constants");
    }
    advance(sub, output(sub));
    ModelGraph.Tensor scale = operand(div);
    int width = Math.max(shift.size(), scale.size());
    double[] s = vector(div, scale, width, "the scale");
    if (div.op() == Op.MUL) {
      for (int k = 0; k < s.length; k++) {
        s[k] = 1.0 / s[k];
      }
    }
    advance(div, output(div));
    if (widen != null) {
      castBack(div, "an input scaler");
    }
    try {
      return new Scaler(Scaler.Kind.STANDARD, vector(sub, shift, width, "the shift"), s);
    } catch (IllegalArgumentException e) {
      throw new IOException(div.describe() + ": not an input scaler: " + e.getMessage(), e);
    }
  }

  /** The {@code Cast} back to float after a scaler a float graph computes in double. */
  private void castBack(ModelGraph.Node last, String what) throws IOException {
    ModelGraph.Node narrow = consumer(x);
    if (narrow == null || narrow.op() != Op.CAST
        || narrow.intAttribute("to", 0) != Graph.FLOAT) {
      throw new IOException(last.describe() + " is followed by " + (narrow == null ? "nothing"
          : narrow.describe()) + "; " + what + " computed in double is cast back to float");
    }
    advance(narrow, output(narrow));
  }

  private Scaler targetScaler() throws IOException {
    ModelGraph.Node mul = consumer(x);
    ModelGraph.Node widen = null;
    if (mul != null && mul.op() == Op.CAST && mul.intAttribute("to", 0) == Graph.DOUBLE) {
      // a float graph's target scaler, computed in double as ffnn computes it
      widen = mul;
      mul = consumer(output(mul));
    }
    if (mul == null || mul.op() != Op.MUL) {
      return null;
    }
    ModelGraph.Node add = consumer(output(mul));
    if (add == null || add.op() != Op.ADD) {
      return null;
    }
    if (widen != null) {
      advance(widen, output(widen));
    }
    int width = sizes.get(sizes.size() - 1);
    double[] scale = vector(mul, operand(mul), width, "the target scale");
    advance(mul, output(mul));
    double[] shift = vector(add, operand(add), width, "the target shift");
    advance(add, output(add));
    if (widen != null) {
      castBack(add, "a target scaler");
    }
    try {
      return new Scaler(Scaler.Kind.STANDARD, shift, scale);
    } catch (IllegalArgumentException e) {
      throw new IOException(add.describe() + ": not a target scaler: " + e.getMessage(), e);
    }
  }

  private void layer(ModelGraph.Node node) throws IOException {
    int in = sizes.isEmpty() ? -1 : sizes.get(sizes.size() - 1);
    if (node.inputs().size() < 2) {
      throw new IOException(node.describe() + " has " + node.inputs().size() + " inputs; a "
          + "layer multiplies the data by its weights");
    }
    ModelGraph.Tensor B = constant(node, 1);
    if (elemType == 0) {
      elemType = B.type();
    } else if (B.type() != elemType) {
      throw new IOException(node.describe() + ": weights of element type " + B.type()
          + " after layers of type " + elemType + "; ffnn imports networks in one precision");
    }
    if (B.dims().length != 2) {
      throw new IOException(node.describe() + ": weights of shape "
          + java.util.Arrays.toString(B.dims()) + "; a layer's weights are a matrix");
    }
    if (B.dims()[0] == 0 || B.dims()[1] == 0) {
      throw new IOException(node.describe() + ": weights of shape "
          + java.util.Arrays.toString(B.dims()) + "; a layer has at least one input and one "
          + "output");
    }
    boolean transB;
    ModelGraph.Tensor bias = null;
    ModelGraph.Node biasNode = node;
    String out = output(node);
    if (node.op() == Op.GEMM) {
      if (!node.inputs().get(0).equals(x)) {
        throw new IOException(node.describe() + " multiplies a constant by the data; ffnn "
            + "imports A · B with the data as A");
      }
      for (String a : List.of("alpha", "beta")) {
        double v = node.floatAttribute(a, 1);
        if (v != 1) {
          throw new IOException(node.describe() + ": " + a + " = " + v + "; ffnn imports "
              + "Gemm with alpha = beta = 1");
        }
      }
      if (node.intAttribute("transA", 0) != 0) {
        throw new IOException(node.describe() + ": transA = 1; ffnn imports Gemm with the data "
            + "as rows");
      }
      transB = node.intAttribute("transB", 0) != 0;
      bias = constant(node, 2);
    } else {
      transB = false;
      List<ModelGraph.Node> readers = p.consumers(out);
      ModelGraph.Node add = readers.size() == 1 ? readers.get(0) : null;
      if (add != null && add.op() == Op.ADD && add.inputs().size() == 2
          && p.isConstant(add.inputs().get(add.inputs().get(0).equals(out) ? 1 : 0))) {
        advance(node, out);
        bias = operand(add);
        biasNode = add;
        node = add;
        out = output(add);
      }
    }
    int rows = (int) (transB ? B.dims()[0] : B.dims()[1]);
    int cols = (int) (transB ? B.dims()[1] : B.dims()[0]);
    if (in >= 0 && cols != in) {
      throw new IOException(node.describe() + ": weights for " + cols + " inputs after a layer "
          + "of " + in);
    }
    double[] b = bias == null ? new double[rows] : vector(biasNode, bias, rows, "the bias");
    if (sizes.isEmpty()) {
      sizes.add(cols);
    }
    sizes.add(rows);
    weights.add(new Weights(B, rows, cols, !transB));
    biases.add(b);
    activations.add("identity");
    advance(node, out);
  }

  /**
   * The activation after a layer, if a form recognises one: its spec replaces the layer's
   * identity. Where ffnn wrote the model, the spec it recorded for the layer is taken if its
   * activation is among those recognised and its parameters agree with the graph's to float
   * precision: the exact parameters behind a float attribute.
   */
  private void activation() throws IOException {
    Forms.Recognised r = Forms.recognise(p, x, elemType == Graph.DOUBLE, forms);
    if (r == null) {
      return;
    }
    int l = activations.size();
    String spec = r.specs().get(0);
    if (l <= written.length && written[l - 1] != null) {
      for (String s : r.specs()) {
        if (agree(written[l - 1], s)) {
          spec = written[l - 1];
          break;
        }
      }
    }
    activations.set(l - 1, spec);
    advance(r.root(), output(r.root()));
  }

  /**
   * Whether two activation specs make the same plugin with parameters equal to within float
   * precision: {@code leaky_relu(alpha=0.1)} and {@code leaky_relu(alpha=0.10000000149011612)},
   * {@code elu} and {@code elu(alpha=1.0)}.
   */
  static boolean agree(String a, String b) {
    io.ffnn.api.Activation u;
    io.ffnn.api.Activation v;
    try {
      u = PluginRegistry.getDefault().activation(a);
      v = PluginRegistry.getDefault().activation(b);
    } catch (RuntimeException e) {
      return false;
    }
    if (!u.name().equals(v.name()) || !u.parameters().keySet().equals(v.parameters()
        .keySet())) {
      return false;
    }
    for (var e : u.parameters().entrySet()) {
      double x = e.getValue();
      double y = v.parameters().get(e.getKey());
      if (Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(y))) {
        return false;
      }
    }
    return true;
  }

  private Model build(Scaler scaler, Scaler targetScaler) throws IOException {
    NetworkSpec.Builder b = NetworkSpec.builder(sizes.get(0));
    int L = weights.size();
    for (int l = 1; l <= L; l++) {
      b.layer(sizes.get(l), activations.get(l - 1));
    }
    String last = activations.get(L - 1);
    int n = sizes.get(L);
    if (output != null) {
      if (!last.equals("identity")) {
        throw new IOException("the outputs are to be read as "
            + output.name().toLowerCase(java.util.Locale.ROOT) + " logits, but the graph "
            + "already ends in " + last);
      }
      last = output == OnnxImport.Output.SOFTMAX ? "softmax" : "sigmoid";
      b = NetworkSpec.builder(sizes.get(0));
      for (int l = 1; l <= L; l++) {
        b.layer(sizes.get(l), l == L ? last : activations.get(l - 1));
      }
    }
    String cost = last.equals("softmax") ? "cce" : last.equals("log_softmax") ? "nll"
        : last.equals("sigmoid") ? (n == 1 ? "bce" : "multilabel_bce") : "mse";
    Precision precision = elemType == Graph.FLOAT ? Precision.FLOAT32 : Precision.FLOAT64;
    Network net = null;
    String written = p.metadata.get(OnnxExport.COST);
    if (output == null && written != null && !written.equals(cost)) {
      // the cost ffnn trained with, where it builds with this output (a hint only)
      try {
        net = Network.build(b.cost(written).precision(precision).build(),
            PluginRegistry.getDefault(), Backends.getDefault());
      } catch (RuntimeException e) {
        net = null;
      }
    }
    if (net == null) {
      try {
        net = Network.build(b.cost(cost).precision(precision).build(),
            PluginRegistry.getDefault(), Backends.getDefault());
      } catch (RuntimeException e) {
        throw new IOException("the network cannot be built: " + e.getMessage(), e);
      }
    }
    double[] flat = new double[net.parameterCount()];
    int offset = 0;
    for (int l = 0; l < L; l++) {
      Weights w = weights.get(l);
      w.tensor().matrixInto(flat, offset, w.rows(), w.cols(), w.transposed());
      offset += w.rows() * w.cols();
      System.arraycopy(biases.get(l), 0, flat, offset, biases.get(l).length);
      offset += biases.get(l).length;
    }
    String bad = net.layout().firstNonFinite(flat);
    if (bad != null) {
      throw new IOException("a weight is not finite: " + bad);
    }
    net.setParameters(flat);
    return new Model(net, scaler, targetScaler, io.ffnn.core.model.DataNames.NONE);
  }
}
