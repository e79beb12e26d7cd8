/**
 * ONNX interoperability: {@link io.ffnn.onnx.OnnxExport} writes a trained model as a standard
 * ONNX graph that ONNX Runtime and other ONNX tools run, {@link io.ffnn.onnx.OnnxImport} reads
 * the ONNX model of a fully connected network (PyTorch's, a Keras converter's, ffnn's own) as a
 * model, and {@link io.ffnn.onnx.OnnxActivationForm} is an activation's ONNX form both ways, the
 * SPI through which plugins contribute theirs.
 */
package io.ffnn.onnx;
