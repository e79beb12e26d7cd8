package io.ffnn.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} that a fully connected network uses, read with
 * protobuf-java's wire-format API ({@link CodedInputStream}) and the field numbers of the ONNX
 * schema; every other field is skipped.
 */
final class Parsed {

  /** {@code NodeProto}: inputs, outputs, name, operator, attributes. */
  record Node(List<String> inputs, List<String> outputs, String name, String op,
      Map<String, Attribute> attributes) {

    String describe() {
      return "node '" + (name.isEmpty() ? outputs.isEmpty() ? "?" : outputs.get(0) : name)
          + "' (" + op + ")";
    }
  }

  /** {@code AttributeProto}: a float, an integer or a string. */
  record Attribute(Float f, Long i, String s) {}

  /** {@code TensorProto}: shape, element type and values. */
  record Tensor(long[] dims, int type, double[] values) {}

  final List<Node> nodes = new ArrayList<>();
  final Map<String, Tensor> initializers = new LinkedHashMap<>();
  final List<String> inputs = new ArrayList<>();
  final List<String> outputs = new ArrayList<>();
  /** The opset of the default domain, or 0 if none is declared. */
  long opset;

  static Parsed parse(byte[] model) throws IOException {
    Parsed p = new Parsed();
    CodedInputStream in = CodedInputStream.newInstance(model);
    boolean graph = false;
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 7:
          p.graph(in.readBytes().toByteArray());
          graph = true;
          break;
        case 8: {
          CodedInputStream op = CodedInputStream.newInstance(in.readBytes().toByteArray());
          String domain = "";
          long version = 0;
          for (int t; (t = op.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
              domain = op.readString();
            } else if (WireFormat.getTagFieldNumber(t) == 2) {
              version = op.readInt64();
            } else {
              op.skipField(t);
            }
          }
          if (domain.isEmpty() || domain.equals("ai.onnx")) {
            p.opset = version;
          }
          break;
        }
        default:
          in.skipField(tag);
      }
    }
    if (!graph) {
      throw new IOException("no graph (ModelProto field 7): not an ONNX model");
    }
    return p;
  }

  private void graph(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1:
          nodes.add(node(in.readBytes().toByteArray()));
          break;
        case 5: {
          String[] name = new String[1];
          Tensor t = tensor(in.readBytes().toByteArray(), name);
          initializers.put(name[0], t);
          break;
        }
        case 11:
          inputs.add(name(in.readBytes().toByteArray()));
          break;
        case 12:
          outputs.add(name(in.readBytes().toByteArray()));
          break;
        default:
          in.skipField(tag);
      }
    }
  }

  /** {@code ValueInfoProto}'s name. */
  private static String name(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String name = "";
    for (int tag; (tag = in.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        name = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return name;
  }

  private static Node node(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String op = "";
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1:
          inputs.add(in.readString());
          break;
        case 2:
          outputs.add(in.readString());
          break;
        case 3:
          name = in.readString();
          break;
        case 4:
          op = in.readString();
          break;
        case 5:
          attribute(in.readBytes().toByteArray(), attributes);
          break;
        default:
          in.skipField(tag);
      }
    }
    return new Node(inputs, outputs, name, op, attributes);
  }

  private static void attribute(byte[] bytes, Map<String, Attribute> into) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String name = "";
    Float f = null;
    Long i = null;
    String s = null;
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1:
          name = in.readString();
          break;
        case 2:
          f = in.readFloat();
          break;
        case 3:
          i = in.readInt64();
          break;
        case 4:
          s = in.readBytes().toStringUtf8();
          break;
        default:
          in.skipField(tag);
      }
    }
    into.put(name, new Attribute(f, i, s));
  }

  /** Reads one value of a repeated field. */
  private interface Value {
    void read() throws IOException;
  }

  /** A repeated field's values: packed (one length-delimited run) or one per tag. */
  private static void repeated(CodedInputStream in, boolean packed, Value value)
      throws IOException {
    if (!packed) {
      value.read();
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    while (in.getBytesUntilLimit() > 0) {
      value.read();
    }
    in.popLimit(limit);
  }

  /** {@code TensorProto} of FLOAT or DOUBLE values, raw or in the typed fields. */
  private static Tensor tensor(byte[] bytes, String[] name) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    List<Long> dims = new ArrayList<>();
    int type = 0;
    byte[] raw = null;
    List<Double> typed = new ArrayList<>();
    name[0] = "";
    for (int tag; (tag = in.readTag()) != 0; ) {
      int field = WireFormat.getTagFieldNumber(tag);
      boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      switch (field) {
        case 1:
          repeated(in, packed, () -> dims.add(in.readInt64()));
          break;
        case 2:
          type = in.readInt32();
          break;
        case 4:
          repeated(in, packed, () -> typed.add((double) in.readFloat()));
          break;
        case 8:
          name[0] = in.readString();
          break;
        case 9:
          raw = in.readBytes().toByteArray();
          break;
        case 10:
          repeated(in, packed, () -> typed.add(in.readDouble()));
          break;
        default:
          in.skipField(tag);
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    if (type != Graph.FLOAT && type != Graph.DOUBLE) {
      return new Tensor(shape, type, null);
    }
    double[] values;
    if (raw != null) {
      ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      int size = type == Graph.FLOAT ? 4 : 8;
      values = new double[raw.length / size];
      for (int k = 0; k < values.length; k++) {
        values[k] = type == Graph.FLOAT ? buffer.getFloat() : buffer.getDouble();
      }
    } else {
      values = typed.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Tensor(shape, type, values);
  }
}
