package io.ffnn.api.check;

/**
 * The entry whose relative error is largest against its own tolerance, and where: entries are
 * held to different tolerances where a finite difference explains part of a disagreement.
 */
final class Worst {
  private double ratio = -1;
  private double error = 0;
  private double tolerance = Double.NaN;
  private String where = "-";
  private double expected = Double.NaN;
  private double actual = Double.NaN;

  void offer(String at, double reference, double value, double floor, double tol) {
    double e = FiniteDifferences.relativeError(value, reference, floor);
    double r = e / tol;
    if (r > ratio || Double.isNaN(r)) {
      ratio = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
      error = e;
      tolerance = tol;
      where = at;
      expected = reference;
      actual = value;
    }
  }

  CheckResult result(String plugin, String check, double defaultTolerance) {
    return new CheckResult(plugin, check, error, where, expected, actual,
        Double.isNaN(tolerance) ? defaultTolerance : tolerance);
  }
}
