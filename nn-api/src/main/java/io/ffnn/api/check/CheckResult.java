package io.ffnn.api.check;

/**
 * The outcome of one named check against one plugin: the largest relative error found and where.
 *
 * @param plugin the plugin spec
 * @param check what was compared, e.g. {@code "backward vs finite differences"}
 * @param maxError the largest relative error {@code |a − n| / max(|a| + |n|, floor)}
 * @param where where it occurred, e.g. {@code "dZ[2,0]"}
 * @param expected the reference value there
 * @param actual the plugin's value there
 * @param tolerance the largest error that passes
 */
public record CheckResult(
    String plugin,
    String check,
    double maxError,
    String where,
    double expected,
    double actual,
    double tolerance) {

  /**
   * Whether the error is within the tolerance (a NaN error fails).
   *
   * @return true if the check passed
   */
  public boolean passed() {
    return maxError <= tolerance;
  }

  @Override
  public String toString() {
    return String.format(
        "%s %s: %s, max relative error %.3e at %s (expected %.17g, got %.17g, tolerance %.1e)",
        plugin, check, passed() ? "ok" : "FAILED", maxError, where, expected, actual, tolerance);
  }
}
