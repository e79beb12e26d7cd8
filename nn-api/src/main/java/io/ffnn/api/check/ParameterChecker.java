package io.ffnn.api.check;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.Plugin;
import io.ffnn.api.PluginSpec;
import io.ffnn.api.check.PluginChecks.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.ejml.data.DMatrixRMaj;

/**
 * The checks of a plugin's parameters: unknown keys refused, each declared one honoured by
 * {@code withParameters}, changing the math and keeping the derivatives right, and {@code spec()}
 * round-tripping.
 */
final class ParameterChecker {

  private ParameterChecker() {}

  /**
   * For every declared parameter: {@code withParameters} with a changed value returns a plugin
   * that reports that value (trying a few changed values, in case the plugin refuses some), the
   * plugin it was called on is unchanged, and {@code spec()} round-trips through {@link
   * PluginSpec#parse} — for the plugin as given and for each changed one.
   */
  static void check(Plugin plugin, Report report,
      BiConsumer<Plugin, String> math) {
    Map<String, Double> own;
    try {
      own = Map.copyOf(plugin.parameters());
    } catch (RuntimeException e) {
      report.fail("parameters() threw " + e, e);
      return;
    }
    report.at("parameters " + own, "");
    roundTrip(plugin, own, report);
    refusesUnknownKeys(plugin, own, report);
    for (String key : new TreeSet<>(own.keySet())) {
      double value = own.get(key);
      List<Double> tried = new ArrayList<>();
      Plugin changed = null;
      double used = Double.NaN;
      boolean threw = false;
      for (double candidate : value == 0 ? new double[] {0.5, -0.5, 1, 2}
          : new double[] {value * 1.25, value * 0.8, value + 0.5, value - 0.5}) {
        Map<String, Double> asked = new LinkedHashMap<>(plugin.parameters());
        asked.put(key, candidate);
        tried.add(candidate);
        try {
          changed = plugin.withParameters(asked);
          used = candidate;
          break;
        } catch (IllegalArgumentException refused) {
          // a value outside the parameter's range: try another
        } catch (RuntimeException e) {
          report.fail("withParameters threw " + e + " for " + asked, e);
          threw = true;
          break;
        }
      }
      if (threw) {
        continue;
      }
      if (changed == null) {
        report.fail("withParameters refuses every changed value of " + key + " tried: "
            + tried, null);
        continue;
      }
      Double reported = changed.parameters().get(key);
      if (reported == null || Double.compare(reported, used) != 0) {
        report.fail("withParameters ignores its argument: asked for " + key + "=" + used
            + ", the plugin it returned has parameters " + changed.parameters() + " (spec "
            + changed.spec() + ")", null);
        continue;
      }
      if (!plugin.parameters().equals(own)) {
        report.fail("withParameters changed the plugin it was called on: its parameters went "
            + "from " + own + " to " + plugin.parameters(), null);
      }
      roundTrip(changed, own, report);
      // the changed value must change the math, and the changed plugin's derivatives must
      // still be its own: a parameter the formulas ignore (or the forward map alone uses) fails
      try {
        math.accept(changed, "random inputs with parameters " + changed.parameters() + " ("
            + key + " changed from " + value + ")");
      } catch (RuntimeException e) {
        report.fail("threw " + e, e);
      }
      report.at("parameters " + own, "");
    }
  }

  /** The key {@link #refusesUnknownKeys} offers: no plugin declares it. */
  static final String UNKNOWN_KEY = "no_such_parameter";

  /**
   * {@code withParameters} with a key the plugin does not declare must refuse it ({@link
   * IllegalArgumentException}), as {@link io.ffnn.api.PluginParameters#with} does: merged in,
   * a misspelt key in a spec ({@code leaky_relu(alfa=0.2)}) would train silently with the
   * default.
   */
  private static void refusesUnknownKeys(Plugin plugin, Map<String, Double> own,
      Report report) {
    Map<String, Double> asked = new LinkedHashMap<>(own);
    asked.put(UNKNOWN_KEY, 1.0);
    try {
      Plugin accepted = plugin.withParameters(asked);
      report.fail("withParameters accepts the unknown parameter '" + UNKNOWN_KEY + "' instead of "
          + "refusing it (the plugin it returned has parameters " + accepted.parameters()
          + "): a misspelt key in a spec would pass unnoticed", null);
    } catch (IllegalArgumentException refused) {
      // as it should
    } catch (RuntimeException e) {
      report.fail("withParameters threw " + e + " for an unknown parameter instead of an "
          + "IllegalArgumentException", e);
    }
  }

  /**
   * A changed activation: it computes something else than {@code g} at random inputs (forward,
   * backward or a Jacobian), and passes the checks of its math there.
   */
  static void checkChangedActivation(Activation g, Activation changed, String where,
      Options o, Report report) {
    Random rng = new Random(o.seed + 7);
    DMatrixRMaj Z = CheckInputs.gaussian(o.rows, o.columns, o.scale, rng);
    DMatrixRMaj dA = CheckInputs.gaussian(o.rows, o.columns, 1.0, rng);
    report.at(where, Z);
    DMatrixRMaj[] before = activationMath(g, Z, dA);
    DMatrixRMaj[] after = activationMath(changed, Z, dA);
    if (sameEntries(before, after)) {
      report.fail("ignores the changed parameter: forward, backward and jacobian give exactly "
          + "what " + g.spec() + " gives at random inputs", null);
    }
    new ActivationChecker(changed, Z, o, report).run();
  }

  /** {@code A}, {@code dZ} and the Jacobian of every column, in one array. */
  private static DMatrixRMaj[] activationMath(Activation g, DMatrixRMaj Z, DMatrixRMaj dA) {
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, dA, dZ);
    DMatrixRMaj[] out = new DMatrixRMaj[2 + Z.numCols];
    out[0] = A;
    out[1] = dZ;
    for (int i = 0; i < Z.numCols; i++) {
      out[2 + i] = new DMatrixRMaj(1, 1);
      g.jacobian(Z, A, i, out[2 + i]);
    }
    return out;
  }

  /**
   * A changed cost: it computes something else than {@code c} at {@code Ŷ} (value, seed, or the
   * fused form after {@code output}), and its seed passes the checks there.
   */
  static void checkChangedCost(Cost c, Cost changed, Activation output, DMatrixRMaj Z,
      DMatrixRMaj Yhat, DMatrixRMaj Y, String where, Options o, Report report) {
    report.at(where, Yhat);
    List<DMatrixRMaj> before = costMath(c, output, Z, Yhat, Y);
    List<DMatrixRMaj> after = costMath(changed, output, Z, Yhat, Y);
    if (sameEntries(before.toArray(new DMatrixRMaj[0]), after.toArray(new DMatrixRMaj[0]))) {
      report.fail("ignores the changed parameter: value, seed" + (output != null
          && c.fusesWith(output) ? " and fused dZ[L]" : " and") + " give exactly what "
          + c.spec() + " gives at random inputs", null);
    }
    new CostChecker(changed, Yhat, Y, o, report).run();
  }

  /** {@code J} (as a 1 × 1 matrix), the seed and, after an output it fuses with, the fused form. */
  private static List<DMatrixRMaj> costMath(Cost c, Activation output, DMatrixRMaj Z,
      DMatrixRMaj Yhat, DMatrixRMaj Y) {
    List<DMatrixRMaj> out = new ArrayList<>();
    out.add(new DMatrixRMaj(1, 1, true, c.value(Yhat, Y)));
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    c.seed(Yhat, Y, seed);
    out.add(seed);
    if (output != null && c.fusesWith(output)) {
      out.add(PluginChecks.fused(c, output, Z, Yhat, Y));
    }
    return out;
  }

  private static boolean sameEntries(DMatrixRMaj[] a, DMatrixRMaj[] b) {
    for (int k = 0; k < a.length; k++) {
      if (a[k].numRows != b[k].numRows || a[k].numCols != b[k].numCols
          || !Arrays.equals(Arrays.copyOf(a[k].data, a[k].getNumElements()),
              Arrays.copyOf(b[k].data, b[k].getNumElements()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code spec()} parses back to the plugin's name and parameters (parameters a spec leaves out
   * count as the defaults {@code defaults}, as the registry reads them).
   */
  private static void roundTrip(Plugin plugin, Map<String, Double> defaults, Report report) {
    String spec = plugin.spec();
    PluginSpec parsed;
    try {
      parsed = PluginSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      report.fail("spec() '" + spec + "' does not parse: " + e.getMessage(), e);
      return;
    }
    Map<String, Double> read = new LinkedHashMap<>(defaults);
    read.putAll(parsed.parameters());
    if (!parsed.name().equals(plugin.name())
        || !read.equals(new LinkedHashMap<>(plugin.parameters()))) {
      report.fail("spec() does not round-trip: '" + spec + "' reads as " + parsed.name() + " "
          + read + " but the plugin is " + plugin.name() + " " + plugin.parameters(), null);
    }
  }

}
