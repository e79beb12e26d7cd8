package io.ffnn.api.check;

import java.util.function.DoubleUnaryOperator;

/**
 * Central finite differences and the relative error used by every gradient check in ffnn.
 *
 * <p>The derivative uses the five-point central stencil {@code f'(x) ≈ (f(x−2h) − 8 f(x−h) + 8
 * f(x+h) − f(x+2h)) / 12h}, whose truncation error is O(h⁴): with the default {@code h = 1e-4}
 * it is far below the round-off of the function values, so the check can demand agreement to
 * {@code 1e-6} even for curved functions such as softmax.
 */
public final class FiniteDifferences {

  /** The default step {@code h}. */
  public static final double DEFAULT_STEP = 1e-4;

  /**
   * The floor of the denominator in {@link #relativeError}: where {@code |a| + |n|} is below it,
   * the error is {@code |a − n| / floor}, an absolute test. Finite differences of a function of
   * size 1 carry round-off noise of about {@code 1e-16 / h ≈ 1e-12}; with this floor that noise
   * stays near {@code 1e-8}, far below the usual tolerance of {@code 1e-6}, while a real error in
   * a gradient as small as {@code 1e-9} still fails.
   */
  public static final double DEFAULT_FLOOR = 1e-4;

  private FiniteDifferences() {}

  /**
   * The five-point central difference of {@code f} at {@code x}.
   *
   * @param f the function; called four times, at {@code x ± h} and {@code x ± 2h}
   * @param x the point
   * @param h the step, {@code > 0}
   * @return the estimate of {@code f'(x)}
   */
  public static double derivative(DoubleUnaryOperator f, double x, double h) {
    double fm2 = f.applyAsDouble(x - 2 * h);
    double fm1 = f.applyAsDouble(x - h);
    double fp1 = f.applyAsDouble(x + h);
    double fp2 = f.applyAsDouble(x + 2 * h);
    // differences of the symmetric pairs first: they are exact where f is flat, so a function
    // that does not depend on x gives exactly 0 however large its value
    return ((fm2 - fp2) + 8 * (fp1 - fm1)) / (12 * h);
  }

  /**
   * The relative error {@code |a − n| / max(|a| + |n|, floor)}.
   *
   * @param analytic the gradient from backpropagation
   * @param numeric the finite-difference estimate
   * @param floor the smallest denominator, see {@link #DEFAULT_FLOOR}
   * @return the error, 0 when both are equal; {@code +∞} when either is not finite, unless both
   *     are the same infinity
   */
  public static double relativeError(double analytic, double numeric, double floor) {
    if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
      return analytic == numeric ? 0.0 : Double.POSITIVE_INFINITY;
    }
    double diff = Math.abs(analytic - numeric);
    return diff == 0.0 ? 0.0 : diff / Math.max(Math.abs(analytic) + Math.abs(numeric), floor);
  }
}
