package io.ffnn.onnx;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;


/**
 * Builds an ffnn model from an ONNX model of a fully connected network: the chain that {@code
 * torch.onnx.export} writes for a stack of {@code nn.Linear} layers and activations, that Keras
 * converters write for {@code Dense} layers, and that {@link OnnxExport} writes. Walking from the
 * graph's input, it takes an optional input scaler ({@code Sub} then {@code Div} or {@code Mul} by
 * constants), then layers — {@code Gemm} (with {@code transB} either way, {@code alpha = beta =
 * 1}), or {@code MatMul} with an optional {@code Add} of a bias — each followed by at most one
 * activation node (Relu, Sigmoid, Tanh, Softmax, LogSoftmax, Softsign, Softplus, Mish, Gelu, Elu,
 * Celu, Selu, LeakyRelu, HardSigmoid with PyTorch's slope, Identity), and an optional target
 * scaler ({@code Mul} then {@code Add}). Anything else is refused naming the node and its
 * operator, including the several-node definitions that {@link OnnxExport} writes for
 * activations without an operator of their own. The network computes in float32 when the
 * weights are float, float64 when they are double, and its cost follows the output (softmax:
 * cce, log-softmax: nll, one sigmoid: bce, several: multilabel_bce, else mse), so that it can be
 * trained further.
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
   * The heap an import takes per byte of the file, at most: the file's bytes, the weights
   * widened to double (twice a float file's bytes), a copy of them in ffnn's layout, and the
   * network's own parameters.
   */
  public static final int BYTES_PER_FILE_BYTE = 6;

  /** The largest ONNX file read: protobuf's limit for one message, 2 GiB. */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

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
    Objects.requireNonNull(file, "file");
    String name = ModelGraph.escape(file.toString());
    try {
      return read(bytes(file));
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
    Objects.requireNonNull(onnx, "onnx");
    ModelGraph g = ModelGraph.parse(onnx);
    try {
      return new Walk(g).model();
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
    private final List<double[]> weights = new ArrayList<>();
    private final List<double[]> biases = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();

    Walk(ModelGraph p) {
      this.p = p;
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
      if (elemType == 0) {
        elemType = t.type();
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
      double[] v = new double[width];
      for (int k = 0; k < width; k++) {
        v[k] = t.values()[elements == 1 ? 0 : k];
      }
      return v;
    }

    private Scaler scaler() throws IOException {
      ModelGraph.Node sub = consumer(x);
      if (sub == null || sub.op() != Op.SUB || sub.inputs().isEmpty()
          || !sub.inputs().get(0).equals(x)) {
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
      try {
        return new Scaler(Scaler.Kind.STANDARD, vector(sub, shift, width, "the shift"), s);
      } catch (IllegalArgumentException e) {
        throw new IOException(div.describe() + ": not an input scaler: " + e.getMessage(), e);
      }
    }

    private Scaler targetScaler() throws IOException {
      ModelGraph.Node mul = consumer(x);
      if (mul == null || mul.op() != Op.MUL) {
        return null;
      }
      ModelGraph.Node add = consumer(output(mul));
      if (add == null || add.op() != Op.ADD) {
        return null;
      }
      int width = sizes.get(sizes.size() - 1);
      double[] scale = vector(mul, operand(mul), width, "the target scale");
      advance(mul, output(mul));
      double[] shift = vector(add, operand(add), width, "the target shift");
      advance(add, output(add));
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
        ModelGraph.Node add = consumer(out);
        if (add != null && add.op() == Op.ADD) {
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
      double[] w = new double[rows * cols];
      double[] values = B.values();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          w[r * cols + c] = transB ? values[r * cols + c] : values[c * rows + r];
        }
      }
      double[] b = bias == null ? new double[rows] : vector(biasNode, bias, rows, "the bias");
      if (sizes.isEmpty()) {
        sizes.add(cols);
      }
      sizes.add(rows);
      weights.add(w);
      biases.add(b);
      activations.add("identity");
      advance(node, out);
    }

    /** The activation after a layer, if any: its ffnn spec replaces the layer's identity. */
    private void activation() throws IOException {
      ModelGraph.Node n = consumer(x);
      if (n == null || n.op() == null) {
        return;
      }
      String spec;
      switch (n.op()) {
        case RELU -> spec = "relu";
        case SIGMOID -> spec = "sigmoid";
        case TANH -> spec = "tanh";
        case SOFTSIGN -> spec = "softsign";
        case SOFTPLUS -> spec = "softplus";
        case MISH -> spec = "mish";
        case IDENTITY -> spec = "identity";
        case SOFTMAX, LOG_SOFTMAX -> {
          long a = n.intAttribute("axis", p.opset >= 13 ? -1 : 1);
          if (a != 1 && a != -1) {
            throw new IOException(n.describe() + ": axis " + a + "; ffnn's " + n.op()
                + " runs over each example's outputs (axis 1)");
          }
          spec = n.op() == Op.SOFTMAX ? "softmax" : "log_softmax";
        }
        case GELU -> spec = n.stringAttribute("approximate", "none").equals("tanh") ? "gelu_tanh"
            : "gelu";
        case ELU -> spec = "elu(alpha=" + n.floatAttribute("alpha", 1.0) + ")";
        case CELU -> spec = "celu(alpha=" + n.floatAttribute("alpha", 1.0) + ")";
        case LEAKY_RELU -> spec = "leaky_relu(alpha=" + n.floatAttribute("alpha", 0.01) + ")";
        case SELU -> {
          if (Math.abs(n.floatAttribute("alpha", 1.67326319217681884765625) - 1.6732632423543772)
              > 1e-6 || Math.abs(n.floatAttribute("gamma", 1.05070102214813232421875)
                  - 1.0507009873554805) > 1e-6) {
            throw new IOException(n.describe() + ": parameters other than SELU's own");
          }
          spec = "selu";
        }
        case HARD_SIGMOID -> {
          double alpha = n.floatAttribute("alpha", 0.2);
          double beta = n.floatAttribute("beta", 0.5);
          if (Math.abs(alpha - 1.0 / 6) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
            throw new IOException(n.describe() + ": alpha " + alpha + ", beta " + beta + "; "
                + "ffnn's hard_sigmoid is PyTorch's, alpha 1/6 and beta 0.5");
          }
          spec = "hard_sigmoid";
        }
        default -> {
          return;
        }
      }
      activations.set(activations.size() - 1, spec);
      advance(n, output(n));
    }

    private Model build(Scaler scaler, Scaler targetScaler) throws IOException {
      NetworkSpec.Builder b = NetworkSpec.builder(sizes.get(0));
      int L = weights.size();
      for (int l = 1; l <= L; l++) {
        b.layer(sizes.get(l), activations.get(l - 1));
      }
      String output = activations.get(L - 1);
      int n = sizes.get(L);
      String cost = output.equals("softmax") ? "cce" : output.equals("log_softmax") ? "nll"
          : output.equals("sigmoid") ? (n == 1 ? "bce" : "multilabel_bce") : "mse";
      b.cost(cost).precision(elemType == Graph.FLOAT ? Precision.FLOAT32 : Precision.FLOAT64);
      Network net;
      try {
        net = Network.build(b.build(), PluginRegistry.getDefault(), Backends.getDefault());
      } catch (RuntimeException e) {
        throw new IOException("the network cannot be built: " + e.getMessage(), e);
      }
      double[] flat = new double[net.parameterCount()];
      int offset = 0;
      for (int l = 0; l < L; l++) {
        System.arraycopy(weights.get(l), 0, flat, offset, weights.get(l).length);
        offset += weights.get(l).length;
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
