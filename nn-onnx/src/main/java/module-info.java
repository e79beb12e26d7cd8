/**
 * Export of trained ffnn networks as ONNX models. Protobuf is a detail of the implementation: no
 * exported signature mentions it.
 */
module io.ffnn.onnx {
  requires transitive io.ffnn.io;
  requires com.google.protobuf;

  exports io.ffnn.onnx;

  uses io.ffnn.onnx.OnnxActivationExport;
  uses io.ffnn.onnx.OnnxActivationForm;
}
