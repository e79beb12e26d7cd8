package io.ffnn.core;

import java.util.Locale;

/**
 * The floating-point precision a network computes in.
 *
 * <p>{@link #FLOAT64} does everything in {@code double}. {@link #FLOAT32} keeps the weights and
 * biases, the batch, the activations that the matrix products read, and the gradients in {@code
 * float}, and runs the products — {@code W[l] A[l-1]}, {@code dZ[l] A[l-1]ᵀ}, {@code W[l]ᵀ
 * dZ[l]}, nearly all the arithmetic of a step — and the optimizer's update in {@code float}; the
 * activations' and cost's maps, the bias sums, the loss and the optimizer's state stay in {@code
 * double}, so that plugins are written once. docs/performance.md gives the
 * measurements behind that choice.
 */
public enum Precision {
  /** IEEE 754 binary64 throughout; the default. */
  FLOAT64,
  /** IEEE 754 binary32 weights, gradients and matrix products. */
  FLOAT32;

  /**
   * The name used in specs, model files and the tool: {@code float64} or {@code float32}.
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #id()}; {@code float}, {@code double}, {@code f32}, {@code f64}, {@code fp32}
   * and {@code fp64} are accepted too.
   *
   * @param text the name, in any case
   * @return the precision
   * @throws IllegalArgumentException naming the accepted values if the text is none of them
   */
  public static Precision parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "float64":
      case "double":
      case "f64":
      case "fp64":
        return FLOAT64;
      case "float32":
      case "float":
      case "f32":
      case "fp32":
        return FLOAT32;
      default:
        throw new IllegalArgumentException("unknown precision '" + text
            + "'; use float64 or float32");
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
