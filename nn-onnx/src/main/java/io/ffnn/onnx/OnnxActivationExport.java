package io.ffnn.onnx;

import io.ffnn.api.Activation;

/**
 * The export half of an activation plugin's ONNX form: what {@link OnnxActivationForm} extends
 * with the patterns {@link OnnxImport} recognises. Implement {@link OnnxActivationForm}, so that
 * the plugin's exports read back; an implementation of this interface alone, registered in
 * {@code META-INF/services/io.ffnn.onnx.OnnxActivationExport} (or with {@code provides} in a
 * module descriptor) as before that interface existed, is still found by {@link OnnxExport} with
 * {@link java.util.ServiceLoader}. A model whose activation has neither a built-in ONNX form nor
 * a contribution is refused, naming the plugin.
 */
public interface OnnxActivationExport {

  /**
   * The name of the activation plugin this exports, as {@link Activation#name()} gives it.
   *
   * @return e.g. {@code "bent_identity"}
   */
  String activation();

  /**
   * Adds the nodes that compute the activation, row by row ({@code [N, n]}, examples as rows),
   * from the tensor {@code input} into a tensor named {@code output}.
   *
   * @param activation the configured plugin instance, for its parameters
   * @param nodes where to add the nodes
   * @param input the name of the pre-activations {@code Z}
   * @param output the name the activations must have
   */
  void export(Activation activation, OnnxNodes nodes, String input, String output);
}
