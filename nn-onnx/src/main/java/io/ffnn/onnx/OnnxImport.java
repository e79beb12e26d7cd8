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
 * activations without an operator of their own. The network computes in float32 when the weights are float, float64 when they are
 * double, and its cost follows the output (softmax: cce, log-softmax: nll, one sigmoid: bce,
 * several: multilabel_bce, else mse), so that it can be trained further.
 */
public final class OnnxImport {

  private OnnxImport() {}

  /**
   * Reads an ONNX file.
   *
   * @param file the {@code .onnx} file
   * @return the model: the network with its weights, and the scalers the graph holds
   * @throws IOException if the file cannot be read, is not an ONNX model, or is not a fully
   *     connected network; the message names the node and operator that is not
   */
  public static Model read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try {
      return read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the bytes of an ONNX model.
   *
   * @param onnx a {@code ModelProto}
   * @return the model
   * @throws IOException if the bytes are not an ONNX model of a fully connected network
   */
  public static Model read(byte[] onnx) throws IOException {
    Parsed p;
    try {
      p = Parsed.parse(onnx);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IOException("not an ONNX model: " + e.getMessage(), e);
    }
    return new Walk(p).model();
  }

  /** The walk along the graph's chain. */
  private static final class Walk {
    private final Parsed p;
    private String x;
    private int elemType;
    private final List<double[]> weights = new ArrayList<>();
    private final List<double[]> biases = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();

    Walk(Parsed p) {
      this.p = p;
    }

    Model model() throws IOException {
      List<String> inputs = new ArrayList<>(p.inputs);
      inputs.removeAll(p.initializers.keySet());
      if (inputs.size() != 1 || p.outputs.size() != 1) {
        throw new IOException("a fully connected network has one input and one output; the "
            + "graph has inputs " + inputs + " and outputs " + p.outputs + (inputs.size() > 1
            ? " (an ffnn model trained on a table exports its column encoding with an input per "
            + "column, and is not read back: its model file keeps it)" : ""));
      }
      x = inputs.get(0);
      Scaler scaler = scaler();
      while (true) {
        Parsed.Node node = consumer(x);
        if (node == null || !isLayer(node)) {
          break;
        }
        layer(node);
        activation();
      }
      if (weights.isEmpty()) {
        Parsed.Node node = consumer(x);
        throw new IOException(node == null ? "the graph has no layer"
            : node.describe() + " is not part of a fully connected network; ffnn imports "
                + "chains of Gemm (or MatMul and Add) and activations");
      }
      Scaler targetScaler = targetScaler();
      if (!x.equals(p.outputs.get(0))) {
        Parsed.Node node = consumer(x);
        throw new IOException((node == null ? "the chain ends at '" + x + "'"
            : node.describe() + " is not part of a fully connected network") + "; ffnn "
            + "imports chains of Gemm (or MatMul and Add) and activations up to the output '"
            + p.outputs.get(0) + "'");
      }
      return build(scaler, targetScaler);
    }

    /** The one node that reads tensor {@code name}, or null. */
    private Parsed.Node consumer(String name) throws IOException {
      Parsed.Node found = null;
      for (Parsed.Node n : p.nodes) {
        if (n.inputs().contains(name)) {
          if (found != null) {
            throw new IOException("'" + name + "' feeds both " + found.describe() + " and "
                + n.describe() + "; a fully connected network is a chain");
          }
          found = n;
        }
      }
      return found;
    }

    private static boolean isLayer(Parsed.Node n) {
      return n.op().equals("Gemm") || n.op().equals("MatMul");
    }

    private Parsed.Tensor constant(Parsed.Node n, int input) throws IOException {
      if (n.inputs().size() <= input) {
        return null;
      }
      Parsed.Tensor t = p.initializers.get(n.inputs().get(input));
      if (t == null) {
        throw new IOException(n.describe() + ": input '" + n.inputs().get(input) + "' is not "
            + "an initializer; ffnn imports weights and constants stored in the graph");
      }
      if (t.values() == null) {
        throw new IOException(n.describe() + ": '" + n.inputs().get(input) + "' has element "
            + "type " + t.type() + "; ffnn imports float and double tensors");
      }
      if (elemType == 0) {
        elemType = t.type();
      }
      return t;
    }

    /** The other operand of a binary node whose one operand is {@code x}. */
    private Parsed.Tensor operand(Parsed.Node n) throws IOException {
      int other = n.inputs().get(0).equals(x) ? 1 : 0;
      return constant(n, other);
    }

    private Scaler scaler() throws IOException {
      Parsed.Node sub = consumer(x);
      if (sub == null || !sub.op().equals("Sub") || !sub.inputs().get(0).equals(x)) {
        return null;
      }
      Parsed.Tensor shift = operand(sub);
      Parsed.Node div = consumer(sub.outputs().get(0));
      if (div == null || !(div.op().equals("Div") || div.op().equals("Mul"))) {
        throw new IOException(sub.describe() + " is followed by "
            + (div == null ? "nothing" : div.describe()) + "; an input scaler is Sub then Div "
            + "or Mul by constants");
      }
      x = sub.outputs().get(0);
      Parsed.Tensor scale = operand(div);
      double[] s = scale.values().clone();
      if (div.op().equals("Mul")) {
        for (int k = 0; k < s.length; k++) {
          s[k] = 1.0 / s[k];
        }
      }
      x = div.outputs().get(0);
      return new Scaler(Scaler.Kind.STANDARD, shift.values(), s);
    }

    private Scaler targetScaler() throws IOException {
      Parsed.Node mul = consumer(x);
      if (mul == null || !mul.op().equals("Mul")) {
        return null;
      }
      Parsed.Node add = consumer(mul.outputs().get(0));
      if (add == null || !add.op().equals("Add")) {
        return null;
      }
      Parsed.Tensor scale = operand(mul);
      x = mul.outputs().get(0);
      Parsed.Tensor shift = operand(add);
      x = add.outputs().get(0);
      return new Scaler(Scaler.Kind.STANDARD, shift.values(), scale.values());
    }

    private void layer(Parsed.Node node) throws IOException {
      int in = sizes.isEmpty() ? -1 : sizes.get(sizes.size() - 1);
      Parsed.Tensor B = constant(node, 1);
      if (B.dims().length != 2) {
        throw new IOException(node.describe() + ": weights of shape " + dims(B) + "; a layer's "
            + "weights are a matrix");
      }
      boolean transB;
      double[] bias = null;
      String out = node.outputs().get(0);
      if (node.op().equals("Gemm")) {
        if (!node.inputs().get(0).equals(x)) {
          throw new IOException(node.describe() + " multiplies a constant by the data; ffnn "
              + "imports A · B with the data as A");
        }
        for (String a : List.of("alpha", "beta")) {
          Parsed.Attribute attr = node.attributes().get(a);
          if (attr != null && attr.f() != null && attr.f() != 1f) {
            throw new IOException(node.describe() + ": " + a + " = " + attr.f() + "; ffnn imports "
                + "Gemm with alpha = beta = 1");
          }
        }
        Parsed.Attribute ta = node.attributes().get("transA");
        if (ta != null && ta.i() != null && ta.i() != 0) {
          throw new IOException(node.describe() + ": transA = 1; ffnn imports Gemm with the data "
              + "as rows");
        }
        Parsed.Attribute tb = node.attributes().get("transB");
        transB = tb != null && tb.i() != null && tb.i() != 0;
        Parsed.Tensor C = constant(node, 2);
        bias = C == null ? null : C.values();
      } else {
        transB = false;
        Parsed.Node add = consumer(out);
        if (add != null && add.op().equals("Add")) {
          x = out;
          bias = operand(add).values();
          out = add.outputs().get(0);
        }
      }
      int rows = (int) (transB ? B.dims()[0] : B.dims()[1]);
      int cols = (int) (transB ? B.dims()[1] : B.dims()[0]);
      if (in >= 0 && cols != in) {
        throw new IOException(node.describe() + ": weights for " + cols + " inputs after a layer "
            + "of " + in);
      }
      double[] w = new double[rows * cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          w[r * cols + c] = transB ? B.values()[r * cols + c] : B.values()[c * rows + r];
        }
      }
      double[] b = new double[rows];
      if (bias != null) {
        if (bias.length != rows && bias.length != 1) {
          throw new IOException(node.describe() + ": a bias of " + bias.length + " values for "
              + rows + " outputs");
        }
        for (int r = 0; r < rows; r++) {
          b[r] = bias.length == 1 ? bias[0] : bias[r];
        }
      }
      if (sizes.isEmpty()) {
        sizes.add(cols);
      }
      sizes.add(rows);
      weights.add(w);
      biases.add(b);
      activations.add("identity");
      x = out;
    }

    /** The activation after a layer, if any: its ffnn spec replaces the layer's identity. */
    private void activation() throws IOException {
      Parsed.Node n = consumer(x);
      if (n == null) {
        return;
      }
      String spec;
      switch (n.op()) {
        case "Relu":
          spec = "relu";
          break;
        case "Sigmoid":
          spec = "sigmoid";
          break;
        case "Tanh":
          spec = "tanh";
          break;
        case "Softsign":
          spec = "softsign";
          break;
        case "Softplus":
          spec = "softplus";
          break;
        case "Mish":
          spec = "mish";
          break;
        case "Identity":
          spec = "identity";
          break;
        case "Softmax":
        case "LogSoftmax": {
          Parsed.Attribute axis = n.attributes().get("axis");
          long a = axis == null || axis.i() == null ? (p.opset >= 13 ? -1 : 1) : axis.i();
          if (a != 1 && a != -1) {
            throw new IOException(n.describe() + ": axis " + a + "; ffnn's " + n.op()
                + " runs over each example's outputs (axis 1)");
          }
          spec = n.op().equals("Softmax") ? "softmax" : "log_softmax";
          break;
        }
        case "Gelu": {
          Parsed.Attribute approximate = n.attributes().get("approximate");
          spec = approximate != null && "tanh".equals(approximate.s()) ? "gelu_tanh" : "gelu";
          break;
        }
        case "Elu":
          spec = "elu(alpha=" + attribute(n, "alpha", 1.0) + ")";
          break;
        case "Celu":
          spec = "celu(alpha=" + attribute(n, "alpha", 1.0) + ")";
          break;
        case "LeakyRelu":
          spec = "leaky_relu(alpha=" + attribute(n, "alpha", 0.01) + ")";
          break;
        case "Selu":
          if (Math.abs(attribute(n, "alpha", 1.67326319217681884765625) - 1.6732632423543772) > 1e-6
              || Math.abs(attribute(n, "gamma", 1.05070102214813232421875) - 1.0507009873554805)
                  > 1e-6) {
            throw new IOException(n.describe() + ": parameters other than SELU's own");
          }
          spec = "selu";
          break;
        case "HardSigmoid":
          if (Math.abs(attribute(n, "alpha", 0.2) - 1.0 / 6) > 1e-6
              || Math.abs(attribute(n, "beta", 0.5) - 0.5) > 1e-6) {
            throw new IOException(n.describe() + ": alpha " + attribute(n, "alpha", 0.2)
                + ", beta " + attribute(n, "beta", 0.5) + "; ffnn's hard_sigmoid is PyTorch's, "
                + "alpha 1/6 and beta 0.5");
          }
          spec = "hard_sigmoid";
          break;
        default:
          return;
      }
      activations.set(activations.size() - 1, spec);
      x = n.outputs().get(0);
    }

    private static double attribute(Parsed.Node n, String name, double otherwise) {
      Parsed.Attribute a = n.attributes().get(name);
      return a == null || a.f() == null ? otherwise : a.f();
    }

    private static String dims(Parsed.Tensor t) {
      return java.util.Arrays.toString(t.dims());
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
