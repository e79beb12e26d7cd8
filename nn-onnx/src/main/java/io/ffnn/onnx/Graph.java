package io.ffnn.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph being built: its nodes, its initializers (the weights and constants, in the
 * graph's element type) and the messages of the model around it, with the field numbers of the
 * ONNX schema ({@code onnx.proto3}, IR version 9, opset 20).
 */
final class Graph {

  /** {@code TensorProto.DataType}: FLOAT. */
  static final int FLOAT = 1;
  /** {@code TensorProto.DataType}: DOUBLE. */
  static final int DOUBLE = 11;
  static final long IR_VERSION = 9;
  static final long OPSET = 20;

  // AttributeProto.AttributeType
  private static final int ATTRIBUTE_FLOAT = 1;
  private static final int ATTRIBUTE_INT = 2;

  final int elemType;
  private final List<Proto> nodes = new ArrayList<>();
  private final List<Proto> initializers = new ArrayList<>();
  private int names;

  Graph(int elemType) {
    this.elemType = elemType;
  }

  /** A name not used yet in this graph, from a readable stem. */
  String fresh(String stem) {
    return stem + "_" + names++;
  }

  /** An attribute {@code name = value} as a float. */
  static Proto floatAttribute(String name, double value) {
    return new Proto().string(1, name).float32(2, (float) value).int64(20, ATTRIBUTE_FLOAT);
  }

  /** An attribute {@code name = value} as an integer. */
  static Proto intAttribute(String name, long value) {
    return new Proto().string(1, name).int64(3, value).int64(20, ATTRIBUTE_INT);
  }

  /**
   * A node {@code output = op(inputs…)}.
   *
   * @return the output's name
   */
  String node(String op, String output, List<String> inputs, Proto... attributes) {
    Proto node = new Proto();
    for (String in : inputs) {
      node.string(1, in);
    }
    node.string(2, output).string(3, output).string(4, op);
    for (Proto a : attributes) {
      node.message(5, a);
    }
    nodes.add(node);
    return output;
  }

  /** A node with a fresh output name. */
  String apply(String op, List<String> inputs, Proto... attributes) {
    return node(op, fresh(op.toLowerCase(java.util.Locale.ROOT)), inputs, attributes);
  }

  /**
   * An initializer of the graph's element type.
   *
   * @param name its name
   * @param values row-major values
   * @param dims its shape; none for a scalar
   * @return its name
   */
  String initializer(String name, double[] values, long... dims) {
    boolean single = elemType == FLOAT;
    ByteBuffer raw = ByteBuffer.allocate(values.length * (single ? 4 : 8))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (single) {
        raw.putFloat((float) v);
      } else {
        raw.putDouble(v);
      }
    }
    Proto tensor = new Proto();
    for (long d : dims) {
      tensor.int64(1, d);
    }
    tensor.int64(2, elemType).string(8, name).bytes(9, raw.array());
    initializers.add(tensor);
    return name;
  }

  /** A scalar constant, named after its value's order of appearance. */
  String scalar(double value) {
    return initializer(fresh("const"), new double[] {value});
  }

  /** {@code ValueInfoProto}: a tensor of the element type with a batch dimension {@code N}. */
  private Proto valueInfo(String name, int width) {
    Proto dims = new Proto()
        .message(1, new Proto().string(2, "N"))
        .message(1, new Proto().int64(1, width));
    Proto tensorType = new Proto().int64(1, elemType).message(2, dims);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** The {@code ModelProto} of this graph, its input and output, and metadata. */
  byte[] model(String input, int inputWidth, String output, int outputWidth,
      Map<String, String> metadata, String producerVersion) {
    Proto graph = new Proto();
    for (Proto n : nodes) {
      graph.message(1, n);
    }
    graph.string(2, "ffnn");
    for (Proto t : initializers) {
      graph.message(5, t);
    }
    graph.message(11, valueInfo(input, inputWidth));
    graph.message(12, valueInfo(output, outputWidth));
    Proto model = new Proto()
        .int64(1, IR_VERSION)
        .string(2, "ffnn")
        .string(3, producerVersion)
        .message(7, graph)
        .message(8, new Proto().string(1, "").int64(2, OPSET));
    for (Map.Entry<String, String> e : new LinkedHashMap<>(metadata).entrySet()) {
      model.message(14, new Proto().string(1, e.getKey()).string(2, e.getValue()));
    }
    return model.toByteString().toByteArray();
  }
}
