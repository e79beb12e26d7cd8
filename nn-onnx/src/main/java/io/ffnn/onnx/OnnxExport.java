package io.ffnn.onnx;

import io.ffnn.core.Network;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.internal.files.AtomicWrite;
import io.ffnn.core.internal.files.Json;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes a trained model as a standard ONNX model that ONNX Runtime and other ONNX tools run:
 * input {@value #INPUT}, {@code [N, n[0]]}, output {@value #OUTPUT}, {@code [N, n[L]]},
 * examples as rows as ONNX has them. A model with a column encoding (trained on a table) takes
 * the table's columns instead, one input {@code [N, 1]} per column, named as it: numbers (NaN
 * where missing) for a numeric column, strings (trimmed) for a categorical one; the encoding is
 * in the graph (ONNX-ML's {@code LabelEncoder}, opset {@code ai.onnx.ml} 2, and standard
 * operators).
 *
 * <p>The graph: the input scaler as {@code Sub} and {@code Mul} (by {@code 1/scale}, as ffnn
 * scales), in double between two {@code Cast}s in a float graph, so that the scaled inputs are
 * bit for bit those of ffnn's float32 network; per layer {@code Gemm(A, W[l], b[l],
 * transB=1)}, which computes {@code A W[l]ᵀ + b[l]}, the row-major form of {@code Z[l] = W[l]
 * A[l-1] + b[l]}, so {@code W[l]} is stored as ffnn holds it ({@code n[l] × n[l-1]}); each
 * activation as its {@link OnnxActivationForm} writes it (see docs/interoperability.md
 * section); the target scaler, if any, as {@code Mul} and {@code Add}, also in double between
 * casts in a float graph. A float32 model is written with float tensors, a float64 one with
 * double tensors. The model's names go into the metadata: {@code ffnn.features}, {@code
 * ffnn.targets}, {@code ffnn.classes} (JSON arrays of strings), {@code ffnn.network} (the spec),
 * {@code ffnn.activation.1} … (each layer's activation spec, whose exact parameters an import
 * restores where the graph holds them as floats) and {@code ffnn.cost}. The model declares the
 * lowest opset and IR version its operators need (a relu, tanh or softmax network: opset 7).
 */
public final class OnnxExport {

  /** The graph's input. */
  public static final String INPUT = "input";

  /** The graph's output. */
  public static final String OUTPUT = "output";

  /**
   * The metadata key of a layer's activation spec, followed by the layer's number ({@code
   * ffnn.activation.1}): {@link OnnxImport} takes the activation's exact parameters from it where
   * the graph holds them as floats.
   */
  static final String ACTIVATION = "ffnn.activation.";

  /** The metadata key of the network's cost spec, which {@link OnnxImport} restores. */
  static final String COST = "ffnn.cost";

  private OnnxExport() {}

  /**
   * The input scaler, {@code (x − shift) · (1 / scale)} as ffnn computes it: in a float graph
   * between a {@code Cast} to double and one back, with double constants, so that the scaled
   * inputs are the float values ffnn's float32 network receives, bit for bit.
   */
  private static String scaler(Graph graph, Scaler scaler, String x) {
    int n = scaler.scale().length;
    double[] inverse = new double[n];
    for (int p = 0; p < n; p++) {
      inverse[p] = 1.0 / scaler.scale()[p];
    }
    if (graph.elemType == Graph.FLOAT) {
      String wide = graph.node(Op.CAST, "input_double", List.of(x),
          Graph.intAttribute("to", Graph.DOUBLE));
      String shift = graph.doubleInitializer("scaler.shift", scaler.shift(), n);
      String scale = graph.doubleInitializer("scaler.inverse_scale", inverse, n);
      String scaled = graph.node(Op.MUL, "scaled_double", List.of(graph.node(Op.SUB,
          "centred", List.of(wide, shift)), scale));
      return graph.node(Op.CAST, "scaled", List.of(scaled), Graph.intAttribute("to",
          Graph.FLOAT));
    }
    String shift = graph.initializer("scaler.shift", scaler.shift(), n);
    String scale = graph.initializer("scaler.inverse_scale", inverse, n);
    return graph.node(Op.MUL, "scaled", List.of(graph.node(Op.SUB, "centred", List.of(x,
        shift)), scale));
  }

  /**
   * The ONNX model of a trained model.
   *
   * @param model the model
   * @return the bytes of its {@code ModelProto}
   * @throws IllegalArgumentException naming the layer and plugin if an activation has no ONNX form
   */
  public static byte[] toBytes(Model model) {
    Objects.requireNonNull(model, "model");
    Network net = model.network();
    int L = net.depth();
    Graph graph = new Graph(net.precision() == Precision.FLOAT32 ? Graph.FLOAT : Graph.DOUBLE);
    List<Graph.Input> inputs = new java.util.ArrayList<>();
    String x;
    if (model.encoding() != null) {
      // the table's columns as they are, encoded in the graph
      x = EncodingExport.add(graph, model.encoding(), inputs);
    } else {
      x = INPUT;
      inputs.add(new Graph.Input(INPUT, graph.elemType, net.size(0)));
    }
    Scaler scaler = model.scaler();
    if (scaler != null) {
      x = scaler(graph, scaler, x);
    }
    double[] flat = new double[net.parameterCount()];
    net.getParameters(flat);
    int offset = 0;
    for (int l = 1; l <= L; l++) {
      int rows = net.size(l);
      int cols = net.size(l - 1);
      double[] w = java.util.Arrays.copyOfRange(flat, offset, offset + rows * cols);
      offset += rows * cols;
      double[] b = java.util.Arrays.copyOfRange(flat, offset, offset + rows);
      offset += rows;
      String W = graph.initializer("W" + l, w, rows, cols);
      String bias = graph.initializer("b" + l, b, rows);
      String z = graph.node(Op.GEMM, "Z" + l, List.of(x, W, bias),
          Graph.intAttribute("transB", 1));
      String a = l == L && model.targetScaler() == null ? OUTPUT : "A" + l;
      try {
        Forms.export(graph, net.activation(l), z, a);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("layer " + l + ": " + e.getMessage(), e);
      }
      x = a;
    }
    Scaler targets = model.targetScaler();
    if (targets != null) {
      int n = net.size(L);
      if (graph.elemType == Graph.FLOAT) {
        // in double between casts, as ffnn computes it: the output is its prediction, rounded
        String wide = graph.node(Op.CAST, "output_double", List.of(x),
            Graph.intAttribute("to", Graph.DOUBLE));
        String scale = graph.doubleInitializer("target_scaler.scale", targets.scale(), n);
        String shift = graph.doubleInitializer("target_scaler.shift", targets.shift(), n);
        String y = graph.node(Op.ADD, "unscaled_double", List.of(graph.node(Op.MUL,
            "unscaled", List.of(wide, scale)), shift));
        graph.node(Op.CAST, OUTPUT, List.of(y), Graph.intAttribute("to", Graph.FLOAT));
      } else {
        String scale = graph.initializer("target_scaler.scale", targets.scale(), n);
        String shift = graph.initializer("target_scaler.shift", targets.shift(), n);
        graph.node(Op.ADD, OUTPUT, List.of(graph.node(Op.MUL, "unscaled", List.of(x, scale)),
            shift));
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("ffnn.network", net.spec().toString());
    for (int l = 1; l <= L; l++) {
      metadata.put(ACTIVATION + l, net.spec().activation(l));
    }
    metadata.put(COST, net.cost().spec());
    DataNames names = model.names();
    metadata.put("ffnn.features", Json.stringArray(names.features()));
    metadata.put("ffnn.targets", Json.stringArray(names.targets()));
    metadata.put("ffnn.classes", Json.stringArray(names.classes()));
    return graph.model(inputs, OUTPUT, net.size(L), metadata, ModelFile.ffnnVersion());
  }

  /**
   * Writes the ONNX model of a trained model, atomically, as model files are saved: to a
   * temporary file in the same directory, forced to the device, given the permissions of the file
   * it replaces, then moved over the target.
   *
   * @param model the model
   * @param file the {@code .onnx} file; replaced if it exists
   * @throws IOException if writing fails; the target is then unchanged
   * @throws IllegalArgumentException naming the layer and plugin if an activation has no ONNX form
   */
  public static void write(Model model, Path file) throws IOException {
    byte[] bytes = toBytes(model);
    // a temporary file a dead process left holds nothing or the start of a ModelProto, whose
    // first field, ir_version, is field 1 as a varint: the byte 0x08
    AtomicWrite.write(file, out -> out.write(bytes), UnaryOperator.identity(),
        head -> head.length == 0 || head[0] == 0x08);
  }
}
