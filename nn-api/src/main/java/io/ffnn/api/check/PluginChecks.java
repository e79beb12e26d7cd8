package io.ffnn.api.check;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.Jacobians;
import io.ffnn.api.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks one plugin against finite differences of its own forward map or value, for use from a
 * plugin author's tests (JUnit or anything else: failures are {@link AssertionError}s carrying a
 * full report, with the plugin's spec, the check, the place and the numbers).
 *
 * <p>For an activation {@code g}: the forward map keeps the shape, leaves its input alone, is
 * deterministic and treats columns independently ({@code m = 1} gives the same as a column of a
 * batch); {@link Activation#jacobian} matches finite differences entry by entry (so a transposed
 * Jacobian fails unless it is symmetric); {@link Activation#backward} matches finite differences
 * of {@code Σ dA ⊙ g(Z)} and the Jacobian reference {@link Jacobians#backward}; an activation
 * that declares itself elementwise has a diagonal Jacobian.
 *
 * <p>For a cost {@code J}: the value is finite, deterministic, the mean of its per-example values;
 * the seed matches finite differences of {@code J}; where the cost fuses with the output
 * activation, the fused {@code dZ[L]} agrees with seed × Jacobian.
 *
 * <pre>{@code
 * @Test
 * void myActivationIsCorrect() {
 *   PluginChecks.checkActivation(new MyActivation());
 * }
 * }</pre>
 */
public final class PluginChecks {

  /**
   * The floor of the relative error when two analytic forms are compared: entries smaller than
   * this are compared absolutely, so that rounding in values near zero does not count.
   */
  private static final double CONSISTENCY_FLOOR = 1e-12;

  private PluginChecks() {}

  /**
   * Checks an activation at random inputs with the default {@link Options}.
   *
   * @param g the activation
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g) {
    return checkActivation(g, Options.defaults());
  }

  /**
   * Checks an activation at random inputs: {@code Z} is {@code rows × columns} with entries drawn
   * from {@code N(0, scale²)}.
   *
   * @param g the activation
   * @param options sizes, seed, step and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g, Options options) {
    Random rng = new Random(options.seed);
    DMatrixRMaj Z = gaussian(options.rows, options.columns, options.scale, rng);
    return checkActivation(g, Z, options);
  }

  /**
   * Checks an activation at the given inputs. Choose them away from points where {@code g} is not
   * differentiable (ReLU at 0), where finite differences are meaningless.
   *
   * @param g the activation
   * @param Z the inputs, {@code n × m}. Not modified.
   * @param options step, seed (for {@code dA}) and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g, DMatrixRMaj Z, Options options) {
    Report report = new Report(describe(g));
    try {
      new ActivationChecker(g, Z, options, report).run();
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
    return report.finish();
  }

  /**
   * Checks a cost against an output activation with the default {@link Options}.
   *
   * @param c the cost
   * @param output the output activation that produces {@code Ŷ}
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(Cost c, Activation output) {
    return checkCost(c, output, Options.defaults());
  }

  /**
   * Checks a cost at {@code Ŷ = output(Z)} for random {@code Z ~ N(0, scale²)} and targets from
   * {@link Options#withTargets}: the seed against finite differences of {@code J}, and, where the
   * cost fuses with {@code output}, the fused {@code dZ[L]} against seed × Jacobian.
   *
   * @param c the cost
   * @param output the output activation that produces {@code Ŷ}
   * @param options sizes, seed, step and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(Cost c, Activation output, Options options) {
    Random rng = new Random(options.seed);
    DMatrixRMaj Z = gaussian(options.rows, options.columns, options.scale, rng);
    DMatrixRMaj Y = new DMatrixRMaj(options.rows, options.columns);
    options.targets.fill(rng, Y);
    Report report = new Report(describe(c) + " with output " + describe(output));
    try {
      c.checkOutputLayer(output, options.rows);
    } catch (IllegalArgumentException e) {
      report.fail("does not accept " + options.rows + " outputs (choose the size with "
          + "Options.withShape): " + e.getMessage(), e);
      return report.finish();
    }
    try {
      DMatrixRMaj A = new DMatrixRMaj(1, 1);
      output.forward(Z, A);
      new CostChecker(c, A, Y, options, report).run();
      if (c.fusesWith(output)) {
        checkFused(c, output, Z, A, Y, options, report);
      }
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
    return report.finish();
  }

  /**
   * Checks a cost at given outputs and targets: value and seed. Keep {@code Ŷ} at least {@code
   * 2·step} inside the cost's domain (e.g. away from 0 and 1 for cross-entropies).
   *
   * @param c the cost
   * @param Yhat the outputs {@code Ŷ}, {@code n × m}. Not modified.
   * @param Y the targets, {@code n × m}. Not modified.
   * @param options step and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(
      Cost c, DMatrixRMaj Yhat, DMatrixRMaj Y, Options options) {
    Report report = new Report(describe(c));
    try {
      new CostChecker(c, Yhat, Y, options, report).run();
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
    return report.finish();
  }

  private static void checkFused(
      Cost c, Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, Options o,
      Report report) {
    DMatrixRMaj fused = new DMatrixRMaj(1, 1);
    c.fusedOutputGradient(output, Z, A, Y, fused);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    c.seed(A, Y, seed);
    DMatrixRMaj generic = new DMatrixRMaj(1, 1);
    output.backward(Z, A, seed, generic);
    DMatrixRMaj reference = new DMatrixRMaj(1, 1);
    Jacobians.backward(output, Z, A, seed, reference);
    if (report.sameShape("fused dZ[L]", fused, Z)) {
      report.compare("fused dZ[L] vs seed × backward", "dZ", generic, fused, o.consistency, 0);
      report.compare("fused dZ[L] vs seed × Jacobianᵀ", "dZ", reference, fused, o.consistency, 0);
    }
  }

  private static String describe(Object plugin) {
    try {
      if (plugin instanceof Activation) {
        return "activation '" + ((Activation) plugin).spec() + "'";
      }
      return "cost '" + ((Cost) plugin).spec() + "'";
    } catch (RuntimeException e) {
      return plugin.getClass().getName() + " (spec() threw " + e + ")";
    }
  }

  static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = scale * rng.nextGaussian();
    }
    return M;
  }

  /** The checks of one activation at one input. */
  private static final class ActivationChecker {
    private final Activation g;
    private final DMatrixRMaj Z;
    private final Options o;
    private final Report report;
    private final int n;
    private final int m;

    ActivationChecker(Activation g, DMatrixRMaj Z, Options o, Report report) {
      this.g = g;
      this.Z = Z;
      this.o = o;
      this.report = report;
      this.n = Z.numRows;
      this.m = Z.numCols;
    }

    void run() {
      DMatrixRMaj zBefore = Z.copy();
      DMatrixRMaj A = new DMatrixRMaj(1, 1);
      g.forward(Z, A);
      report.unchanged("forward", "Z", zBefore, Z);
      if (!report.sameShape("forward: A", A, Z) || !report.finite("forward: A", A)) {
        return;
      }
      DMatrixRMaj again = new DMatrixRMaj(1, 1);
      g.forward(Z, again);
      report.compare("forward is deterministic", "A", A, again, 0.0, 0);
      checkColumnsAlone(A);

      // numeric Jacobians of every column from perturbed forwards: numJac[i] is n × n
      DMatrixRMaj[] numJac = new DMatrixRMaj[m];
      boolean columnsIndependent = true;
      DMatrixRMaj Zp = Z.copy();
      DMatrixRMaj[] Ap = {new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1),
          new DMatrixRMaj(1, 1)};
      double[] offsets = {-2, -1, 1, 2};
      for (int i = 0; i < m; i++) {
        numJac[i] = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
          double z = Z.get(j, i);
          double h = o.step;
          for (int s = 0; s < 4; s++) {
            Zp.set(j, i, z + offsets[s] * h);
            g.forward(Zp, Ap[s]);
          }
          Zp.set(j, i, z);
          for (int p = 0; p < n; p++) {
            double d = (Ap[0].get(p, i) - 8 * Ap[1].get(p, i) + 8 * Ap[2].get(p, i)
                - Ap[3].get(p, i)) / (12 * h);
            numJac[i].set(p, j, d);
          }
          for (int k = 0; k < m && columnsIndependent; k++) {
            for (int p = 0; p < n && k != i; p++) {
              if (Ap[3].get(p, k) != A.get(p, k)) {
                report.fail("column independence: changing Z[" + j + "," + i + "] changed A["
                    + p + "," + k + "] of another example", null);
                columnsIndependent = false;
                break;
              }
            }
          }
        }
      }

      // the Jacobian, entry by entry
      DMatrixRMaj jac = new DMatrixRMaj(1, 1);
      DMatrixRMaj aBefore = A.copy();
      Worst worst = new Worst();
      double maxOffDiagonal = 0;
      String offDiagonalAt = "";
      for (int i = 0; i < m; i++) {
        g.jacobian(Z, A, i, jac);
        if (!report.shape("jacobian of column " + i, jac, n, n)) {
          return;
        }
        for (int p = 0; p < n; p++) {
          for (int j = 0; j < n; j++) {
            worst.offer("Jac[" + p + "][" + j + "] of column " + i,
                numJac[i].get(p, j), jac.get(p, j), o.floor);
            if (p != j && Math.abs(jac.get(p, j)) > maxOffDiagonal) {
              maxOffDiagonal = Math.abs(jac.get(p, j));
              offDiagonalAt = "Jac[" + p + "][" + j + "] of column " + i;
            }
          }
        }
      }
      report.unchanged("jacobian", "Z", zBefore, Z);
      report.unchanged("jacobian", "A", aBefore, A);
      report.add(worst.result(report.plugin, "jacobian vs finite differences", o.tolerance));
      if (g.isElementwise() && maxOffDiagonal > 0) {
        report.fail("declares itself elementwise, but its Jacobian has " + offDiagonalAt + " = "
            + maxOffDiagonal + " off the diagonal", null);
      }

      // backward against finite differences of Σ dA ⊙ g(Z), and against the Jacobian reference
      Random rng = new Random(o.seed + 1);
      DMatrixRMaj dA = gaussian(n, m, 1.0, rng);
      DMatrixRMaj daBefore = dA.copy();
      DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
      g.backward(Z, A, dA, dZ);
      report.unchanged("backward", "Z", zBefore, Z);
      report.unchanged("backward", "A", aBefore, A);
      report.unchanged("backward", "dA", daBefore, dA);
      if (!report.sameShape("backward: dZ", dZ, Z)) {
        return;
      }
      DMatrixRMaj numDZ = new DMatrixRMaj(n, m);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int p = 0; p < n; p++) {
            sum += numJac[i].get(p, j) * dA.get(p, i);
          }
          numDZ.set(j, i, sum);
        }
      }
      report.compare("backward vs finite differences", "dZ", numDZ, dZ, o.tolerance, o.floor);
      DMatrixRMaj reference = new DMatrixRMaj(1, 1);
      Jacobians.backward(g, Z, A, dA, reference);
      report.compare("backward vs Jacobianᵀ dA", "dZ", reference, dZ, o.consistency, 0);
    }

    private void checkColumnsAlone(DMatrixRMaj A) {
      DMatrixRMaj z1 = new DMatrixRMaj(n, 1);
      DMatrixRMaj a1 = new DMatrixRMaj(1, 1);
      DMatrixRMaj fromBatch = new DMatrixRMaj(n, m);
      DMatrixRMaj alone = new DMatrixRMaj(n, m);
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < n; p++) {
          z1.set(p, 0, Z.get(p, i));
        }
        g.forward(z1, a1);
        if (!report.shape("forward of one column (m = 1)", a1, n, 1)) {
          return;
        }
        for (int p = 0; p < n; p++) {
          alone.set(p, i, a1.get(p, 0));
          fromBatch.set(p, i, A.get(p, i));
        }
      }
      report.compare("forward of m = 1 vs a column of the batch", "A", fromBatch, alone, 1e-12, 0);
    }
  }

  /** The checks of one cost at one point. */
  private static final class CostChecker {
    private final Cost c;
    private final DMatrixRMaj Yhat;
    private final DMatrixRMaj Y;
    private final Options o;
    private final Report report;

    CostChecker(Cost c, DMatrixRMaj Yhat, DMatrixRMaj Y, Options o, Report report) {
      this.c = c;
      this.Yhat = Yhat;
      this.Y = Y;
      this.o = o;
      this.report = report;
    }

    void run() {
      int n = Yhat.numRows;
      int m = Yhat.numCols;
      DMatrixRMaj yhatBefore = Yhat.copy();
      DMatrixRMaj yBefore = Y.copy();
      double J = c.value(Yhat, Y);
      report.unchanged("value", "Ŷ", yhatBefore, Yhat);
      report.unchanged("value", "Y", yBefore, Y);
      if (!Double.isFinite(J)) {
        report.fail("value is " + J + " at finite inputs", null);
        return;
      }
      double again = c.value(Yhat, Y);
      if (Double.compare(J, again) != 0) {
        report.fail("value is not deterministic: " + J + " then " + again, null);
      }

      // J averages the per-example losses
      double mean = 0;
      DMatrixRMaj yhat1 = new DMatrixRMaj(n, 1);
      DMatrixRMaj y1 = new DMatrixRMaj(n, 1);
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < n; p++) {
          yhat1.set(p, 0, Yhat.get(p, i));
          y1.set(p, 0, Y.get(p, i));
        }
        mean += c.value(yhat1, y1) / m;
      }
      Worst avg = new Worst();
      avg.offer("J", mean, J, o.floor);
      report.add(avg.result(report.plugin, "J is the mean of the per-example values", 1e-12));

      DMatrixRMaj seed = new DMatrixRMaj(1, 1);
      c.seed(Yhat, Y, seed);
      report.unchanged("seed", "Ŷ", yhatBefore, Yhat);
      report.unchanged("seed", "Y", yBefore, Y);
      if (!report.sameShape("seed", seed, Yhat)) {
        return;
      }
      DMatrixRMaj numeric = new DMatrixRMaj(n, m);
      DMatrixRMaj probe = Yhat.copy();
      for (int k = 0; k < probe.data.length; k++) {
        final int index = k;
        double x = Yhat.data[k];
        numeric.data[k] = FiniteDifferences.derivative(v -> {
          probe.data[index] = v;
          double value = c.value(probe, Y);
          probe.data[index] = x;
          return value;
        }, x, o.step);
      }
      report.compare("seed vs finite differences of J", "dŶ", numeric, seed, o.tolerance,
          o.floor);
    }
  }

  /** The largest relative error seen so far and where. */
  private static final class Worst {
    private double error = 0;
    private String where = "-";
    private double expected = Double.NaN;
    private double actual = Double.NaN;

    void offer(String at, double reference, double value, double floor) {
      double e = FiniteDifferences.relativeError(value, reference, floor);
      if (e > error || where.equals("-")) {
        error = e;
        where = at;
        expected = reference;
        actual = value;
      }
    }

    CheckResult result(String plugin, String check, double tolerance) {
      return new CheckResult(plugin, check, error, where, expected, actual, tolerance);
    }
  }

  /** Collects results and failures; throws one {@link AssertionError} with all of them. */
  private static final class Report {
    final String plugin;
    private final List<CheckResult> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Throwable cause;

    Report(String plugin) {
      this.plugin = plugin;
    }

    void add(CheckResult r) {
      results.add(r);
    }

    void fail(String message, Throwable t) {
      failures.add(plugin + ": " + message);
      if (cause == null) {
        cause = t;
      }
    }

    void compare(String check, String what, DMatrixRMaj expected, DMatrixRMaj actual,
        double tolerance, double floor) {
      if (!sameShape(check + ": " + what, actual, expected)) {
        return;
      }
      Worst worst = new Worst();
      int cols = expected.numCols;
      for (int k = 0; k < expected.getNumElements(); k++) {
        worst.offer(what + "[" + k / cols + "," + k % cols + "]", expected.data[k],
            actual.data[k], floor == 0 ? CONSISTENCY_FLOOR : floor);
      }
      add(worst.result(plugin, check, tolerance));
    }

    boolean sameShape(String what, DMatrixRMaj actual, DMatrixRMaj like) {
      return shape(what, actual, like.numRows, like.numCols);
    }

    boolean shape(String what, DMatrixRMaj actual, int rows, int cols) {
      if (actual.numRows != rows || actual.numCols != cols) {
        fail(what + " is " + Shapes.of(actual) + ", expected " + rows + "x" + cols, null);
        return false;
      }
      return true;
    }

    boolean finite(String what, DMatrixRMaj M) {
      for (int k = 0; k < M.getNumElements(); k++) {
        if (!Double.isFinite(M.data[k])) {
          fail(what + " has " + M.data[k] + " at [" + k / M.numCols + "," + k % M.numCols
              + "] for finite inputs", null);
          return false;
        }
      }
      return true;
    }

    void unchanged(String method, String what, DMatrixRMaj before, DMatrixRMaj after) {
      if (before.numRows != after.numRows || before.numCols != after.numCols
          || !Arrays.equals(Arrays.copyOf(before.data, before.getNumElements()),
              Arrays.copyOf(after.data, after.getNumElements()))) {
        fail(method + " modified its input " + what, null);
      }
    }

    List<CheckResult> finish() {
      List<String> lines = new ArrayList<>(failures);
      boolean ok = failures.isEmpty();
      for (CheckResult r : results) {
        ok &= r.passed();
      }
      if (ok) {
        return List.copyOf(results);
      }
      StringBuilder sb = new StringBuilder("plugin check failed for ").append(plugin).append(':');
      for (String line : lines) {
        sb.append("\n  FAILED ").append(line);
      }
      for (CheckResult r : results) {
        sb.append("\n  ").append(r);
      }
      AssertionError error = new AssertionError(sb.toString());
      if (cause != null) {
        error.initCause(cause);
      }
      throw error;
    }
  }

  /**
   * Sizes, seed, finite-difference step and tolerances of the checks. Immutable; the {@code with}
   * methods return changed copies.
   */
  public static final class Options {
    private final long seed;
    private final int rows;
    private final int columns;
    private final double scale;
    private final double step;
    private final double tolerance;
    private final double consistency;
    private final double floor;
    private final Targets targets;

    private Options(long seed, int rows, int columns, double scale, double step,
        double tolerance, double consistency, double floor, Targets targets) {
      if (rows < 1 || columns < 1) {
        throw new IllegalArgumentException(
            "check inputs need at least 1 row and 1 column, got " + rows + "x" + columns);
      }
      if (!(step > 0) || !(tolerance > 0) || !(consistency > 0) || !(floor > 0) || !(scale > 0)) {
        throw new IllegalArgumentException("step, tolerances, floor and scale must be > 0");
      }
      this.seed = seed;
      this.rows = rows;
      this.columns = columns;
      this.scale = scale;
      this.step = step;
      this.tolerance = tolerance;
      this.consistency = consistency;
      this.floor = floor;
      this.targets = Objects.requireNonNull(targets, "targets");
    }

    /**
     * The defaults: seed 42, inputs 5 × 3 drawn from {@code N(0, 2²)}, step {@code 1e-4},
     * tolerance {@code 1e-6} against finite differences, {@code 1e-9} between two analytic forms,
     * floor {@code 1e-8}, targets from {@link Targets#probabilities()}.
     *
     * @return the default options
     */
    public static Options defaults() {
      return new Options(42, 5, 3, 2.0, FiniteDifferences.DEFAULT_STEP, 1e-6, 1e-9,
          FiniteDifferences.DEFAULT_FLOOR, Targets.probabilities());
    }

    /**
     * A copy with another random seed.
     *
     * @param seed the random seed of inputs and targets
     * @return a copy with this seed
     */
    public Options withSeed(long seed) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }

    /**
     * A copy with another input shape.
     *
     * @param rows {@code n}, the number of units
     * @param columns {@code m}, the number of examples
     * @return a copy with this input shape
     */
    public Options withShape(int rows, int columns) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }

    /**
     * A copy with another scale of the random inputs.
     *
     * @param scale the standard deviation of the random inputs
     * @return a copy with this scale
     */
    public Options withScale(double scale) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }

    /**
     * A copy with another finite-difference step.
     *
     * @param step the finite-difference step {@code h}
     * @return a copy with this step
     */
    public Options withStep(double step) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }

    /**
     * A copy with another tolerance against finite differences.
     *
     * @param tolerance the largest relative error against finite differences
     * @return a copy with this tolerance
     */
    public Options withTolerance(double tolerance) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }

    /**
     * A copy with another way to draw targets.
     *
     * @param targets how to draw the targets {@code Y} of cost checks
     * @return a copy with this generator
     */
    public Options withTargets(Targets targets) {
      return new Options(seed, rows, columns, scale, step, tolerance, consistency, floor,
          targets);
    }
  }

  /** Draws targets {@code Y} for a cost check. */
  @FunctionalInterface
  public interface Targets {

    /**
     * Fills the targets.
     *
     * @param rng the check's random source
     * @param Y the targets, already {@code n × m}. Modified.
     */
    void fill(Random rng, DMatrixRMaj Y);

    /**
     * Soft probability targets: for {@code n = 1} a uniform value in (0, 1); for {@code n > 1} a
     * random point of the probability simplex per column. Valid for cross-entropies and for
     * regression costs.
     *
     * @return the generator
     */
    static Targets probabilities() {
      return (rng, Y) -> {
        for (int i = 0; i < Y.numCols; i++) {
          double sum = 0;
          for (int p = 0; p < Y.numRows; p++) {
            double v = Y.numRows == 1 ? rng.nextDouble() : -Math.log(1 - rng.nextDouble());
            Y.set(p, i, v);
            sum += v;
          }
          if (Y.numRows > 1) {
            for (int p = 0; p < Y.numRows; p++) {
              Y.set(p, i, Y.get(p, i) / sum);
            }
          }
        }
      };
    }

    /**
     * One-hot targets: one random class per column.
     *
     * @return the generator
     */
    static Targets oneHot() {
      return (rng, Y) -> {
        Y.zero();
        for (int i = 0; i < Y.numCols; i++) {
          Y.set(rng.nextInt(Y.numRows), i, 1.0);
        }
      };
    }
  }
}
