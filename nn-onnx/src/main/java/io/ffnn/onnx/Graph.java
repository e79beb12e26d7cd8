package io.ffnn.onnx;

import com.google.protobuf.ByteString;
import io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.GraphProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ModelProto;
import io.ffnn.onnx.internal.proto.OnnxProto.NodeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import io.ffnn.onnx.internal.proto.OnnxProto.StringStringEntryProto;
import io.ffnn.onnx.internal.proto.OnnxProto.TensorProto;
import io.ffnn.onnx.internal.proto.OnnxProto.TensorShapeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.TypeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph being built: its nodes, its initializers (the weights and constants, in the
 * graph's element type) and the model around it, as the messages of the ONNX schema. The model
 * declares the lowest opset its operators need ({@link Op#since}, at least {@value #MIN_OPSET})
 * and the IR version of the ONNX release that introduced that opset.
 */
final class Graph {

  /** {@code TensorProto.DataType}: FLOAT. */
  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  /** {@code TensorProto.DataType}: DOUBLE. */
  static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
  /** {@code TensorProto.DataType}: STRING. */
  static final int STRING = TensorProto.DataType.STRING_VALUE;
  /** {@code TensorProto.DataType}: INT64. */
  static final int INT64 = TensorProto.DataType.INT64_VALUE;
  /**
   * The lowest opset an export declares: 7, the first with multidirectional broadcasting, which
   * ONNX Runtime and the {@code onnx} checker still load.
   */
  static final int MIN_OPSET = 7;
  /** The opset declared for an operator ffnn does not list (a plugin's): the newest it knows. */
  static final int NEWEST_OPSET = 20;
  /** The ONNX-ML operator domain, and the version of it whose LabelEncoder maps strings. */
  static final String ML = "ai.onnx.ml";
  static final long ML_OPSET = 2;

  /** One of the graph's inputs: its name, element type and width ({@code [N, width]}). */
  record Input(String name, int elemType, int width) {}

  final int elemType;
  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<TensorProto> initializers = new ArrayList<>();
  /** The names of node outputs and initializers: no input may take one. */
  private final Set<String> made = new HashSet<>();
  private boolean usesMl;
  /** The largest {@link Op#since} of the default domain's nodes so far. */
  private int opset = MIN_OPSET;
  private int names;

  Graph(int elemType) {
    this.elemType = elemType;
  }

  /** A name not used yet in this graph, from a readable stem. */
  String fresh(String stem) {
    return stem + "_" + names++;
  }

  /** An attribute {@code name = value} as a float. */
  static AttributeProto floatAttribute(String name, double value) {
    return AttributeProto.newBuilder().setName(name).setF((float) value)
        .setType(AttributeProto.AttributeType.FLOAT).build();
  }

  /** An attribute {@code name = value} as an integer. */
  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setI(value)
        .setType(AttributeProto.AttributeType.INT).build();
  }

  /** An attribute {@code name = [values…]} of integers. */
  static AttributeProto intsAttribute(String name, long[] values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    for (long v : values) {
      a.addInts(v);
    }
    return a.setType(AttributeProto.AttributeType.INTS).build();
  }

  /** An attribute {@code name = [values…]} of strings. */
  static AttributeProto stringsAttribute(String name, List<String> values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    for (String v : values) {
      a.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
    }
    return a.setType(AttributeProto.AttributeType.STRINGS).build();
  }

  /**
   * A node {@code output = op(inputs…)} of the default domain.
   *
   * @return the output's name
   */
  String node(Op op, String output, List<String> inputs, AttributeProto... attributes) {
    opset = Math.max(opset, op.since);
    return add("", op.onnxName, output, inputs, attributes);
  }

  /**
   * A node of the default domain by the operator's name, for a plugin's contribution: an
   * operator ffnn does not list makes the model declare {@value #NEWEST_OPSET}.
   */
  String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
    Op known = Op.of(op);
    if (known != null) {
      return node(known, output, inputs, attributes);
    }
    opset = Math.max(opset, NEWEST_OPSET);
    return add("", op, output, inputs, attributes);
  }

  /** A node of ONNX-ML's domain. */
  String mlNode(Op op, String output, List<String> inputs, AttributeProto... attributes) {
    usesMl = true;
    return add(ML, op.onnxName, output, inputs, attributes);
  }

  private String add(String domain, String op, String output, List<String> inputs,
      AttributeProto... attributes) {
    NodeProto.Builder node = NodeProto.newBuilder().addAllInput(inputs).addOutput(output)
        .setName(output).setOpType(op);
    for (AttributeProto a : attributes) {
      node.addAttribute(a);
    }
    if (!domain.isEmpty()) {
      node.setDomain(domain);
    }
    nodes.add(node.build());
    made.add(output);
    return output;
  }

  /** A node with a fresh output name. */
  String apply(Op op, List<String> inputs, AttributeProto... attributes) {
    return node(op, fresh(op.onnxName.toLowerCase(Locale.ROOT)), inputs, attributes);
  }

  /** A node with a fresh output name, by the operator's name (a plugin's contribution). */
  String apply(String op, List<String> inputs) {
    return node(op, fresh(op.toLowerCase(Locale.ROOT)), inputs);
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

  /** An initializer of doubles, whatever the graph's element type. */
  String doubleInitializer(String name, double[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      raw.putDouble(v);
    }
    return tensor(name, DOUBLE, raw.array(), dims);
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
    TensorProto.Builder tensor = TensorProto.newBuilder();
    for (long d : dims) {
      tensor.addDims(d);
    }
    initializers.add(tensor.setDataType(type).setName(name).setRawData(ByteString.copyFrom(raw))
        .build());
    made.add(name);
    return name;
  }

  /** A scalar constant, named after its value's order of appearance. */
  String scalar(double value) {
    return initializer(fresh("const"), new double[] {value});
  }

  /** A scalar float constant, whatever the graph's element type (for a part run in float). */
  String floatScalar(double value) {
    ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) value);
    return tensor(fresh("const"), FLOAT, raw.array(), new long[0]);
  }

  /** {@code ValueInfoProto}: a tensor with a batch dimension {@code N}. */
  private static ValueInfoProto valueInfo(String name, int elemType, int width) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
        .build();
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(elemType).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }

  /** The {@code ModelProto} of this graph with one input of the graph's element type. */
  byte[] model(String input, int inputWidth, String output, int outputWidth,
      Map<String, String> metadata, String producerVersion) {
    return model(List.of(new Input(input, elemType, inputWidth)), output, outputWidth, metadata,
        producerVersion);
  }

  /**
   * The opset of the default domain the model declares: the largest {@link Op#since} of its
   * nodes, at least {@value #MIN_OPSET}.
   *
   * @return the opset
   */
  int opset() {
    return opset;
  }

  /**
   * The IR version of the ONNX release that introduced an opset (ONNX's versioning table), and
   * at least 4, the first in which initializers need not be graph inputs; 7 where ONNX-ML's
   * opset 2 is imported.
   */
  static long irVersion(int opset, boolean usesMl) {
    long ir = opset <= 8 ? 3 : opset == 9 ? 4 : opset == 10 ? 5 : opset == 11 ? 6
        : opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
    return Math.max(Math.max(ir, 4), usesMl ? 7 : 0);
  }

  /**
   * The {@code ModelProto} of this graph, its inputs and output, and metadata.
   *
   * @throws IllegalArgumentException if an input is named as a tensor the graph makes
   */
  byte[] model(List<Input> inputs, String output, int outputWidth,
      Map<String, String> metadata, String producerVersion) {
    GraphProto.Builder graph = GraphProto.newBuilder().addAllNode(nodes).setName("ffnn")
        .addAllInitializer(initializers);
    for (Input in : inputs) {
      if (made.contains(in.name())) {
        throw new IllegalArgumentException("the input '" + in.name() + "' has the name of a "
            + "tensor the graph makes; rename the column");
      }
      graph.addInput(valueInfo(in.name(), in.elemType(), in.width()));
    }
    graph.addOutput(valueInfo(output, elemType, outputWidth));
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(irVersion(opset, usesMl))
        .setProducerName("ffnn")
        .setProducerVersion(producerVersion)
        .setGraph(graph)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
    if (usesMl) {
      model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML).setVersion(ML_OPSET));
    }
    for (Map.Entry<String, String> e : new LinkedHashMap<>(metadata).entrySet()) {
      model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey())
          .setValue(e.getValue()));
    }
    return model.build().toByteArray();
  }
}
