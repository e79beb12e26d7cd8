package io.ffnn.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.GraphProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ModelProto;
import io.ffnn.onnx.internal.proto.OnnxProto.NodeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import io.ffnn.onnx.internal.proto.OnnxProto.TensorProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model as the importer reads it: the graph's nodes, indexed by the tensors they read,
 * its constants (initializers and {@code Constant} nodes), its inputs and outputs, and the opset
 * of the default domain. Built in one pass over the nodes; every tensor's values are checked
 * against its dims before anything is allocated for them.
 */
final class ModelGraph {

  /** The most values one tensor may hold: the longest Java array. */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /** A node of the graph, as read. */
  record Node(NodeProto proto) {

    Op op() {
      return proto.getDomain().isEmpty() || proto.getDomain().equals("ai.onnx")
          ? Op.of(proto.getOpType()) : null;
    }

    List<String> inputs() {
      return proto.getInputList();
    }

    List<String> outputs() {
      return proto.getOutputList();
    }

    /** The node's first output, which the chain follows. */
    String output() {
      return proto.getOutputCount() == 0 ? "" : proto.getOutput(0);
    }

    /** {@code node 'NAME' (Op)}, the name and operator escaped for a message. */
    String describe() {
      String name = proto.getName().isEmpty() ? output() : proto.getName();
      String domain = proto.getDomain().isEmpty() ? "" : proto.getDomain() + ".";
      return "node " + quote(name.isEmpty() ? "?" : name) + " ("
          + escape(domain + proto.getOpType()) + ")";
    }

    /** The attribute of that name, or null. */
    AttributeProto attribute(String name) {
      for (AttributeProto a : proto.getAttributeList()) {
        if (a.getName().equals(name)) {
          return a;
        }
      }
      return null;
    }

    /** A float attribute's value, or {@code otherwise} if the node has none of that name. */
    double floatAttribute(String name, double otherwise) {
      AttributeProto a = attribute(name);
      return a == null ? otherwise : a.getF();
    }

    /** An integer attribute's value, or {@code otherwise}. */
    long intAttribute(String name, long otherwise) {
      AttributeProto a = attribute(name);
      return a == null ? otherwise : a.getI();
    }

    /** A string attribute's value, or {@code otherwise}. */
    String stringAttribute(String name, String otherwise) {
      AttributeProto a = attribute(name);
      return a == null ? otherwise : a.getS().toStringUtf8();
    }
  }

  /**
   * A constant tensor whose shape has been checked against its data: its values are read from
   * the file's bytes when asked, so that a layer's weights are converted once, into their place.
   */
  record Tensor(String name, long[] dims, int type, int size, TensorProto proto) {

    /** Value {@code k}, {@code 0 ≤ k < size}. */
    private double value(ByteBuffer raw, int k) {
      if (raw != null) {
        return type == Graph.FLOAT ? raw.getFloat(4 * k) : raw.getDouble(8 * k);
      }
      return type == Graph.FLOAT ? proto.getFloatData(k) : proto.getDoubleData(k);
    }

    private ByteBuffer raw() {
      // slice(): an aliased ByteString's buffer starts where its bytes do in the file's
      return proto.getRawData().isEmpty() ? null
          : proto.getRawData().asReadOnlyByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** All values, in a new array: for small tensors (biases, scalers). */
    double[] values() {
      ByteBuffer raw = raw();
      double[] v = new double[size];
      for (int k = 0; k < size; k++) {
        v[k] = value(raw, k);
      }
      return v;
    }

    /**
     * The values of a matrix into {@code rows × cols} row-major entries of {@code into} from
     * {@code at}: as stored ({@code rows × cols}), or transposed from a {@code cols × rows}
     * matrix.
     */
    void matrixInto(double[] into, int at, int rows, int cols, boolean transposed) {
      ByteBuffer raw = raw();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          into[at + r * cols + c] = value(raw, transposed ? c * rows + r : r * cols + c);
        }
      }
    }
  }

  final List<Node> nodes;
  /** Tensor name to the nodes that read it, in graph order. */
  private final Map<String, List<Node>> consumers = new HashMap<>();
  /** Tensor name to the node that writes it (the last, if several claim it). */
  private final Map<String, Node> producers = new HashMap<>();
  /** Constants by name: initializers and the values of {@code Constant} nodes. */
  private final Map<String, TensorProto> constants = new LinkedHashMap<>();
  /** The graph's inputs that are not constants. */
  final List<String> inputs = new ArrayList<>();
  final List<String> outputs = new ArrayList<>();
  /** The opset of the default domain, or 0 if none is declared. */
  final long opset;
  /** The model's metadata, key to value. */
  final Map<String, String> metadata = new HashMap<>();

  private ModelGraph(ModelProto model) {
    long declared = 0;
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        declared = o.getVersion();
      }
    }
    opset = declared;
    for (var e : model.getMetadataPropsList()) {
      metadata.put(e.getKey(), e.getValue());
    }
    GraphProto g = model.getGraph();
    for (TensorProto t : g.getInitializerList()) {
      constants.put(t.getName(), t);
    }
    List<Node> list = new ArrayList<>(g.getNodeCount());
    for (NodeProto n : g.getNodeList()) {
      Node node = new Node(n);
      if (node.op() == Op.CONSTANT && n.getInputCount() == 0 && n.getOutputCount() == 1) {
        AttributeProto value = node.attribute("value");
        if (value != null && value.hasT()) {
          constants.put(n.getOutput(0), value.getT());
          continue;
        }
      }
      list.add(node);
      for (String in : n.getInputList()) {
        List<Node> readers = consumers.computeIfAbsent(in, k -> new ArrayList<>(1));
        // a node that reads a tensor twice (Mul(z, z)) is one reader
        if (readers.isEmpty() || readers.get(readers.size() - 1) != node) {
          readers.add(node);
        }
      }
      for (String out : n.getOutputList()) {
        producers.put(out, node);
      }
    }
    nodes = List.copyOf(list);
    for (ValueInfoProto v : g.getInputList()) {
      if (!constants.containsKey(v.getName())) {
        inputs.add(v.getName());
      }
    }
    for (ValueInfoProto v : g.getOutputList()) {
      outputs.add(v.getName());
    }
  }

  /**
   * Parses a {@code ModelProto}.
   *
   * @param model its bytes, which the parsed tensors share rather than copy
   * @return the graph
   * @throws IOException if the bytes are not a {@code ModelProto} with a graph
   */
  static ModelGraph parse(byte[] model) throws IOException {
    ModelProto proto;
    try {
      CodedInputStream in = CodedInputStream.newInstance(model);
      in.enableAliasing(true);
      proto = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("not an ONNX model: " + e.getMessage(), e);
    }
    if (!proto.hasGraph()) {
      throw new IOException("not an ONNX model: it has no graph");
    }
    return new ModelGraph(proto);
  }

  /**
   * The nodes that read a tensor.
   *
   * @param tensor the tensor's name
   * @return its readers, in graph order; empty if none
   */
  List<Node> consumers(String tensor) {
    return consumers.getOrDefault(tensor, List.of());
  }

  /**
   * The node that writes a tensor.
   *
   * @param tensor the tensor's name
   * @return the node, or null for a graph input, a constant or a name nothing writes
   */
  Node producer(String tensor) {
    return producers.get(tensor);
  }

  /**
   * A constant's value if it is one float or double value (a scalar, or a tensor of one value),
   * without any message: for matching patterns.
   *
   * @param name the tensor's name
   * @return the value, or null if the tensor is not such a constant
   */
  Double scalar(String name) {
    TensorProto t = constants.get(name);
    if (t == null || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return null;
    }
    for (long d : t.getDimsList()) {
      if (d != 1) {
        return null;
      }
    }
    ByteString raw = t.getRawData();
    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (t.getDataType() == Graph.FLOAT) {
      return raw.size() == 4 ? (double) b.getFloat()
          : raw.isEmpty() && t.getFloatDataCount() == 1 ? (double) t.getFloatData(0) : null;
    }
    if (t.getDataType() == Graph.DOUBLE) {
      return raw.size() == 8 ? b.getDouble()
          : raw.isEmpty() && t.getDoubleDataCount() == 1 ? t.getDoubleData(0) : null;
    }
    return null;
  }

  /**
   * A constant of 64-bit integers with at most 16 values (a {@code Reshape}'s shape).
   *
   * @param name the tensor's name
   * @return its values, or null if it is not such a constant
   */
  long[] longs(String name) {
    TensorProto t = constants.get(name);
    if (t == null || t.getDataType() != Graph.INT64 || t.getDimsCount() > 1
        || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return null;
    }
    ByteString raw = t.getRawData();
    if (!raw.isEmpty()) {
      if (raw.size() % 8 != 0 || raw.size() > 16 * 8) {
        return null;
      }
      long[] v = new long[raw.size() / 8];
      ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < v.length; k++) {
        v[k] = b.getLong();
      }
      return v;
    }
    if (t.getInt64DataCount() > 16) {
      return null;
    }
    long[] v = new long[t.getInt64DataCount()];
    for (int k = 0; k < v.length; k++) {
      v[k] = t.getInt64Data(k);
    }
    return v;
  }

  /** Whether a tensor is a constant: an initializer or a {@code Constant} node's value. */
  boolean isConstant(String name) {
    return constants.containsKey(name);
  }

  /**
   * A constant, after checking its dims against its data.
   *
   * @param name the tensor's name
   * @param user what reads it, for messages: e.g. {@code node 'Z1' (Gemm)}
   * @return the tensor, or null if no constant has that name
   * @throws IOException if it is not float or double, its data are elsewhere, or its dims
   *     disagree with its data
   */
  Tensor tensor(String name, String user) throws IOException {
    TensorProto t = constants.get(name);
    if (t == null) {
      return null;
    }
    String what = user + ": tensor " + quote(name);
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL
        || t.getExternalDataCount() > 0) {
      throw new IOException(what + " keeps its data in an external file; ffnn imports models "
          + "whose weights are in the .onnx file itself");
    }
    int type = t.getDataType();
    if (type != Graph.FLOAT && type != Graph.DOUBLE) {
      TensorProto.DataType known = TensorProto.DataType.forNumber(type);
      throw new IOException(what + " has element type " + (known == null ? type : known)
          + "; ffnn imports float and double tensors");
    }
    long[] dims = new long[t.getDimsCount()];
    long count = 1;
    for (int k = 0; k < dims.length; k++) {
      dims[k] = t.getDims(k);
      if (dims[k] < 0) {
        throw new IOException(what + " has dims " + Arrays.toString(t.getDimsList().toArray())
            + ": a dimension is negative");
      }
      count = dims[k] == 0 ? 0 : count > MAX_VALUES / dims[k] ? MAX_VALUES + 1 : count * dims[k];
    }
    if (count > MAX_VALUES) {
      throw new IOException(what + " has dims " + Arrays.toString(dims) + ": more values than "
          + "one tensor may hold (" + MAX_VALUES + ")");
    }
    int n = (int) count;
    int size = type == Graph.FLOAT ? 4 : 8;
    ByteString raw = t.getRawData();
    int stored = !raw.isEmpty() ? raw.size() / size
        : type == Graph.FLOAT ? t.getFloatDataCount() : t.getDoubleDataCount();
    if (!raw.isEmpty() && raw.size() % size != 0 || stored != n
        || !raw.isEmpty() && (type == Graph.FLOAT ? t.getFloatDataCount()
            : t.getDoubleDataCount()) > 0) {
      throw new IOException(what + " has dims " + Arrays.toString(dims) + " (" + n + " values) "
          + "but holds " + (!raw.isEmpty() ? raw.size() + " bytes of raw data" : stored
          + " values"));
    }
    return new Tensor(name, dims, type, n, t);
  }

  /** {@code 'text'}, its control characters escaped. */
  static String quote(String text) {
    return "'" + escape(text) + "'";
  }

  /**
   * A text from the file as a message may carry it: control characters as {@code \}{@code
   * uXXXX}, so that none reaches a terminal; at most 200 characters.
   */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < text.length() && i < 200; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return i < text.length() ? sb + "…" : sb.toString();
  }
}
