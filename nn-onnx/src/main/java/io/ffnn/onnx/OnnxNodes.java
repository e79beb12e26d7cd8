package io.ffnn.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The graph being exported, as an {@link OnnxActivationForm} sees it: it adds nodes of the
 * default ONNX domain and scalar constants of the graph's element type. The model declares the
 * lowest opset its operators need; a node of an operator ffnn does not use itself makes it
 * declare opset 20.
 */
public final class OnnxNodes {

  private final Graph graph;

  OnnxNodes(Graph graph) {
    this.graph = graph;
  }

  /** The graph, for the built-in forms. */
  Graph graph() {
    return graph;
  }

  /**
   * Whether the graph computes in {@code double} (a float64 model); otherwise {@code float}.
   *
   * @return true for double tensors
   */
  public boolean isDouble() {
    return graph.elemType == Graph.DOUBLE;
  }

  /**
   * A scalar constant of the graph's element type, which ONNX broadcasts.
   *
   * @param value the value
   * @return its name
   */
  public String constant(double value) {
    return graph.scalar(value);
  }

  /**
   * A constant tensor of the graph's element type: per-unit parameters, say, which ONNX
   * broadcasts against {@code [N, n]} when its dims are {@code [n]}.
   *
   * @param values the values, row-major
   * @param dims its shape
   * @return its name
   * @throws IllegalArgumentException if the dims do not hold exactly the values
   */
  public String constant(double[] values, long... dims) {
    long count = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("dims " + Arrays.toString(dims) + ": negative");
      }
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " hold " + count
          + " values, not " + values.length);
    }
    return graph.initializer(graph.fresh("const"), values.clone(), dims.clone());
  }

  /**
   * A constant of 64-bit integers, one-dimensional: the axes of a reduction, a shape. (Not an
   * overload of {@link #constant(double)}, which {@code constant(1L)} would call.)
   *
   * @param values the values
   * @return its name
   */
  public String ints(long... values) {
    return graph.int64Initializer(graph.fresh("ints"), values.clone(), values.length);
  }

  /**
   * Adds a node with a fresh output name and attributes.
   *
   * @param op the operator, e.g. {@code "ReduceSum"}
   * @param attributes attribute name to value, as for {@link #node}
   * @param inputs the names of its inputs
   * @return the name of its output
   */
  public String apply(String op, Map<String, ? extends Number> attributes, String... inputs) {
    return node(Objects.requireNonNull(op, "op"), graph.fresh(op.toLowerCase(
        java.util.Locale.ROOT)), Arrays.asList(inputs), attributes);
  }

  /**
   * Adds a node with a fresh output name.
   *
   * @param op the operator, e.g. {@code "Sqrt"}
   * @param inputs the names of its inputs
   * @return the name of its output
   */
  public String apply(String op, String... inputs) {
    return graph.apply(Objects.requireNonNull(op, "op"), Arrays.asList(inputs));
  }

  /**
   * Adds a node with a given output name and attributes.
   *
   * @param op the operator
   * @param output the name of its output
   * @param inputs the names of its inputs
   * @param attributes attribute name to value: a {@link Double} or {@link Float} (a float
   *     attribute) or a {@link Long} or {@link Integer} (an integer one)
   * @return {@code output}
   * @throws IllegalArgumentException if an attribute's value is of another type
   */
  public String node(String op, String output, List<String> inputs,
      Map<String, ? extends Number> attributes) {
    io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto[] protos =
        new io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto[attributes.size()];
    int i = 0;
    for (Map.Entry<String, ? extends Number> e : attributes.entrySet()) {
      Number v = e.getValue();
      if (v instanceof Double || v instanceof Float) {
        protos[i++] = Graph.floatAttribute(e.getKey(), v.doubleValue());
      } else if (v instanceof Long || v instanceof Integer) {
        protos[i++] = Graph.intAttribute(e.getKey(), v.longValue());
      } else {
        throw new IllegalArgumentException("attribute " + e.getKey() + " of " + op + ": "
            + v.getClass().getName() + "; use a Double or a Long");
      }
    }
    return graph.node(op, output, inputs, protos);
  }
}
