package io.ffnn.examples;

import io.ffnn.api.Activation;
import io.ffnn.onnx.OnnxActivationExport;
import io.ffnn.onnx.OnnxNodes;
import java.util.List;
import java.util.Map;

/**
 * The ONNX form of {@link BentIdentity}, {@code (√(z² + 1) − 1) / 2 + z}, contributed next to the
 * plugin in {@code META-INF/services/io.ffnn.onnx.OnnxActivationExport}: how a plugin author lets
 * {@code ffnn export} write a network that uses the plugin.
 */
public final class BentIdentityOnnx implements OnnxActivationExport {

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
}
