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
 * Writes a trained model as a standard ONNX model (IR version 9, opset 20) that ONNX Runtime
 * and other ONNX tools run: input {@value #INPUT}, {@code [N, n[0]]}, output {@value #OUTPUT},
 * {@code [N, n[L]]}, examples as rows as ONNX has them. A model with a column encoding (trained
 * on a table) takes the table's columns instead, one input {@code [N, 1]} per column, named as
 * it: numbers (NaN where missing) for a numeric column, strings (trimmed) for a categorical one;
 * the encoding is in the graph (ONNX-ML's {@code LabelEncoder}, opset {@code ai.onnx.ml} 2, and
 * standard operators).
 *
 * <p>The graph: the input scaler as {@code Sub} and {@code Mul} (by {@code 1/scale}, as ffnn
 * scales); per layer {@code Gemm(A, W[l], b[l], transB=1)}, which computes {@code A W[l]ᵀ +
 * b[l]}, the row-major form of {@code Z[l] = W[l] A[l-1] + b[l]}, so {@code W[l]} is stored as
 * ffnn holds it ({@code n[l] × n[l-1]}); each activation as its ONNX operator or definition (see
 * the README's Interoperability section); the target scaler, if any, as {@code Mul} and {@code
 * Add}. A float32 model is written with float tensors, a float64 one with double tensors. The
 * model's names go into the metadata: {@code ffnn.features}, {@code ffnn.targets}, {@code
 * ffnn.classes} (JSON arrays of strings), and {@code ffnn.network} (the spec).
 */
public final class OnnxExport {

  /** The graph's input. */
  public static final String INPUT = "input";

  /** The graph's output. */
  public static final String OUTPUT = "output";

  private OnnxExport() {}

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
      double[] inverse = new double[scaler.scale().length];
      for (int p = 0; p < inverse.length; p++) {
        inverse[p] = 1.0 / scaler.scale()[p];
      }
      String shift = graph.initializer("scaler.shift", scaler.shift(), inverse.length);
      String scale = graph.initializer("scaler.inverse_scale", inverse, inverse.length);
      x = graph.node(Op.MUL, "scaled", List.of(graph.node(Op.SUB, "centred", List.of(x, shift)),
          scale));
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
        ActivationExport.add(graph, net.activation(l), z, a);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("layer " + l + ": " + e.getMessage(), e);
      }
      x = a;
    }
    Scaler targets = model.targetScaler();
    if (targets != null) {
      String scale = graph.initializer("target_scaler.scale", targets.scale(), net.size(L));
      String shift = graph.initializer("target_scaler.shift", targets.shift(), net.size(L));
      graph.node(Op.ADD, OUTPUT, List.of(graph.node(Op.MUL, "unscaled", List.of(x, scale)), shift));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("ffnn.network", net.spec().toString());
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
