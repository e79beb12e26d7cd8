package io.ffnn.onnx;

import java.util.List;

/**
 * An activation's ONNX form, both ways: how {@link OnnxExport} writes it ({@link
 * #export(io.ffnn.api.Activation, OnnxNodes, String, String)}) and the node patterns {@link
 * OnnxImport} recognises as it ({@link #patterns()}): its own export, and the forms other
 * exporters write (PyTorch's {@code torch.onnx.export}, Keras converters). Every built-in
 * activation has one; a plugin from outside ffnn contributes its own by registering an
 * implementation in {@code META-INF/services/io.ffnn.onnx.OnnxActivationForm} (or with {@code
 * provides} in a module descriptor) next to the plugin.
 */
public interface OnnxActivationForm extends OnnxActivationExport {

  /**
   * The patterns the importer recognises as this activation, over the layer's pre-activations
   * {@link OnnxPattern#z()}.
   *
   * @return the patterns; at least the form {@link #export} writes, so that an export reads back
   */
  List<OnnxPattern> patterns();

  /**
   * The activation a match stands for.
   *
   * @param match which pattern matched, and what it captured
   * @return the activation's spec, e.g. {@code "leaky_relu(alpha=0.2)"}; or null if the captured
   *     values say the nodes are not this activation after all (a {@code Clip} to other bounds)
   */
  String spec(OnnxMatch match);
}
