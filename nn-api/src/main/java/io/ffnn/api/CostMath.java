package io.ffnn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Numeric helpers for writing costs, as the built-in costs use them: logs and divisions that stay
 * finite at probabilities that rounded to 0, the shape checks, and the fused output gradient of
 * the cross-entropies.
 */
public final class CostMath {

  /**
   * Probabilities below this are treated as this in logs and divisions: {@code log(TINY)} is
   * about −708.
   */
  public static final double TINY = Double.MIN_NORMAL;

  private CostMath() {}

  /**
   * {@code log(max(x, TINY))}: finite for probabilities that rounded to exactly 0, and the true
   * log everywhere else, so that a seed built with {@link #safe} stays the derivative of the
   * value.
   *
   * @param x a probability
   * @return its log, at least {@code log(TINY)}
   */
  public static double safeLog(double x) {
    return Math.log(Math.max(x, TINY));
  }

  /**
   * {@code max(x, TINY)}, the divisor that matches {@link #safeLog}.
   *
   * @param x a probability
   * @return {@code x}, at least {@code TINY}
   */
  public static double safe(double x) {
    return Math.max(x, TINY);
  }

  /**
   * Requires {@code Ŷ} and {@code Y} to have one shape with at least one column.
   *
   * @param cost the cost's name, for messages
   * @param Yhat the outputs. Not modified.
   * @param Y the targets. Not modified.
   * @throws IllegalArgumentException naming the cost and both shapes
   */
  public static void requireShapes(String cost, DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireNonEmpty(cost, "Ŷ", Yhat);
    Shapes.requireSameShape(cost, "Ŷ", Yhat, "Y", Y);
  }

  /**
   * {@code dZ = (A − Y) / m}: the fused output gradient of a cross-entropy after its matching
   * output (softmax with cce, sigmoid with bce).
   *
   * @param cost the cost's name, for messages
   * @param A the outputs. Not modified.
   * @param Y the targets. Not modified.
   * @param dZ the result, reshaped. Modified.
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void differenceOverM(String cost, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    requireShapes(cost, A, Y);
    dZ.reshape(A.numRows, A.numCols);
    final double inv = 1.0 / A.numCols;
    final int size = A.getNumElements();
    for (int k = 0; k < size; k++) {
      dZ.data[k] = (A.data[k] - Y.data[k]) * inv;
    }
  }

  /**
   * Rejects an output activation whose outputs cannot take both signs, for margin losses whose
   * targets are ±1.
   *
   * @param cost the cost's name, for messages
   * @param output the output activation
   * @throws IllegalArgumentException naming the cost, the activation, its range and why
   */
  public static void requireBothSigns(String cost, Activation output) {
    Range range = output.outputRange();
    if (!range.allowsNegative() || !range.allowsPositive()) {
      throw new IllegalArgumentException(cost + " needs scores of both signs, but " + output.spec()
          + "'s outputs lie in " + range + " and are never "
          + (range.allowsNegative() ? "positive" : "negative")
          + ", so a target of " + (range.allowsNegative() ? "+1" : "−1") + " can never be met");
    }
  }
}
