/** The ONNX form of the plugins' l2_normalize, both ways. */
module com.example.plugins.onnx {
  requires com.example.plugins;
  requires io.ffnn.onnx;

  provides io.ffnn.onnx.OnnxActivationForm with com.example.plugins.onnx.L2NormalizeOnnx;
}
