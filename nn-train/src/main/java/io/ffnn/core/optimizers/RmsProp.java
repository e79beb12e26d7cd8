package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * RMSProp (Hinton 2012): {@code s ← ρ s + (1 − ρ) g²}, {@code θ ← θ − η g / (sqrt(s) + ε)}, with
 * {@code s} starting at 0, {@code ρ = 0.9} and {@code ε = 1e-8} by default.
 */
public final class RmsProp extends Optimizer {

  private final double rho;
  private final double eps;
  private double[][] mean;
  /** {@link #step} on blocks, for the float form on JDKs that do not vectorise conversions. */
  private final FloatBlocks.Step blockStep =
      (p, theta, g, s, unused, n, lr, t) -> step(theta, g, s, 0, n, lr);

  /**
   * RMSProp.
   *
   * @param learningRate {@code η > 0}
   * @param rho the decay {@code ρ} in {@code [0, 1)}
   * @param eps {@code ε > 0}
   */
  public RmsProp(double learningRate, double rho, double eps) {
    super(learningRate);
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho must be in [0, 1), got " + rho);
    }
    this.rho = rho;
    this.eps = positive("eps", eps);
  }

  @Override
  protected Optimizer newInstance(double learningRate) {
    return new RmsProp(learningRate, rho, eps);
  }

  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "rho=%s, eps=%s", rho, eps);
  }

  @Override
  protected void allocate(ParameterLayout layout) {
    mean = zeros(layout);
  }

  @Override
  protected List<double[][]> stateArrays() {
    return mean == null ? List.of() : List.<double[][]>of(mean);
  }

  @Override
  protected void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t) {
    step(theta, g, mean[p.index()], from, to, lr);
  }

  /** The step on entries {@code from ≤ k < to} of arrays that share one index. */
  private void step(double[] theta, double[] g, double[] s, int from, int to, double lr) {
    for (int k = from; k < to; k++) {
      s[k] = rho * s[k] + (1 - rho) * g[k] * g[k];
      theta[k] -= lr * g[k] / (Math.sqrt(s[k]) + eps);
    }
  }

  /**
   * {@inheritDoc} In one pass in {@code double}, or a block at a time (see {@code FloatBlocks}):
   * the same values as the default, without its widened copies of every parameter.
   */
  @Override
  protected void update(Parameter p, float[] theta, float[] g, int from, int to, double lr,
      long t) {
    final double[] s = mean[p.index()];
    final double r = rho;
    final double e = eps;
    if (FloatBlocks.CONVERTS_IN_LOOP) {
      for (int k = from; k < to; k++) {
        final double gk = g[k];
        final double sk = r * s[k] + (1 - r) * gk * gk;
        s[k] = sk;
        theta[k] = (float) (theta[k] - lr * gk / (Math.sqrt(sk) + e));
      }
      return;
    }
    FloatBlocks.update(blockStep, p, theta, g, s, null, from, to, lr, t);
  }
}
