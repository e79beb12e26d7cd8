package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * AdaGrad (Duchi et al. 2011): {@code s ← s + g²}, {@code θ ← θ − η g / (sqrt(s) + ε)}, with the
 * accumulator {@code s} starting at 0 and {@code ε = 1e-10} by default.
 */
public final class AdaGrad extends Optimizer {

  private final double eps;
  private double[][] sum;

  /**
   * AdaGrad.
   *
   * @param learningRate {@code η > 0}
   * @param eps {@code ε > 0}
   */
  public AdaGrad(double learningRate, double eps) {
    super(learningRate);
    this.eps = positive("eps", eps);
  }

  @Override
  protected Optimizer newInstance(double learningRate) {
    return new AdaGrad(learningRate, eps);
  }

  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "eps=%s", eps);
  }

  @Override
  protected void allocate(ParameterLayout layout) {
    sum = zeros(layout);
  }

  @Override
  protected List<double[][]> stateArrays() {
    return sum == null ? List.of() : List.<double[][]>of(sum);
  }

  @Override
  protected void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t) {
    double[] s = sum[p.index()];
    for (int k = from; k < to; k++) {
      s[k] += g[k] * g[k];
      theta[k] -= lr * g[k] / (Math.sqrt(s[k]) + eps);
    }
  }
}
