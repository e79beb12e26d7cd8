package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.Range;
import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/** Helpers shared by the built-in costs. */
final class CostMath {

  /** Probabilities below this are treated as this in logs and divisions: log gives about −708. */
  static final double TINY = Double.MIN_NORMAL;

  private CostMath() {}

  /**
   * {@code log(max(x, TINY))}: finite for probabilities that rounded to exactly 0, and the true log
   * everywhere else, so the seed stays the derivative of the value.
   */
  static double safeLog(double x) {
    return Math.log(Math.max(x, TINY));
  }

  /** {@code max(x, TINY)}, the divisor matching {@link #safeLog}. */
  static double safe(double x) {
    return Math.max(x, TINY);
  }

  /** Requires {@code Ŷ} and {@code Y} to have one shape with at least one column. */
  static void requireShapes(String cost, DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireNonEmpty(cost, "Ŷ", Yhat);
    Shapes.requireSameShape(cost, "Ŷ", Yhat, "Y", Y);
  }

  /** {@code dZ = (A − Y) / m}: the fused output gradient of the cross-entropies. */
  static void differenceOverM(String cost, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    requireShapes(cost, A, Y);
    dZ.reshape(A.numRows, A.numCols);
    final double inv = 1.0 / A.numCols;
    final int size = A.getNumElements();
    for (int k = 0; k < size; k++) {
      dZ.data[k] = (A.data[k] - Y.data[k]) * inv;
    }
  }

  /** Rejects an output activation whose outputs cannot take both signs (for the hinge losses). */
  static void requireBothSigns(String cost, Activation output) {
    Range range = output.outputRange();
    if (!range.allowsNegative() || !range.allowsPositive()) {
      throw new IllegalArgumentException(cost + " needs scores of both signs, but " + output.spec()
          + "'s outputs lie in " + range + " and are never "
          + (range.allowsNegative() ? "positive" : "negative")
          + ", so a target of " + (range.allowsNegative() ? "+1" : "−1") + " can never be met");
    }
  }
}
