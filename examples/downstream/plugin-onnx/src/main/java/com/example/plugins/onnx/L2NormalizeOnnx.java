package com.example.plugins.onnx;

import static io.ffnn.onnx.OnnxPattern.constant;
import static io.ffnn.onnx.OnnxPattern.ints;
import static io.ffnn.onnx.OnnxPattern.op;
import static io.ffnn.onnx.OnnxPattern.z;

import io.ffnn.api.Activation;
import io.ffnn.onnx.OnnxActivationForm;
import io.ffnn.onnx.OnnxMatch;
import io.ffnn.onnx.OnnxNodes;
import io.ffnn.onnx.OnnxPattern;
import java.util.List;
import java.util.Map;

/**
 * The ONNX form of {@code l2_normalize}, a vector-valued activation: each example (a row in ONNX)
 * divided by {@code sqrt(Σ z² + ε)}, {@code ε = 1e-4}, as {@code Div(Z, Sqrt(Add(ReduceSum(Z ·
 * Z, axes = [1], keepdims = 1), ε)))}. {@code ffnn export} writes it and {@code ffnn import}
 * recognises it, once this module is on the class path or module path beside the plugin.
 */
public final class L2NormalizeOnnx implements OnnxActivationForm {

  private static final double EPS = 1e-4;

  /** The ServiceLoader constructor. */
  public L2NormalizeOnnx() {}

  @Override
  public String activation() {
    return "l2_normalize";
  }

  @Override
  public void export(Activation activation, OnnxNodes nodes, String input, String output) {
    String squares = nodes.apply("Mul", input, input);
    String sums = nodes.apply("ReduceSum", Map.of("keepdims", 1L), squares, nodes.ints(1));
    String lengths = nodes.apply("Sqrt", nodes.apply("Add", sums, nodes.constant(EPS)));
    nodes.node("Div", output, List.of(input, lengths), Map.of());
  }

  @Override
  public List<OnnxPattern> patterns() {
    OnnxPattern sums = op("ReduceSum", op("Mul", z(), z()), ints(1)).with("keepdims", 1, 1);
    return List.of(op("Div", z(), op("Sqrt", op("Add", sums, constant("eps")))));
  }

  /** The pattern with this plugin's ε; another ε is another function, not this plugin. */
  @Override
  public String spec(OnnxMatch match) {
    return Math.abs(match.constant("eps") - EPS) <= 1e-6 * EPS ? "l2_normalize" : null;
  }
}
