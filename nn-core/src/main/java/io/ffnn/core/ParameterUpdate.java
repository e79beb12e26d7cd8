package io.ffnn.core;

/**
 * An update of a parameter's entries in place, which {@link Network#update} hands the network's
 * own entries and a workspace's gradient, in the network's precision: how optimizers write the
 * weights without the network knowing them (and without the weights being handed out).
 *
 * <p>An update of the range {@code from ≤ k < to} must read and write only those entries of
 * {@code theta} and {@code g}, and of its own state for the parameter: ranges of one parameter
 * may be updated on different threads at once.
 */
public interface ParameterUpdate {

  /**
   * Updates the entries of a float64 network's parameter (or of a float32 network's, widened,
   * when the gradients are {@code double}).
   *
   * @param p the parameter
   * @param theta its entries. Modified in {@code [from, to)} only.
   * @param g its gradient; the workspace's own array, longer than the parameter if the
   *     workspace has grown. Not to be modified.
   * @param from the first entry
   * @param to one past the last entry
   */
  void update(ParameterLayout.Parameter p, double[] theta, double[] g, int from, int to);

  /**
   * Updates the entries of a float32 network's parameter from its {@code float} gradient.
   *
   * @param p the parameter
   * @param theta its entries. Modified in {@code [from, to)} only.
   * @param g its gradient. Not to be modified.
   * @param from the first entry
   * @param to one past the last entry
   */
  void update(ParameterLayout.Parameter p, float[] theta, float[] g, int from, int to);
}
