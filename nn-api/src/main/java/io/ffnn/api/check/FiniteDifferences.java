package io.ffnn.api.check;

import java.util.function.DoubleUnaryOperator;

/**
 * Central finite differences and the relative error used by every gradient check in ffnn.
 *
 * <p>The derivative uses the five-point central stencil {@code f'(x) ≈ (f(x−2h) − 8 f(x−h) + 8
 * f(x+h) − f(x+2h)) / 12h}. Its error has two parts. Truncation, {@code h⁴ f⁽⁵⁾(ξ) / 30}, is
 * negligible where {@code f} varies on a scale much larger than {@code h}, but not near a
 * singularity: for {@code −log ŷ} at {@code ŷ = 0.006} and {@code h = 1e-4} it is {@code 0.8
 * (h/ŷ)⁴ ≈ 1e-6} of the derivative. Round-off, about {@code 1.5 ε max|f| / h} with {@code ε =
 * 2⁻⁵²}, is {@code 3e-12 |f|} at the default step. {@link #estimate} measures both at the point
 * (Richardson: the stencil at {@code h} and {@code h/2} differ by {@code 15/16} of the truncation
 * error at {@code h}), so a check can accept exactly the disagreement the differences themselves
 * explain, and no more.
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

  /** The unit round-off of a double, {@code 2⁻⁵²}. */
  private static final double EPSILON = Math.ulp(1.0);

  private FiniteDifferences() {}

  /**
   * A finite-difference derivative with an estimate of its own error.
   *
   * @param derivative the five-point estimate with step {@code h}
   * @param error a bound on {@code |derivative − f'(x)|} from the error model: the Richardson
   *     estimate of the truncation error plus the round-off of the function values
   */
  public record Estimate(double derivative, double error) {

    /** {@return the five-point estimate with step {@code h}} */
    public double derivative() {
      return derivative;
    }

    /**
     * {@return a bound on {@code |derivative − f'(x)|} from the error model: the Richardson
     * estimate of the truncation error plus the round-off of the function values}
     */
    public double error() {
      return error;
    }
  }

  /**
   * The five-point central difference of {@code f} at {@code x} with an estimate of its error:
   * {@code (16/15) |D(h) − D(h/2)| + 1.5 ε max|f| / h}, where {@code D(s)} is the stencil with
   * step {@code s}. Both stencils sample within {@code x ± 2h}.
   *
   * @param f the function; called six times, at {@code x ± h/2}, {@code x ± h} and {@code x ±
   *     2h}
   * @param x the point
   * @param h the step, {@code > 0}; rounded as {@link #exactStep} does, so that every point is
   *     exactly where the stencil assumes
   * @return the derivative and its error; NaN if a value of {@code f} is not finite
   */
  public static Estimate estimate(DoubleUnaryOperator f, double x, double h) {
    h = exactStep(x, h);
    double fm2 = f.applyAsDouble(x - 2 * h);
    double fm1 = f.applyAsDouble(x - h);
    double fmh = f.applyAsDouble(x - h / 2);
    double fph = f.applyAsDouble(x + h / 2);
    double fp1 = f.applyAsDouble(x + h);
    double fp2 = f.applyAsDouble(x + 2 * h);
    double d = stencil(fm2, fm1, fp1, fp2, h);
    double half = stencil(fm1, fmh, fph, fp1, h / 2);
    double size = Math.max(Math.max(Math.abs(fm2), Math.abs(fp2)),
        Math.max(Math.abs(fm1), Math.abs(fp1)));
    return new Estimate(d, error(d, half, size, h));
  }

  /**
   * The step nearest below {@code h} that puts {@code x ± h/2}, {@code x ± h} and {@code x ± 2h}
   * exactly on doubles: a multiple of {@code 4 ulp(x)}, at least that. Where {@code x + h} would
   * round, the stencil divides by a step that was not taken: at {@code x = 1 − 1e-12} with
   * {@code h = 6e-14} the offset is off by {@code 1e-3} of itself, and so is the derivative.
   *
   * @param x the point
   * @param h the wanted step, {@code > 0}
   * @return the step used
   */
  public static double exactStep(double x, double h) {
    double quantum = 4 * Math.ulp(x);
    if (h / quantum >= 0x1p52) {
      return h; // x is far smaller than h: x ± h round no more than h alone does
    }
    return Math.max(quantum, Math.floor(h / quantum) * quantum);
  }

  /**
   * The five-point stencil from the values at {@code x − 2s}, {@code x − s}, {@code x + s},
   * {@code x + 2s}.
   *
   * @param fm2 {@code f(x − 2s)}
   * @param fm1 {@code f(x − s)}
   * @param fp1 {@code f(x + s)}
   * @param fp2 {@code f(x + 2s)}
   * @param s the step
   * @return the estimate of {@code f'(x)}
   */
  public static double stencil(double fm2, double fm1, double fp1, double fp2, double s) {
    // differences of the symmetric pairs first: they are exact where f is flat, so a function
    // that does not depend on x gives exactly 0 however large its value
    return ((fm2 - fp2) + 8 * (fp1 - fm1)) / (12 * s);
  }

  /**
   * The error model of a five-point estimate {@code d} with step {@code h}, given the estimate
   * {@code half} with step {@code h/2} and the size of the function values.
   *
   * @param d the estimate with step {@code h}
   * @param half the estimate with step {@code h/2}
   * @param size the largest {@code |f|} among the samples
   * @param h the step of {@code d}
   * @return {@code (16/15) |d − half| + 1.5 ε size / h}
   */
  public static double error(double d, double half, double size, double h) {
    return 16.0 / 15.0 * Math.abs(d - half) + 1.5 * EPSILON * size / h;
  }

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
    return stencil(fm2, fm1, fp1, fp2, h);
  }

  /**
   * How many times its estimated error a finite difference may be off before a check fails: the
   * Richardson estimate is first-order accurate, so 2 leaves room for the next term.
   */
  public static final double ERROR_MARGIN = 2;

  /**
   * The relative tolerance one entry is held to: the requested tolerance, or the part of the
   * disagreement that the finite difference's own error explains ({@link #ERROR_MARGIN} times its
   * estimated error, relative as in {@link #relativeError}), whichever is larger.
   *
   * @param tolerance the requested relative tolerance
   * @param analytic the analytic value
   * @param numeric the finite-difference estimate
   * @param error the estimate's error, see {@link Estimate#error()}
   * @param floor the floor of the denominator, as in {@link #relativeError}
   * @return the tolerance for this entry, {@code >= tolerance}
   */
  public static double tolerance(double tolerance, double analytic, double numeric, double error,
      double floor) {
    if (!(error > 0) || Double.isInfinite(error)) {
      return tolerance;
    }
    return Math.max(tolerance, ERROR_MARGIN * error
        / Math.max(Math.abs(analytic) + Math.abs(numeric), floor));
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
