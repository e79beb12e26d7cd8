package io.ffnn.examples;

import static io.ffnn.onnx.OnnxPattern.constant;
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
 * The ONNX form of {@link BentIdentity}, {@code (√(z² + 1) − 1) / 2 + z}, both ways, contributed
 * next to the plugin in {@code META-INF/services/io.ffnn.onnx.OnnxActivationForm}: how a plugin
 * author lets {@code ffnn export} write a network that uses the plugin, and {@code ffnn import}
 * read it back.
 */
public final class BentIdentityOnnx implements OnnxActivationForm {

  /** The ServiceLoader constructor. */
  public BentIdentityOnnx() {}

  @Override
  public String activation() {
    return "bent_identity";
  }

  @Override
  public void export(Activation activation, OnnxNodes nodes, String input, String output) {
    String root = nodes.apply("Sqrt", nodes.apply("Add", nodes.apply("Mul", input, input),
        nodes.constant(1)));
    String half = nodes.apply("Div", nodes.apply("Sub", root, nodes.constant(1)),
        nodes.constant(2));
    nodes.node("Add", output, List.of(half, input), Map.of());
  }

  /** The nodes {@link #export} writes, {@code Add} and {@code Mul} in either order. */
  @Override
  public List<OnnxPattern> patterns() {
    OnnxPattern root = op("Sqrt", op("Add", op("Mul", z(), z()), constant(1)));
    return List.of(op("Add", op("Div", op("Sub", root, constant(1)), constant(2)), z()));
  }

  @Override
  public String spec(OnnxMatch match) {
    return "bent_identity";
  }
}
