package io.ffnn.onnx;

import java.util.HashMap;
import java.util.Map;

/**
 * The ONNX operators ffnn writes and reads, with the lowest version of the default domain (or of
 * {@code ai.onnx.ml} for {@link #LABEL_ENCODER}) whose definition does what ffnn needs of it: the
 * types it is used with (float and double), multidirectional broadcasting of a scalar constant
 * where ffnn relies on it, and a two-dimensional {@code [N, n]} input. An export declares the
 * largest of these over its nodes (see {@link Graph}), so that older runtimes load what needs
 * nothing newer.
 */
enum Op {
  ABS("Abs", 6),
  ADD("Add", 7),
  CAST("Cast", 6),
  CELU("Celu", 12),
  CLIP("Clip", 11),
  CONCAT("Concat", 4),
  CONSTANT("Constant", 1),
  DIV("Div", 7),
  ELU("Elu", 6),
  EQUAL("Equal", 11),
  ERF("Erf", 9),
  EXP("Exp", 6),
  FLATTEN("Flatten", 1),
  GELU("Gelu", 20),
  GEMM("Gemm", 7),
  GREATER("Greater", 7),
  HARD_SIGMOID("HardSigmoid", 6),
  IDENTITY("Identity", 1),
  IS_NAN("IsNaN", 9),
  LABEL_ENCODER("LabelEncoder", 2),
  LEAKY_RELU("LeakyRelu", 6),
  LOG("Log", 6),
  LOG_SOFTMAX("LogSoftmax", 1),
  MAT_MUL("MatMul", 1),
  MAX("Max", 8),
  MIN("Min", 8),
  MISH("Mish", 18),
  MUL("Mul", 7),
  NEG("Neg", 6),
  POW("Pow", 7),
  REDUCE_SUM("ReduceSum", 13),
  RELU("Relu", 6),
  RESHAPE("Reshape", 5),
  SELU("Selu", 6),
  SIGMOID("Sigmoid", 6),
  SOFTMAX("Softmax", 1),
  SOFTPLUS("Softplus", 1),
  SOFTSIGN("Softsign", 1),
  SQRT("Sqrt", 6),
  SUB("Sub", 7),
  TANH("Tanh", 6),
  WHERE("Where", 9);

  /** The operator's name in a {@code NodeProto}'s {@code op_type}. */
  final String onnxName;
  /** The lowest opset of its domain whose definition ffnn's use needs. */
  final int since;

  private static final Map<String, Op> BY_NAME = new HashMap<>();

  static {
    for (Op op : values()) {
      BY_NAME.put(op.onnxName, op);
    }
  }

  Op(String onnxName, int since) {
    this.onnxName = onnxName;
    this.since = since;
  }

  /**
   * The operator of a node's {@code op_type} in the default domain.
   *
   * @param onnxName e.g. {@code "Gemm"}
   * @return the operator, or null if ffnn has no use for it
   */
  static Op of(String onnxName) {
    return BY_NAME.get(onnxName);
  }

  @Override
  public String toString() {
    return onnxName;
  }
}
