package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * SGD with momentum, as PyTorch writes it: {@code v ← μ v + g}, then {@code θ ← θ − η v}
 * (classical momentum) or {@code θ ← θ − η (g + μ v)} (Nesterov momentum, Sutskever et al. 2013).
 * The velocity {@code v} starts at 0.
 */
public final class Momentum extends Optimizer {

  private final double mu;
  private final boolean nesterov;
  private double[][] velocity;
  /** {@link #step} on blocks, for the float form on JDKs that do not vectorise conversions. */
  private final FloatBlocks.Step blockStep =
      (p, theta, g, v, unused, n, lr, t) -> step(theta, g, v, 0, n, lr);

  /**
   * Momentum SGD.
   *
   * @param learningRate {@code η > 0}
   * @param mu the momentum {@code μ} in {@code [0, 1)}
   * @param nesterov whether to use Nesterov's look-ahead form
   */
  public Momentum(double learningRate, double mu, boolean nesterov) {
    super(learningRate);
    if (!(mu >= 0 && mu < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + mu);
    }
    this.mu = mu;
    this.nesterov = nesterov;
  }

  @Override
  protected Optimizer newInstance(double learningRate) {
    return new Momentum(learningRate, mu, nesterov);
  }

  @Override
  public String name() {
    return nesterov ? "nesterov" : "momentum";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "momentum=%s", mu);
  }

  @Override
  protected void allocate(ParameterLayout layout) {
    velocity = zeros(layout);
  }

  @Override
  protected List<double[][]> stateArrays() {
    return velocity == null ? List.of() : List.<double[][]>of(velocity);
  }

  @Override
  protected void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t) {
    step(theta, g, velocity[p.index()], from, to, lr);
  }

  /** The step on entries {@code from ≤ k < to} of arrays that share one index. */
  private void step(double[] theta, double[] g, double[] v, int from, int to, double lr) {
    for (int k = from; k < to; k++) {
      v[k] = mu * v[k] + g[k];
      theta[k] -= lr * (nesterov ? g[k] + mu * v[k] : v[k]);
    }
  }

  /** {@inheritDoc} In one pass, in {@code double}: the same values as the default. */
  @Override
  protected void update(Parameter p, float[] theta, float[] g, int from, int to, double lr,
      long t) {
    final double[] v = velocity[p.index()];
    final double u = mu;
    if (FloatBlocks.CONVERTS_IN_LOOP) {
      for (int k = from; k < to; k++) {
        final double gk = g[k];
        final double vk = u * v[k] + gk;
        v[k] = vk;
        theta[k] = (float) (theta[k] - lr * (nesterov ? gk + u * vk : vk));
      }
      return;
    }
    // a block at a time in double (see FloatBlocks), rounded back once
    FloatBlocks.update(blockStep, p, theta, g, v, null, from, to, lr, t);
  }
}
