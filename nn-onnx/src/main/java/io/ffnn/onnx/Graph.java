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
  /** {@code TensorProto.DataType}: STRING. */
  static final int STRING = 8;
  /** {@code TensorProto.DataType}: INT64. */
  static final int INT64 = 7;
  static final long IR_VERSION = 9;
  static final long OPSET = 20;
  /** The ONNX-ML operator domain, and the version of it whose LabelEncoder maps strings. */
  static final String ML = "ai.onnx.ml";
  static final long ML_OPSET = 2;

  // AttributeProto.AttributeType
  private static final int ATTRIBUTE_FLOAT = 1;
  private static final int ATTRIBUTE_INT = 2;
  private static final int ATTRIBUTE_INTS = 7;
  private static final int ATTRIBUTE_STRINGS = 8;

  /** One of the graph's inputs: its name, element type and width ({@code [N, width]}). */
  record Input(String name, int elemType, int width) {}

  final int elemType;
  private final List<Proto> nodes = new ArrayList<>();
  private final List<Proto> initializers = new ArrayList<>();
  /** The names of node outputs and initializers: no input may take one. */
  private final java.util.Set<String> made = new java.util.HashSet<>();
  private boolean usesMl;
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

  /** An attribute {@code name = [values…]} of integers. */
  static Proto intsAttribute(String name, long[] values) {
    Proto a = new Proto().string(1, name);
    for (long v : values) {
      a.int64(8, v);
    }
    return a.int64(20, ATTRIBUTE_INTS);
  }

  /** An attribute {@code name = [values…]} of strings. */
  static Proto stringsAttribute(String name, List<String> values) {
    Proto a = new Proto().string(1, name);
    for (String v : values) {
      a.bytes(9, v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return a.int64(20, ATTRIBUTE_STRINGS);
  }

  /**
   * A node {@code output = op(inputs…)}.
   *
   * @return the output's name
   */
  String node(String op, String output, List<String> inputs, Proto... attributes) {
    return node("", op, output, inputs, attributes);
  }

  /** A node of an operator domain: {@code ""} for ONNX's own, {@link #ML} for ONNX-ML's. */
  String node(String domain, String op, String output, List<String> inputs,
      Proto... attributes) {
    Proto node = new Proto();
    for (String in : inputs) {
      node.string(1, in);
    }
    node.string(2, output).string(3, output).string(4, op);
    for (Proto a : attributes) {
      node.message(5, a);
    }
    if (!domain.isEmpty()) {
      node.string(7, domain);
      usesMl |= domain.equals(ML);
    }
    nodes.add(node);
    made.add(output);
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
    return tensor(name, elemType, raw.array(), dims);
  }

  /** An initializer of 64-bit integers. */
  String int64Initializer(String name, long[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    return tensor(name, INT64, raw.array(), dims);
  }

  /** A {@code TensorProto} of little-endian raw data among the initializers. */
  private String tensor(String name, int type, byte[] raw, long[] dims) {
    Proto tensor = new Proto();
    for (long d : dims) {
      tensor.int64(1, d);
    }
    tensor.int64(2, type).string(8, name).bytes(9, raw);
    initializers.add(tensor);
    made.add(name);
    return name;
  }

  /** A scalar constant, named after its value's order of appearance. */
  String scalar(double value) {
    return initializer(fresh("const"), new double[] {value});
  }

  /** {@code ValueInfoProto}: a tensor with a batch dimension {@code N}. */
  private static Proto valueInfo(String name, int elemType, int width) {
    Proto dims = new Proto()
        .message(1, new Proto().string(2, "N"))
        .message(1, new Proto().int64(1, width));
    Proto tensorType = new Proto().int64(1, elemType).message(2, dims);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** The {@code ModelProto} of this graph with one input of the graph's element type. */
  byte[] model(String input, int inputWidth, String output, int outputWidth,
      Map<String, String> metadata, String producerVersion) {
    return model(List.of(new Input(input, elemType, inputWidth)), output, outputWidth, metadata,
        producerVersion);
  }

  /**
   * The {@code ModelProto} of this graph, its inputs and output, and metadata.
   *
   * @throws IllegalArgumentException if an input is named as a tensor the graph makes
   */
  byte[] model(List<Input> inputs, String output, int outputWidth,
      Map<String, String> metadata, String producerVersion) {
    Proto graph = new Proto();
    for (Proto n : nodes) {
      graph.message(1, n);
    }
    graph.string(2, "ffnn");
    for (Proto t : initializers) {
      graph.message(5, t);
    }
    for (Input in : inputs) {
      if (made.contains(in.name())) {
        throw new IllegalArgumentException("the input '" + in.name() + "' has the name of a "
            + "tensor the graph makes; rename the column");
      }
      graph.message(11, valueInfo(in.name(), in.elemType(), in.width()));
    }
    graph.message(12, valueInfo(output, elemType, outputWidth));
    Proto model = new Proto()
        .int64(1, IR_VERSION)
        .string(2, "ffnn")
        .string(3, producerVersion)
        .message(7, graph)
        .message(8, new Proto().string(1, "").int64(2, OPSET));
    if (usesMl) {
      model.message(8, new Proto().string(1, ML).int64(2, ML_OPSET));
    }
    for (Map.Entry<String, String> e : new LinkedHashMap<>(metadata).entrySet()) {
      model.message(14, new Proto().string(1, e.getKey()).string(2, e.getValue()));
    }
    return model.toByteString().toByteArray();
  }
}
