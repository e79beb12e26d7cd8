package io.ffnn.core;

import io.ffnn.api.check.FiniteDifferences;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The whole-network gradient check: every {@code ∂J/∂W[l]} and {@code ∂J/∂b[l]} from backward
 * propagation against five-point central finite differences of {@code J}, reporting the largest
 * relative error {@code |a − n| / max(|a| + |n|, floor)} and where it occurred.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.run(network, X, Y);
 * if (!r.passes(1e-6)) throw new AssertionError(r.toString());
 * }</pre>
 *
 * The network's weights are perturbed during the check and restored exactly afterwards. A
 * {@link Precision#FLOAT32} network is checked in float64, through {@link Network#inPrecision}:
 * finite differences of a function rounded to float would measure the rounding. Points
 * where an activation has a kink (ReLU at 0) may give large errors there; use inputs away from
 * them.
 */
public final class GradientCheck {

  private GradientCheck() {}

  /**
   * Checks the {@link GradientPath#AUTO} path with the default step and floor.
   *
   * @param network the network; its weights are restored afterwards
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m}. Not modified.
   * @return the result
   */
  public static Result run(Network network, DMatrixRMaj X, DMatrixRMaj Y) {
    return run(network, X, Y, GradientPath.AUTO);
  }

  /**
   * Checks a chosen path with the default step ({@value FiniteDifferences#DEFAULT_STEP}) and floor
   * ({@value FiniteDifferences#DEFAULT_FLOOR}).
   *
   * @param network the network; its weights are restored afterwards
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m}. Not modified.
   * @param path the backward path whose gradients are checked
   * @return the result
   */
  public static Result run(Network network, DMatrixRMaj X, DMatrixRMaj Y, GradientPath path) {
    return run(network, X, Y, path, FiniteDifferences.DEFAULT_STEP,
        FiniteDifferences.DEFAULT_FLOOR);
  }

  /**
   * Checks a chosen path.
   *
   * @param network the network; its weights are restored afterwards
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m}. Not modified.
   * @param path the backward path whose gradients are checked
   * @param step the finite-difference step {@code h > 0}
   * @param floor the smallest denominator of the relative error, {@code > 0}
   * @return the result
   * @throws IllegalArgumentException if a shape is wrong or {@code step}, {@code floor} are not
   *     positive
   */
  public static Result run(
      Network network, DMatrixRMaj X, DMatrixRMaj Y, GradientPath path, double step,
      double floor) {
    Objects.requireNonNull(network, "network");
    if (!(step > 0) || !(floor > 0)) {
      throw new IllegalArgumentException("step and floor must be > 0, got " + step + ", " + floor);
    }
    return check(network, X, Y, network.newWorkspace(), path, step, floor);
  }

  /**
   * Checks a network with dropout in training mode: masks are drawn once from {@code maskSeed}
   * and kept for the backpropagated and every finite-difference pass, so both differentiate the
   * same function.
   *
   * @param network the network; its weights are restored afterwards
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets. Not modified.
   * @param path the backward path whose gradients are checked
   * @param maskSeed the seed of the dropout masks
   * @return the result
   */
  public static Result runWithDropout(Network network, DMatrixRMaj X, DMatrixRMaj Y,
      GradientPath path, long maskSeed) {
    Objects.requireNonNull(network, "network");
    Workspace ws = network.newWorkspace().training(new Random(maskSeed));
    network.predict(X, ws);
    ws.freezeMasks(true);
    return check(network, X, Y, ws, path, FiniteDifferences.DEFAULT_STEP,
        FiniteDifferences.DEFAULT_FLOOR);
  }

  private static Result check(Network checked, DMatrixRMaj X, DMatrixRMaj Y, Workspace wsGiven,
      GradientPath path, double step, double floor) {
    // finite differences need double: a float32 network is checked through its float64 copy,
    // which has the same weights and computes the same function without the rounding
    boolean float32 = checked.precision() != Precision.FLOAT64;
    Network network = float32 ? checked.inPrecision(Precision.FLOAT64) : checked;
    Workspace ws = wsGiven;
    if (float32) {
      ws = network.newWorkspace();
      if (wsGiven.isTraining()) {
        // the same frozen dropout masks
        ws.training(new Random(0));
        network.predict(X, ws);
        for (int l = 1; l < ws.mask.length; l++) {
          if (ws.mask[l] != null) {
            ws.mask[l].setTo(wsGiven.mask[l]);
          }
        }
        ws.freezeMasks(true);
      }
    }
    network.computeGradients(X, Y, ws, path);
    List<ParameterLayout.Parameter> parameters = network.layout().parameters();
    // the probes below overwrite the workspace's gradients: keep backpropagation's
    DMatrixRMaj[] analytic = new DMatrixRMaj[parameters.size()];
    for (ParameterLayout.Parameter p : parameters) {
      analytic[p.index()] = ws.gradient(p).copy();
    }
    Result result = new Result(path, network.depth());
    for (ParameterLayout.Parameter p : parameters) {
      compare(network, X, Y, ws, p.layer(), p.kind().symbol(), network.live(p),
          analytic[p.index()], step, floor, result);
    }
    return result;
  }

  private static void compare(Network network, DMatrixRMaj X, DMatrixRMaj Y, Workspace probe,
      int l, String name, DMatrixRMaj param, DMatrixRMaj grad, double step, double floor,
      Result result) {
    final int cols = param.numCols;
    for (int k = 0; k < param.getNumElements(); k++) {
      final int index = k;
      final double original = param.data[k];
      double numeric;
      try {
        numeric = FiniteDifferences.derivative(v -> {
          param.data[index] = v;
          return network.forward(X, Y, probe);
        }, original, step);
      } finally {
        param.data[k] = original;
      }
      double a = grad.data[k];
      double e = FiniteDifferences.relativeError(a, numeric, floor);
      result.offer(l, name, k / cols, k % cols, a, numeric, e);
    }
  }

  /** The outcome of a gradient check: the worst entry overall and the worst error per layer. */
  public static final class Result {
    private final GradientPath path;
    private final double[] layerErrors;
    private double maxError = -1;
    private int layer;
    private String parameter = "";
    private int row;
    private int column;
    private double analytic;
    private double numeric;

    private Result(GradientPath path, int depth) {
      this.path = path;
      this.layerErrors = new double[depth + 1];
    }

    private void offer(int l, String name, int r, int c, double a, double n, double e) {
      layerErrors[l] = Math.max(layerErrors[l], e);
      if (e > maxError) {
        maxError = e;
        layer = l;
        parameter = name;
        row = r;
        column = c;
        analytic = a;
        numeric = n;
      }
    }

    /**
     * The path that was checked.
     *
     * @return the gradient path
     */
    public GradientPath path() {
      return path;
    }

    /**
     * The largest relative error over all parameters.
     *
     * @return the error; infinite if a gradient was not finite
     */
    public double maxError() {
      return maxError;
    }

    /**
     * The layer of the largest error.
     *
     * @return {@code l}
     */
    public int layer() {
      return layer;
    }

    /**
     * The parameter of the largest error.
     *
     * @return {@code "W"} or {@code "b"}
     */
    public String parameter() {
      return parameter;
    }

    /**
     * The row of the largest error within {@link #parameter()}.
     *
     * @return the row
     */
    public int row() {
      return row;
    }

    /**
     * The column of the largest error within {@link #parameter()} (0 for {@code b}).
     *
     * @return the column
     */
    public int column() {
      return column;
    }

    /**
     * The backpropagated gradient at the largest error.
     *
     * @return the analytic value
     */
    public double analytic() {
      return analytic;
    }

    /**
     * The finite-difference gradient at the largest error.
     *
     * @return the numeric value
     */
    public double numeric() {
      return numeric;
    }

    /**
     * The largest relative error of layer {@code l}'s {@code W} and {@code b}.
     *
     * @param l {@code 1 … L}
     * @return the error
     */
    public double layerError(int l) {
      if (l < 1 || l >= layerErrors.length) {
        throw new IndexOutOfBoundsException("layer " + l + " is not in 1.." + (layerErrors.length
            - 1));
      }
      return layerErrors[l];
    }

    /**
     * Whether every error is within a tolerance.
     *
     * @param tolerance the largest acceptable relative error
     * @return true if {@link #maxError()} {@code <= tolerance}
     */
    public boolean passes(double tolerance) {
      return maxError <= tolerance;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "gradient check (%s): max relative error %.3e at layer %d %s[%d,%d] "
              + "(backprop %.12g, finite differences %.12g)",
          path, maxError, layer, parameter, row, column, analytic, numeric));
      for (int l = 1; l < layerErrors.length; l++) {
        sb.append(String.format(Locale.ROOT, "%n  layer %d: %.3e", l, layerErrors[l]));
      }
      return sb.toString();
    }
  }
}
