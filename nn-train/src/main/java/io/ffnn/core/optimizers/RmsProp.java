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
    double[] s = mean[p.index()];
    for (int k = from; k < to; k++) {
      s[k] = rho * s[k] + (1 - rho) * g[k] * g[k];
      theta[k] -= lr * g[k] / (Math.sqrt(s[k]) + eps);
    }
  }
}
