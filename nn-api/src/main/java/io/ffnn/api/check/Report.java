package io.ffnn.api.check;

import io.ffnn.api.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Collects results and failures; throws one {@link AssertionError} with all of them. */
final class Report {

  final String plugin;
  private final List<CheckResult> results = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  /** The inputs of every context that had a failure, to print with the report. */
  private final Map<String, String> failedInputs = new LinkedHashMap<>();
  private String context = "";
  private String input = "";
  private Throwable cause;

  Report(String plugin) {
    this.plugin = plugin;
  }

  /** Starts a new context: the checks that follow are named "… at {where}". */
  void at(String where, DMatrixRMaj inputs) {
    at(where, inputs.toString());
  }

  void at(String where, String inputs) {
    this.context = " at " + where;
    this.input = inputs;
  }

  String named(String check) {
    return check + context;
  }

  void add(CheckResult r) {
    results.add(r);
    if (!r.passed()) {
      failedInputs.putIfAbsent(context, input);
    }
  }

  void fail(String message, Throwable t) {
    failures.add(plugin + context + ": " + message);
    failedInputs.putIfAbsent(context, input);
    if (cause == null) {
      cause = t;
    }
  }

  /** Compares entry by entry against an exact reference, with one tolerance for all. */
  void compare(String check, String what, DMatrixRMaj expected, DMatrixRMaj actual,
      double tolerance, double floor) {
    if (!sameShape(check + ": " + what, actual, expected)) {
      return;
    }
    Worst worst = new Worst();
    int cols = expected.numCols;
    for (int k = 0; k < expected.getNumElements(); k++) {
      worst.offer(what + "[" + k / cols + "," + k % cols + "]", expected.data[k],
          actual.data[k], floor, tolerance);
    }
    add(worst.result(plugin, named(check), tolerance));
  }

  /**
   * Compares the plugin's {@code actual} ({@code what}, e.g. "backward dZ") entry by entry with
   * finite differences {@code expected} whose estimated errors are {@code errors}, skipping the
   * entries flagged in {@code skip} (may be null): each entry is held to {@link
   * FiniteDifferences#tolerance}, and a failure says whether the differences are accurate there.
   */
  CheckResult compareToDifferences(String check, String what, DMatrixRMaj expected,
      DMatrixRMaj errors, DMatrixRMaj actual, double tolerance, double floor, boolean[] skip) {
    if (!sameShape(check + ": " + what, actual, expected)) {
      return new CheckResult(plugin, named(check), Double.POSITIVE_INFINITY, "shape", Double.NaN,
          Double.NaN, tolerance);
    }
    Worst worst = new Worst();
    int cols = expected.numCols;
    for (int k = 0; k < expected.getNumElements(); k++) {
      if (skip == null || !skip[k]) {
        double a = actual.data[k];
        double n = expected.data[k];
        double tol = FiniteDifferences.tolerance(tolerance, a, n, errors.data[k], floor);
        worst.offer(label(what, k, cols), n, a, floor, tol,
            errors.data[k] / Math.max(Math.abs(n), floor));
      }
    }
    CheckResult r = worst.againstDifferences(plugin, named(check), tolerance, what);
    add(r);
    return r;
  }

  /**
   * Compares two exact forms of one quantity entry by entry: the plugin's {@code actual} with
   * {@code expected}, the {@code reference}. An entry passes within {@code tolerance} relative,
   * or within what rounding explains, Rounding.MARGIN times the sum of both forms'
   * noise there (Rounding.noise).
   *
   * @param suspect which side a failure points at, and why
   */
  void compareForms(String check, String what, DMatrixRMaj expected, DMatrixRMaj expectedNoise,
      DMatrixRMaj actual, DMatrixRMaj actualNoise, double tolerance, String reference,
      String suspect) {
    if (!sameShape(check + ": " + what, actual, expected)) {
      return;
    }
    Worst worst = new Worst();
    int cols = expected.numCols;
    for (int k = 0; k < expected.getNumElements(); k++) {
      double a = actual.data[k];
      double n = expected.data[k];
      double noise = Rounding.MARGIN * (expectedNoise.data[k] + actualNoise.data[k]);
      double tol = FiniteDifferences.tolerance(tolerance, a, n, noise, Double.MIN_NORMAL);
      worst.offer(label(what, k, cols), n, a, Double.MIN_NORMAL, tol);
    }
    add(worst.result(plugin, named(check), tolerance, reference, suspect));
  }

  private static String label(String what, int k, int cols) {
    String symbol = what.substring(what.lastIndexOf(' ') + 1);
    return symbol + "[" + k / cols + "," + k % cols + "]";
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
            + "]", null);
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
    boolean ok = failures.isEmpty();
    for (CheckResult r : results) {
      ok &= r.passed();
    }
    if (ok) {
      return List.copyOf(results);
    }
    StringBuilder sb = new StringBuilder("plugin check failed for ").append(plugin).append(':');
    for (String line : failures) {
      sb.append("\n  FAILED ").append(line);
    }
    for (CheckResult r : results) {
      sb.append("\n  ").append(r);
    }
    failedInputs.forEach((where, text) ->
        sb.append("\n  inputs").append(where).append(": ").append(text.trim()));
    AssertionError error = new AssertionError(sb.toString());
    if (cause != null) {
      error.initCause(cause);
    }
    throw error;
  }
}
