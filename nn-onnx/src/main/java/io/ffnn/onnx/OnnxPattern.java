package io.ffnn.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ONNX form of an activation, as an expression over the layer's pre-activations {@code Z}
 * that the importer matches against the graph: a node of an operator whose inputs are
 * themselves patterns, {@code Z} itself, or constants. A pattern reads as {@code silu} when it
 * is {@code op("Mul", z(), op("Sigmoid", z()))}; {@code Add}, {@code Mul}, {@code Max}, {@code
 * Min} and {@code Equal} match their two inputs in either order.
 *
 * <p>The importer tries every form's patterns on the nodes after each layer and takes the match
 * that covers the most nodes; a match must account for every node that reads {@code Z} and for
 * every reader of its own intermediate results, so that what it replaces computes nothing else.
 * Constants match an initializer or a {@code Constant} node of one float or double value: {@link
 * #constant(String)} captures the value for {@link OnnxMatch#constant(String)}, {@link
 * #constant(double)} requires it (to within 1e-6 of its size, as float graphs round it); {@link
 * #ints(long...)} requires a constant of 64-bit integers with those values.
 *
 * @see OnnxActivationForm#patterns()
 */
public final class OnnxPattern {

  /** The operators whose two inputs may come in either order. */
  private static final Set<String> COMMUTATIVE = Set.of("Add", "Mul", "Max", "Min", "Equal");

  enum Kind { Z, CAPTURE, VALUE, INTS, OP }

  final Kind kind;
  /** The operator, for {@link Kind#OP}; the capture's name, for {@link Kind#CAPTURE}. */
  final String name;
  final double value;
  /** The values of an {@link Kind#INTS} constant. */
  final long[] ints;
  final List<OnnxPattern> inputs;
  /** Attributes the node must have, by value (a Number or a String). */
  final Map<String, Object> required;
  /** Attributes captured under their own names. */
  final List<String> captured;

  private OnnxPattern(Kind kind, String name, double value, List<OnnxPattern> inputs,
      Map<String, Object> required, List<String> captured) {
    this(kind, name, value, null, inputs, required, captured);
  }

  private OnnxPattern(Kind kind, String name, double value, long[] ints,
      List<OnnxPattern> inputs, Map<String, Object> required, List<String> captured) {
    this.kind = kind;
    this.name = name;
    this.value = value;
    this.ints = ints;
    this.inputs = inputs;
    this.required = required;
    this.captured = captured;
  }

  /**
   * The layer's pre-activations {@code Z}, the activation's input.
   *
   * @return the pattern
   */
  public static OnnxPattern z() {
    return new OnnxPattern(Kind.Z, null, 0, List.of(), Map.of(), List.of());
  }

  /**
   * A constant whose value is captured under a name.
   *
   * @param name the capture's name, for {@link OnnxMatch#constant(String)}; a name captured twice
   *     in one pattern must hold the same value both times
   * @return the pattern
   */
  public static OnnxPattern constant(String name) {
    return new OnnxPattern(Kind.CAPTURE, Objects.requireNonNull(name, "name"), 0, List.of(),
        Map.of(), List.of());
  }

  /**
   * A constant of a given value, to within {@code 1e-6 · max(1, |value|)}.
   *
   * @param value the value
   * @return the pattern
   */
  public static OnnxPattern constant(double value) {
    return new OnnxPattern(Kind.VALUE, null, value, List.of(), Map.of(), List.of());
  }

  /**
   * A constant of 64-bit integers with exactly these values: a reduction's axes, a shape.
   *
   * @param values the values, in order
   * @return the pattern
   */
  public static OnnxPattern ints(long... values) {
    return new OnnxPattern(Kind.INTS, null, 0, values.clone(), List.of(), Map.of(), List.of());
  }

  /**
   * A node of the default ONNX domain.
   *
   * @param op the operator, e.g. {@code "Sigmoid"}
   * @param inputs its inputs, in order
   * @return the pattern
   */
  public static OnnxPattern op(String op, OnnxPattern... inputs) {
    for (OnnxPattern p : inputs) {
      Objects.requireNonNull(p, "input");
    }
    return new OnnxPattern(Kind.OP, Objects.requireNonNull(op, "op"), 0, List.of(inputs),
        Map.of(), List.of());
  }

  /**
   * The same node, required to have an attribute of a given value: a number compares with the
   * attribute's float or integer value (to within 1e-6 of its size), a string with its text.
   * An attribute the node does not carry compares as its ONNX default only if {@code otherwise}
   * says so: use {@link #with(String, Object, Object)} for that.
   *
   * @param attribute the attribute's name
   * @param value a {@link Number} or a {@link String}
   * @return the pattern
   */
  public OnnxPattern with(String attribute, Object value) {
    return with(attribute, value, null);
  }

  /**
   * The same node, required to have an attribute of a given value, or to lack it where its
   * default is {@code otherwise}.
   *
   * @param attribute the attribute's name
   * @param value a {@link Number} or a {@link String}
   * @param otherwise the attribute's value where the node does not carry it, or null if it must
   * @return the pattern
   */
  public OnnxPattern with(String attribute, Object value, Object otherwise) {
    requireOp("with");
    if (!(value instanceof Number || value instanceof String)) {
      throw new IllegalArgumentException("attribute " + attribute + ": a Number or a String");
    }
    Map<String, Object> r = new LinkedHashMap<>(required);
    r.put(attribute, new Object[] {value, otherwise});
    return new OnnxPattern(kind, name, value(), inputs, Collections.unmodifiableMap(r),
        captured);
  }

  /**
   * The same node, its float or integer attribute captured for {@link
   * OnnxMatch#attribute(String, double)}.
   *
   * @param attribute the attribute's name
   * @return the pattern
   */
  public OnnxPattern capturing(String attribute) {
    requireOp("capturing");
    List<String> c = new ArrayList<>(captured);
    c.add(Objects.requireNonNull(attribute, "attribute"));
    return new OnnxPattern(kind, name, value(), inputs, required, List.copyOf(c));
  }

  private double value() {
    return value;
  }

  private void requireOp(String what) {
    if (kind != Kind.OP) {
      throw new IllegalStateException(what + " applies to op(…) patterns");
    }
  }

  boolean commutative() {
    return kind == Kind.OP && inputs.size() == 2 && COMMUTATIVE.contains(name);
  }

  /** The number of operator nodes in the pattern: the size of what it replaces. */
  int size() {
    int n = kind == Kind.OP ? 1 : 0;
    for (OnnxPattern p : inputs) {
      n += p.size();
    }
    return n;
  }

  /** How many nodes deep the pattern reaches from its root to {@code Z}. */
  int depth() {
    int d = 0;
    for (OnnxPattern p : inputs) {
      d = Math.max(d, p.depth());
    }
    return kind == Kind.OP ? d + 1 : d;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case Z -> "Z";
      case CAPTURE -> name;
      case VALUE -> String.valueOf(value);
      case INTS -> java.util.Arrays.toString(ints);
      case OP -> {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < inputs.size(); i++) {
          sb.append(i > 0 ? ", " : "").append(inputs.get(i));
        }
        yield sb.append(')').toString();
      }
    };
  }
}
