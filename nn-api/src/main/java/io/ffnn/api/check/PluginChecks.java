package io.ffnn.api.check;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.Jacobians;
import io.ffnn.api.Range;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The conformance kit: checks one plugin against finite differences of its own forward map or
 * value, for use from a plugin author's tests (JUnit or anything else: failures are {@link
 * AssertionError}s carrying a full report, with the plugin's spec, the check, the input and the
 * numbers). Every built-in plugin passes it in ffnn's own build.
 *
 * <p>For an activation {@code g}, at random inputs and at edge inputs (0, ±1e-8, ±30, ±1000): the
 * forward map keeps the shape, leaves its input alone, is deterministic, treats columns
 * independently ({@code m = 1} gives the same as a column of a batch), stays finite and inside
 * {@link Activation#outputRange()}; {@link Activation#jacobian} matches finite differences entry by
 * entry (so a transposed Jacobian fails unless it is symmetric); {@link Activation#backward}
 * matches finite differences of {@code Σ dA ⊙ g(Z)} and the Jacobian reference {@link
 * Jacobians#backward}; an activation that declares itself elementwise has a diagonal Jacobian.
 * Finite differences are not compared within {@code 4h} of the declared {@link
 * Activation#kinks()}. A vector-valued activation is also checked on the degenerate columns a
 * network feeds it at once: all zero (zero inputs and biases), constant, and one-hot-like.
 *
 * <p>For a cost {@code J}: the value is finite, deterministic, the mean of its per-example values;
 * the seed matches finite differences of {@code J}; inputs are left alone; where the cost fuses
 * with the output activation, the fused {@code dZ[L]} agrees with seed × Jacobian; at edge inputs
 * (logits of ±1000 through the output activation, or {@code Ŷ} at the edges of the cost's domain)
 * {@code J}, the seed and the fused form stay finite. Outputs and targets are drawn from the
 * cost's {@link Cost#outputDomain()} and {@link Cost#targetDomain()}; the default call checks
 * the cost at 5 outputs, or at 1 or 2 if it refuses 5 ({@link Cost#checkOutputLayer}).
 *
 * <p>For every plugin: {@code withParameters} refuses a key the plugin does not declare ({@link
 * IllegalArgumentException}: merged in, a misspelt key in a spec would train with the default);
 * with a changed value of each declared parameter it is honoured (the returned plugin reports it,
 * the original is unchanged), the changed plugin computes something else at random inputs (a
 * parameter its formulas ignore is caught) and passes the checks of its derivatives there (a
 * parameter that forward uses and the derivative forgets is caught); {@code spec()} parses back
 * to the plugin's name and parameters.
 *
 * <p><b>Tolerances.</b> An analytic derivative is compared with a finite difference whose own
 * error is estimated at the point ({@link FiniteDifferences#estimate}: the truncation error from
 * the stencil at {@code h} and {@code h/2}, plus the round-off of the function values); an entry
 * fails when it is off by more than the tolerance ({@code 1e-6} relative by default) and by more
 * than {@link FiniteDifferences#ERROR_MARGIN} times that error. So a correct plugin passes even
 * where finite differences are poor (a cross-entropy at {@code ŷ = 0.005}), and a derivative off
 * by {@code 1e-4} relative fails wherever they are good. The step is rounded so that every point
 * of the stencil is a double ({@link FiniteDifferences#exactStep}); a cost's seed is differenced
 * with a step of at most a sixteenth of the way to the edge of its {@link Cost#outputDomain()},
 * so the stencil never crosses it (a probability of {@code 2e-7} is differenced with a step of
 * {@code 1.25e-8}, not {@code 1e-4}), and an output on the edge is not differenced (the check's
 * name counts such entries).
 *
 * <p>Two exact forms (backward vs {@code Jacᵀ dA}, the fused {@code dZ[L]} vs seed × backward and
 * seed × Jacobian) agree to {@code 1e-9} relative, or within what rounding explains, whichever is
 * larger: 16 times the change that one rounding of every entry of their inputs ({@code Z}, {@code
 * A}, {@code dA}) makes to each form, measured by perturbing the inputs one entry at a time. A
 * saturated softmax column, where both forms lose the digits of {@code 1 − a} and agree to only
 * {@code 1e-8}, passes; a backward off by {@code 1e-7} relative, which finite differences cannot
 * resolve, fails.
 *
 * <p>A failed comparison names both sides ({@code finite differences …, plugin …}) and the side
 * it points at: the plugin's value where the finite difference is accurate, either side where its
 * estimated error is large, and between two exact forms the one that disagrees with finite
 * differences. Edge inputs of a range that is unbounded on a side go up to ±700 there, where
 * {@code e^z} is still a double; a bounded (saturating) output is fed ±1000.
 *
 * <pre>{@code
 * @Test
 * void myActivationConforms() {
 *   PluginChecks.checkActivation(new MyActivation());
 * }
 * }</pre>
 */
public final class PluginChecks {

  private PluginChecks() {}

  /**
   * Checks an activation at random and at edge inputs with the default {@link Options}.
   *
   * @param g the activation
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g) {
    return checkActivation(g, Options.defaults());
  }

  /**
   * Checks an activation at random inputs ({@code rows × columns}, entries drawn from {@code N(0,
   * scale²)}) and at edge inputs (a {@code 7 × 4} matrix of the edge values, each column in
   * another order).
   *
   * @param g the activation
   * @param options sizes, seed, step, tolerances and edge values
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g, Options options) {
    Report report = new Report(describe(g));
    Random rng = new Random(options.seed);
    runActivation(g, CheckInputs.gaussian(options.rows, options.columns, options.scale, rng), options, report,
        "random inputs");
    runActivation(g, CheckInputs.edgeMatrix(options.edgeValues, options.edgeValues.length, 4), options,
        report, "edge inputs");
    if (!g.isElementwise()) {
      // what a network feeds a vector-valued activation at once: zero inputs and zero biases
      // give all-zero columns; constant and one-hot-like columns are the other degenerate cases
      runActivation(g, CheckInputs.specialColumns(options.rows), options, report,
          "special columns (0: all 0; 1: all 0.5; 2: all -2; 3 to " + (2 + options.rows)
              + ": 4 at row 0, 1, ... and 0 elsewhere)");
    }
    ParameterChecker.check(g, report, (changed, where) -> ParameterChecker.checkChangedActivation(g,
        (Activation) changed, where, options, report));
    return report.finish();
  }

  /**
   * Checks an activation at the given inputs.
   *
   * @param g the activation
   * @param Z the inputs, {@code n × m}. Not modified.
   * @param options step, seed (for {@code dA}) and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkActivation(Activation g, DMatrixRMaj Z, Options options) {
    Report report = new Report(describe(g));
    runActivation(g, Z, options, report, "given inputs");
    return report.finish();
  }

  private static void runActivation(Activation g, DMatrixRMaj Z, Options options, Report report,
      String where) {
    report.at(where, Z);
    try {
      new ActivationChecker(g, Z, options, report).run();
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
  }

  /**
   * Checks a cost on its own with the default {@link Options}: outputs drawn from its {@link
   * Cost#outputDomain()}, targets from its {@link Cost#targetDomain()}.
   *
   * @param c the cost
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(Cost c) {
    return checkCost(c, Options.defaults());
  }

  /**
   * Checks a cost on its own: the value and seed at {@code Ŷ} drawn from its {@link
   * Cost#outputDomain()} (away from the ends), and finiteness at {@code Ŷ} on the edges of that
   * domain (the edge values that lie in it, and {@code 1e-8} inside each finite end).
   *
   * @param c the cost
   * @param options sizes, seed, step, tolerances and edge values
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(Cost c, Options options) {
    Report report = new Report(describe(c));
    Random rng = new Random(options.seed);
    int n = outputSize(c, new Probe(c.outputDomain()), options);
    try {
      DMatrixRMaj Yhat = new DMatrixRMaj(n, options.columns);
      c.outputDomain().sample(rng, Yhat, n);
      DMatrixRMaj Y = targets(c, options, rng, n, options.columns);
      report.at("random inputs", Yhat);
      new CostChecker(c, Yhat, Y, options, report).run();

      DMatrixRMaj edge = CheckInputs.edgeOutputs(c.outputDomain(),
          CheckInputs.withinExp(options.edgeValues, c.outputDomain()), n);
      report.at("edge inputs", edge);
      checkFinite(c, null, null, edge, targets(c, options, rng, n, edge.numCols), report);
      ParameterChecker.check(c, report, (changed, where) -> ParameterChecker.checkChangedCost(c, (Cost) changed, null,
          null, Yhat, Y, where, options, report));
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
    return report.finish();
  }

  /**
   * The output size {@code n} of a cost check: the options' rows; when they were not set with
   * {@link Options#withShape} and the cost refuses that many outputs ({@link
   * Cost#checkOutputLayer}), the first of 1 and 2 it accepts.
   */
  private static int outputSize(Cost c, Activation output, Options options) {
    if (options.shapeSet || accepts(c, output, options.rows)) {
      return options.rows;
    }
    return accepts(c, output, 1) ? 1 : accepts(c, output, 2) ? 2 : options.rows;
  }

  private static boolean accepts(Cost c, Activation output, int n) {
    try {
      c.checkOutputLayer(output, n);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * An identity output whose range is a cost's output domain: what {@link Cost#checkOutputLayer}
   * is asked about when a cost is checked on its own.
   */
  private static final class Probe implements Activation {
    private final Range range;

    Probe(Range range) {
      this.range = range;
    }

    @Override
    public String name() {
      return "identity";
    }

    @Override
    public Range outputRange() {
      return range;
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      A.setTo(Z);
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      jac.reshape(Z.numRows, Z.numRows);
      jac.zero();
      for (int p = 0; p < Z.numRows; p++) {
        jac.set(p, p, 1);
      }
    }
  }

  /**
   * Checks a cost after an output activation with the default {@link Options}.
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
   * Checks a cost at {@code Ŷ = output(Z)}: at random {@code Z ~ N(0, scale²)} the seed against
   * finite differences of {@code J} and, where the cost fuses with {@code output}, the fused
   * {@code dZ[L]} against seed × Jacobian; at edge logits (the edge values, ±1000 among them) that
   * {@code J}, the seed and the fused form are finite. Also checks that the pair builds: the
   * output range lies in the cost's domain and {@link Cost#checkOutputLayer} accepts {@code rows}
   * outputs.
   *
   * @param c the cost
   * @param output the output activation that produces {@code Ŷ}
   * @param options sizes, seed, step, tolerances and edge values
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(Cost c, Activation output, Options options) {
    Report report = new Report(describe(c) + " with output " + describe(output));
    int n = outputSize(c, output, options);
    try {
      List<String> why = c.outputDomain().whyNotContains(output.outputRange());
      if (!why.isEmpty()) {
        report.fail("cannot follow " + output.spec() + ", whose outputs lie in "
            + output.outputRange() + " (the cost needs " + c.outputDomain() + "): "
            + String.join("; ", why), null);
        return report.finish();
      }
      c.checkOutputLayer(output, n);
    } catch (IllegalArgumentException e) {
      report.fail("does not accept " + n + " outputs of " + output.spec()
          + " (choose the size with Options.withShape): " + e.getMessage(), e);
      return report.finish();
    }
    Random rng = new Random(options.seed);
    try {
      DMatrixRMaj Z = CheckInputs.gaussian(n, options.columns, options.scale, rng);
      DMatrixRMaj Y = targets(c, options, rng, n, options.columns);
      DMatrixRMaj A = new DMatrixRMaj(1, 1);
      output.forward(Z, A);
      report.at("random inputs", Z);
      CheckResult seed = new CostChecker(c, A, Y, options, report).run();
      if (c.fusesWith(output)) {
        checkFused(c, output, Z, A, Y, options, report, seed);
      }

      double[] edges = CheckInputs.withinExp(options.edgeValues, output.outputRange());
      DMatrixRMaj edgeZ = CheckInputs.edgeMatrix(edges, n, edges.length);
      DMatrixRMaj edgeA = new DMatrixRMaj(1, 1);
      output.forward(edgeZ, edgeA);
      report.at("edge logits", edgeZ);
      checkFinite(c, output, edgeZ, edgeA, targets(c, options, rng, n, edgeZ.numCols), report);
      ParameterChecker.check(c, report, (changed, where) -> ParameterChecker.checkChangedCost(c, (Cost) changed, output,
          Z, A, Y, where, options, report));
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
   * @param Y the targets, {@code n × m} ({@code 1 × m} for class indices). Not modified.
   * @param options step and tolerances
   * @return the results, all passed
   * @throws AssertionError with the full report if any check fails
   */
  public static List<CheckResult> checkCost(
      Cost c, DMatrixRMaj Yhat, DMatrixRMaj Y, Options options) {
    Report report = new Report(describe(c));
    report.at("given inputs", Yhat);
    try {
      new CostChecker(c, Yhat, Y, options, report).run();
    } catch (RuntimeException e) {
      report.fail("threw " + e, e);
    }
    return report.finish();
  }

  /** Targets of the cost's target domain, or from {@link Options#withTargets} where given. */
  private static DMatrixRMaj targets(Cost c, Options o, Random rng, int n, int m) {
    DMatrixRMaj Y = new DMatrixRMaj(c.targetDomain().rows(n), m);
    if (o.targets != null) {
      o.targets.fill(rng, Y);
    } else {
      c.targetDomain().sample(rng, Y, n);
    }
    return Y;
  }

  /** {@code J}, the seed and (with an output that fuses) the fused {@code dZ} are finite. */
  private static void checkFinite(Cost c, Activation output, DMatrixRMaj Z, DMatrixRMaj A,
      DMatrixRMaj Y, Report report) {
    double J = c.value(A, Y);
    if (!Double.isFinite(J)) {
      report.fail("value is " + J, null);
    }
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    c.seed(A, Y, seed);
    report.finite("seed", seed);
    if (output != null && c.fusesWith(output)) {
      DMatrixRMaj fused = new DMatrixRMaj(1, 1);
      c.fusedOutputGradient(output, Z, A, Y, fused);
      report.finite("fused dZ[L]", fused);
    }
  }

  private static void checkFused(
      Cost c, Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, Options o,
      Report report, CheckResult seedResult) {
    DMatrixRMaj fused = fused(c, output, Z, A, Y);
    DMatrixRMaj generic = seedTimes(c, output, Z, A, Y, false);
    DMatrixRMaj reference = seedTimes(c, output, Z, A, Y, true);
    if (!report.sameShape("fused dZ[L]", fused, Z)) {
      return;
    }
    // three exact forms of dZ[L]: they may differ by what the rounding of Z and Ŷ explains (the
    // generic path much more than the fused one where Ŷ saturates)
    DMatrixRMaj fusedNoise = Rounding.noise(in -> fused(c, output, in[0], in[1], Y), Z.copy(),
        A.copy());
    DMatrixRMaj genericNoise = Rounding.noise(in -> seedTimes(c, output, in[0], in[1], Y, false),
        Z.copy(), A.copy());
    DMatrixRMaj referenceNoise = Rounding.noise(
        in -> seedTimes(c, output, in[0], in[1], Y, true), Z.copy(), A.copy());
    String suspect = seedResult == null || seedResult.passed()
        ? "the cost's fusedOutputGradient: its seed agrees with finite differences"
        : "the cost's seed, which disagrees with finite differences";
    report.compareForms("fused dZ[L] vs seed × backward", "fused dZ", generic, genericNoise,
        fused, fusedNoise, o.consistency, "seed × backward", suspect);
    report.compareForms("fused dZ[L] vs seed × Jacobianᵀ", "fused dZ", reference, referenceNoise,
        fused, fusedNoise, o.consistency, "seed × Jacobianᵀ", suspect);
  }

  static DMatrixRMaj fused(Cost c, Activation output, DMatrixRMaj Z, DMatrixRMaj A,
      DMatrixRMaj Y) {
    DMatrixRMaj fused = new DMatrixRMaj(1, 1);
    c.fusedOutputGradient(output, Z, A, Y, fused);
    return fused;
  }

  /** {@code dZ[L]} from the seed, by the output's backward or by its Jacobians. */
  private static DMatrixRMaj seedTimes(Cost c, Activation output, DMatrixRMaj Z, DMatrixRMaj A,
      DMatrixRMaj Y, boolean byJacobians) {
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    c.seed(A, Y, seed);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    if (byJacobians) {
      Jacobians.backward(output, Z, A, seed, dZ);
    } else {
      output.backward(Z, A, seed, dZ);
    }
    return dZ;
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

  /**
   * Sizes, seed, finite-difference step, tolerances and edge values of the checks. Immutable; the
   * {@code with} methods return changed copies.
   */
  public static final class Options {
    /** The default edge inputs: 0, ±1e-8, ±30, ±1000. */
    private static final double[] EDGES = {0, 1e-8, -1e-8, 30, -30, 1000, -1000};

    long seed = 42;
    int rows = 5;
    int columns = 3;
    double scale = 2.0;
    double step = FiniteDifferences.DEFAULT_STEP;
    double tolerance = 1e-6;
    final double consistency = 1e-9;
    final double floor = FiniteDifferences.DEFAULT_FLOOR;
    double[] edgeValues = EDGES;
    Targets targets;
    /** Whether {@link #withShape} chose the shape: then a cost check does not choose another. */
    boolean shapeSet;

    private Options() {}

    private Options copy() {
      Options o = new Options();
      o.seed = seed;
      o.rows = rows;
      o.columns = columns;
      o.scale = scale;
      o.step = step;
      o.tolerance = tolerance;
      o.edgeValues = edgeValues;
      o.targets = targets;
      o.shapeSet = shapeSet;
      return o;
    }

    /**
     * The defaults: seed 42, random inputs 5 × 3 drawn from {@code N(0, 2²)} (a cost check
     * takes 1 or 2 rows instead of 5 if the cost refuses 5 outputs), edge values 0, ±1e-8, ±30,
     * ±1000, step {@code 1e-4} (smaller near the edge of a cost's domain), tolerance {@code 1e-6}
     * against finite differences beyond their estimated error, with the floor {@value
     * FiniteDifferences#DEFAULT_FLOOR} of their relative error, and {@code 1e-9} between two
     * analytic forms beyond what rounding explains (see the class comment), targets drawn from
     * the cost's {@link Cost#targetDomain()}.
     *
     * @return the default options
     */
    public static Options defaults() {
      return new Options();
    }

    /**
     * A copy with another random seed.
     *
     * @param seed the random seed of inputs and targets
     * @return a copy with this seed
     */
    public Options withSeed(long seed) {
      Options o = copy();
      o.seed = seed;
      return o;
    }

    /**
     * A copy with another shape of the random inputs (and of a cost's outputs).
     *
     * @param rows {@code n}, the number of units, {@code >= 1}
     * @param columns {@code m}, the number of examples, {@code >= 1}
     * @return a copy with this input shape
     * @throws IllegalArgumentException if a size is below 1
     */
    public Options withShape(int rows, int columns) {
      if (rows < 1 || columns < 1) {
        throw new IllegalArgumentException(
            "check inputs need at least 1 row and 1 column, got " + rows + "x" + columns);
      }
      Options o = copy();
      o.rows = rows;
      o.columns = columns;
      o.shapeSet = true;
      return o;
    }

    /**
     * A copy with another scale of the random inputs.
     *
     * @param scale the standard deviation of the random inputs, {@code > 0}
     * @return a copy with this scale
     */
    public Options withScale(double scale) {
      Options o = copy();
      o.scale = positive("scale", scale);
      return o;
    }

    /**
     * A copy with another finite-difference step.
     *
     * @param step the step {@code h > 0}
     * @return a copy with this step
     */
    public Options withStep(double step) {
      Options o = copy();
      o.step = positive("step", step);
      return o;
    }

    /**
     * A copy with another tolerance against finite differences.
     *
     * @param tolerance the largest relative error, {@code > 0}
     * @return a copy with this tolerance
     */
    public Options withTolerance(double tolerance) {
      Options o = copy();
      o.tolerance = positive("tolerance", tolerance);
      return o;
    }

    /**
     * A copy with other edge values: the inputs of an activation's edge check, the logits of a
     * cost's edge check after its output activation, and the candidates for {@code Ŷ} of a cost
     * checked on its own.
     *
     * @param values at least one finite value
     * @return a copy with these edge values
     */
    public Options withEdgeValues(double... values) {
      if (values.length == 0 || Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
        throw new IllegalArgumentException("edge values must be finite, at least one");
      }
      Options o = copy();
      o.edgeValues = values.clone();
      return o;
    }

    /**
     * A copy that draws the targets {@code Y} of cost checks with {@code targets} instead of from
     * the cost's {@link Cost#targetDomain()}.
     *
     * @param targets how to draw the targets
     * @return a copy with this generator
     */
    public Options withTargets(Targets targets) {
      Options o = copy();
      o.targets = Objects.requireNonNull(targets, "targets");
      return o;
    }

    private static double positive(String what, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(what + " must be a positive number, got " + v);
      }
      return v;
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
