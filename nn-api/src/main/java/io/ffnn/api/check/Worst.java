package io.ffnn.api.check;

/**
 * The entry whose relative error is largest against its own tolerance, and where: entries are
 * held to different tolerances where finite differences or rounding explain part of a
 * disagreement.
 */
final class Worst {
  private double ratio = -1;
  private double error = 0;
  private double tolerance = Double.NaN;
  private String where = "-";
  private double expected = Double.NaN;
  private double actual = Double.NaN;
  /** The reference's own estimated error at the worst entry, relative; 0 for exact ones. */
  private double referenceError;

  void offer(String at, double reference, double value, double floor, double tol) {
    offer(at, reference, value, floor, tol, 0);
  }

  /**
   * Offers one entry.
   *
   * @param referenceError the reference's estimated error there, relative as the error is
   */
  void offer(String at, double reference, double value, double floor, double tol,
      double referenceError) {
    double e = FiniteDifferences.relativeError(value, reference, floor);
    double r = e / tol;
    if (r > ratio || Double.isNaN(r)) {
      ratio = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
      error = e;
      tolerance = tol;
      where = at;
      expected = reference;
      actual = value;
      this.referenceError = referenceError;
    }
  }

  /**
   * The result against finite differences: a failure points at the plugin's value where the
   * differences are accurate, and at both sides where their own error is large.
   */
  CheckResult againstDifferences(String plugin, String check, double defaultTolerance,
      String what) {
    String suspect = referenceError > 0.01
        ? "either side: finite differences are poor here (their estimated error is "
            + String.format(java.util.Locale.ROOT, "%.1e", referenceError) + " relative)"
        : "the plugin's " + what + ": finite differences are accurate here (estimated error "
            + String.format(java.util.Locale.ROOT, "%.1e", referenceError) + " relative)";
    return result(plugin, check, defaultTolerance, "finite differences", suspect);
  }

  CheckResult result(String plugin, String check, double defaultTolerance) {
    return result(plugin, check, defaultTolerance, "reference", "");
  }

  CheckResult result(String plugin, String check, double defaultTolerance, String reference,
      String suspect) {
    return new CheckResult(plugin, check, error, where, expected, actual,
        Double.isNaN(tolerance) ? defaultTolerance : tolerance, reference, suspect);
  }
}
