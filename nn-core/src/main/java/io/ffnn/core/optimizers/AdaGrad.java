package io.ffnn.core.optimizers;

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
  public String name() {
    return "adagrad";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "eps=%s", eps);
  }

  @Override
  protected void allocate(int[] sizes) {
    sum = zeros(sizes);
  }

  @Override
  protected List<double[][]> stateArrays() {
    return sum == null ? List.of() : List.<double[][]>of(sum);
  }

  @Override
  protected void update(int p, double[] theta, double[] g, int from, int to, double lr,
      long t, boolean isWeight) {
    double[] s = sum[p];
    for (int k = from; k < to; k++) {
      s[k] += g[k] * g[k];
      theta[k] -= lr * g[k] / (Math.sqrt(s[k]) + eps);
    }
  }
}
