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

  /**
   * The floor of the relative error when two analytic forms are compared: entries smaller than
   * this are compared absolutely, so that rounding in values near zero does not count.
   */
  private static final double CONSISTENCY_FLOOR = 1e-12;

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

  /** Compares entry by entry, skipping the entries flagged in {@code skip} (may be null). */
  void compare(String check, String what, DMatrixRMaj expected, DMatrixRMaj actual,
      double tolerance, double floor, boolean[] skip) {
    compare(check, what, expected, null, actual, tolerance, floor, skip);
  }

  /**
   * Compares entry by entry against finite differences whose estimated errors are {@code
   * errors} (null: exact references): each entry is held to {@link
   * FiniteDifferences#tolerance}.
   */
  void compare(String check, String what, DMatrixRMaj expected, DMatrixRMaj errors,
      DMatrixRMaj actual, double tolerance, double floor, boolean[] skip) {
    if (!sameShape(check + ": " + what, actual, expected)) {
      return;
    }
    Worst worst = new Worst();
    int cols = expected.numCols;
    double f = floor == 0 ? CONSISTENCY_FLOOR : floor;
    for (int k = 0; k < expected.getNumElements(); k++) {
      if (skip == null || !skip[k]) {
        double tol = errors == null ? tolerance : FiniteDifferences.tolerance(tolerance,
            actual.data[k], expected.data[k], errors.data[k], f);
        worst.offer(what + "[" + k / cols + "," + k % cols + "]", expected.data[k],
            actual.data[k], f, tol);
      }
    }
    add(worst.result(plugin, named(check), tolerance));
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
