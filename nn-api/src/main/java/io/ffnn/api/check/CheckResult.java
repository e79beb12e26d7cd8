package io.ffnn.api.check;

/**
 * The outcome of one named check against one plugin: the largest relative error found, where, the
 * two sides compared there, and which side a failure points at.
 *
 * @param plugin the plugin as the report names it: its kind and spec, e.g. {@code activation
 *     'leaky_relu(alpha=0.2)'}
 * @param check what was compared, e.g. {@code "backward vs finite differences"}
 * @param maxError the largest relative error {@code |a − n| / max(|a| + |n|, floor)}, weighed
 *     against that entry's own tolerance (entries differ where finite differences or rounding
 *     explain part of a disagreement)
 * @param where where it occurred, e.g. {@code "dZ[2,0]"}
 * @param expected the reference's value there (see {@code reference})
 * @param actual the plugin's value there
 * @param tolerance the largest error that passes there
 * @param reference what the reference is, e.g. {@code "finite differences"} or {@code
 *     "Jacobianᵀ dA"}
 * @param suspect which side a failure points at, with the reason, e.g. {@code "the plugin's
 *     backward: finite differences agree with the Jacobian"}; empty when the check passed
 */
public record CheckResult(
    String plugin,
    String check,
    double maxError,
    String where,
    double expected,
    double actual,
    double tolerance,
    String reference,
    String suspect) {

  /**
   * {@return the plugin as the report names it: its kind and spec, e.g. {@code activation
   * 'leaky_relu(alpha=0.2)'}}
   */
  public String plugin() {
    return plugin;
  }

  /** {@return what was compared, e.g. {@code "backward vs finite differences"}} */
  public String check() {
    return check;
  }

  /**
   * {@return the largest relative error {@code |a − n| / max(|a| + |n|, floor)}, weighed against
   * that entry's own tolerance (entries differ where finite differences or rounding explain part of
   * a disagreement)}
   */
  public double maxError() {
    return maxError;
  }

  /** {@return where it occurred, e.g. {@code "dZ[2,0]"}} */
  public String where() {
    return where;
  }

  /** {@return the reference's value there (see {@code reference})} */
  public double expected() {
    return expected;
  }

  /** {@return the plugin's value there} */
  public double actual() {
    return actual;
  }

  /** {@return the largest error that passes there} */
  public double tolerance() {
    return tolerance;
  }

  /**
   * {@return what the reference is, e.g. {@code "finite differences"} or {@code "Jacobianᵀ dA"}}
   */
  public String reference() {
    return reference;
  }

  /**
   * {@return which side a failure points at, with the reason, e.g. {@code "the plugin's backward:
   * finite differences agree with the Jacobian"}; empty when the check passed}
   */
  public String suspect() {
    return suspect;
  }

  /**
   * A result against an unnamed reference, with no suspect named.
   *
   * @param plugin the plugin as the report names it, e.g. {@code activation 'softmax'}
   * @param check what was compared
   * @param maxError the largest relative error
   * @param where where it occurred
   * @param expected the reference's value there
   * @param actual the plugin's value there
   * @param tolerance the largest error that passes there
   */
  public CheckResult(String plugin, String check, double maxError, String where,
      double expected, double actual, double tolerance) {
    this(plugin, check, maxError, where, expected, actual, tolerance, "reference", "");
  }

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
        "%s %s: %s, max relative error %.3e at %s (%s %.17g, plugin %.17g, tolerance %.1e)%s",
        plugin, check, passed() ? "ok" : "FAILED", maxError, where, reference, expected, actual,
        tolerance, passed() || suspect.isEmpty() ? "" : "; suspect: " + suspect);
  }
}
