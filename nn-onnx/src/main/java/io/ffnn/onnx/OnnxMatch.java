package io.ffnn.onnx;

import java.util.Map;

/**
 * What an {@link OnnxPattern} matched in a graph: the constants and attributes it captured, and
 * which of a form's patterns it was.
 */
public final class OnnxMatch {

  private final int pattern;
  private final boolean isDouble;
  private final long opset;
  private final Map<String, Double> constants;
  private final Map<String, Double> attributes;

  OnnxMatch(int pattern, boolean isDouble, long opset, Map<String, Double> constants,
      Map<String, Double> attributes) {
    this.pattern = pattern;
    this.isDouble = isDouble;
    this.opset = opset;
    this.constants = Map.copyOf(constants);
    this.attributes = Map.copyOf(attributes);
  }

  /**
   * Which of the form's {@link OnnxActivationForm#patterns() patterns} matched.
   *
   * @return its index in that list
   */
  public int pattern() {
    return pattern;
  }

  /**
   * Whether the graph computes in {@code double}; otherwise {@code float}.
   *
   * @return true for a float64 model's graph
   */
  public boolean isDouble() {
    return isDouble;
  }

  /**
   * The opset of the default domain the model declares, for attributes whose default changed
   * between versions (Softmax's axis: 1 before opset 13, −1 from it).
   *
   * @return the opset, or 0 if the model declares none
   */
  public long opset() {
    return opset;
  }

  /**
   * A captured constant's value.
   *
   * @param name the name given to {@link OnnxPattern#constant(String)}
   * @return its value, as stored (a float graph's constants are floats)
   * @throws IllegalArgumentException if the pattern captured no constant of that name
   */
  public double constant(String name) {
    Double v = constants.get(name);
    if (v == null) {
      throw new IllegalArgumentException("the pattern captured no constant '" + name + "'");
    }
    return v;
  }

  /**
   * A captured float or integer attribute's value, or a default if the node does not carry it.
   *
   * @param name the name given to {@link OnnxPattern#capturing(String)}
   * @param otherwise its ONNX default
   * @return its value
   */
  public double attribute(String name, double otherwise) {
    return attributes.getOrDefault(name, otherwise);
  }

  /**
   * A float attribute's value as its author most likely wrote it: ONNX keeps float attributes
   * in single precision, so {@code 0.2} arrives as {@code 0.20000000298023224}; the shortest
   * decimal that rounds to the same float ({@code 0.2}) is what a float64 network should use.
   *
   * @param value a value read from a float attribute
   * @return the shortest decimal that rounds to the same float, as a double
   */
  public static double decimal(double value) {
    float f = (float) value;
    return f == value ? Double.parseDouble(Float.toString(f)) : value;
  }
}
