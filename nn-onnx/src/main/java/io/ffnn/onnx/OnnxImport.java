package io.ffnn.onnx;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an ffnn model from an ONNX model of a fully connected network: the chain that {@code
 * torch.onnx.export} writes for a stack of {@code nn.Linear} layers and activations, that Keras
 * converters write for {@code Dense} layers, and that {@link OnnxExport} writes. Walking from the
 * graph's input, it takes an optional leading {@code Flatten} or {@code Reshape} to {@code [N,
 * n]}, an optional input scaler ({@code Sub} then {@code Div} or {@code Mul} by constants), then
 * layers — {@code Gemm} (with {@code transB} either way, {@code alpha = beta = 1}), or {@code
 * MatMul} with an optional {@code Add} of a bias — each followed by the nodes of at most one
 * activation, as its {@link OnnxActivationForm} recognises them (the built-in activations' and
 * those plugins contribute), and an optional target scaler ({@code Mul} then {@code Add}).
 * Anything else is refused naming the node and its operator. The network computes in float32
 * when the weights are float, float64 when they are double, and its cost follows the output
 * (softmax: cce, log-softmax: nll, one sigmoid: bce, several: multilabel_bce, else mse; or the
 * cost an ffnn export recorded), so that it can be trained further; {@link Output} reads raw
 * logits as a classifier's.
 *
 * <p>Import is safe on files from anywhere: only a regular file is read, and only if the heap
 * can hold what importing it takes ({@link #BYTES_PER_FILE_BYTE} times its size); the walk visits
 * each node once, stops at a cycle and at {@link NetworkSpec#MAX_LAYERS} layers; each tensor's
 * dims are checked against its data before anything is allocated for it; data in external files
 * are refused. Every failure is an {@link IOException} whose message names the file, the node
 * and the problem, with the file's texts' control characters escaped.
 */
public final class OnnxImport {

  /**
   * The heap an import takes per byte of the file, at most: the file's bytes, the parameters
   * widened to double (twice a float file's bytes), the network's own parameters, and its
   * largest layer drawn in double while the network is built.
   */
  public static final int BYTES_PER_FILE_BYTE = 6;

  /** The largest ONNX file read: protobuf's limit for one message, 2 GiB. */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

  /**
   * What raw outputs (logits) stand for, where the graph ends without an output activation: a
   * classifier exported without its softmax or sigmoid, as PyTorch models trained with {@code
   * CrossEntropyLoss} or {@code BCEWithLogitsLoss} are.
   */
  public enum Output {
    /** Class scores: the model gets a softmax output and the cce cost. */
    SOFTMAX,
    /** Independent logits: a sigmoid output and bce (one output) or multilabel_bce. */
    SIGMOID
  }

  private OnnxImport() {}

  /**
   * Reads an ONNX file.
   *
   * @param file the {@code .onnx} file
   * @return the model: the network with its weights, and the scalers the graph holds
   * @throws IOException if the file is missing, not a regular file, too large for the heap,
   *     not an ONNX model, or not a fully connected network; the message starts with the file's
   *     name and names the node and operator that is not
   */
  public static Model read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads an ONNX file whose graph ends in raw outputs that stand for a classifier's.
   *
   * @param file the {@code .onnx} file
   * @param output what the raw outputs stand for; null to take the graph as it is
   * @return the model, with the output activation and cost {@code output} implies
   * @throws IOException as {@link #read(Path)}, and if the graph already ends in an activation
   */
  public static Model read(Path file, Output output) throws IOException {
    Objects.requireNonNull(file, "file");
    String name = ModelGraph.escape(file.toString());
    try {
      return read(bytes(file), output);
    } catch (IOException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }

  /** The file's bytes, once it is known to be a regular file the heap can import. */
  private static byte[] bytes(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("permission denied", e);
    }
    if (attributes.isDirectory()) {
      throw new IOException("a directory, not an ONNX file");
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("not a regular file (a device, FIFO or socket); ffnn reads ONNX "
          + "models from regular files only");
    }
    long size = attributes.size();
    if (size > MAX_FILE_BYTES) {
      throw new IOException(mb(size) + ": larger than the 2 GiB an ONNX model can be");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (size * BYTES_PER_FILE_BYTE > free) {
      System.gc();
      free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
    if (size * BYTES_PER_FILE_BYTE > free) {
      throw new IOException(mb(size) + ": importing it takes up to " + mb(size
          * BYTES_PER_FILE_BYTE) + " of heap and " + mb(free) + " are free (the JVM's -Xmx is "
          + mb(rt.maxMemory()) + ")");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) size);
      if (bytes.length != size || in.read() != -1) {
        throw new IOException("the file changed while it was read");
      }
    }
    return bytes;
  }

  private static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /**
   * Reads the bytes of an ONNX model.
   *
   * @param onnx a {@code ModelProto}
   * @return the model
   * @throws IOException if the bytes are not an ONNX model of a fully connected network
   */
  public static Model read(byte[] onnx) throws IOException {
    return read(onnx, null);
  }

  /**
   * Reads the bytes of an ONNX model whose graph ends in raw outputs that stand for a
   * classifier's.
   *
   * @param onnx a {@code ModelProto}
   * @param output what the raw outputs stand for; null to take the graph as it is
   * @return the model
   * @throws IOException as {@link #read(byte[])}, and if the graph already ends in an activation
   */
  public static Model read(byte[] onnx, Output output) throws IOException {
    Objects.requireNonNull(onnx, "onnx");
    ModelGraph g = ModelGraph.parse(onnx);
    try {
      return new Walk(g, output).model();
    } catch (RuntimeException e) {
      // a defect, not the file's: still an IOException, as documented, with what happened
      throw new IOException("the model could not be imported: " + e, e);
    }
  }

  /** The walk along the graph's chain. */
  private static final class Walk {
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

    private final Output output;
    private final Forms.Index forms = new Forms.Index(Forms.all());
    /** The layers' activation specs as the exporting ffnn wrote them; null where it did not. */
    private final String[] written;

    Walk(ModelGraph p, Output output) {
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
        last = output == Output.SOFTMAX ? "softmax" : "sigmoid";
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
}
