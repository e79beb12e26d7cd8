/**
 * ONNX interoperability: {@link io.ffnn.onnx.OnnxExport} writes a trained model as a standard
 * ONNX graph that ONNX Runtime and other ONNX tools run.
 */
package io.ffnn.onnx;
