package io.ffnn.core.optimizers;

/** Plain stochastic gradient descent: {@code θ ← θ − η g}. No state. */
public final class Sgd extends Optimizer {

  /**
   * SGD.
   *
   * @param learningRate {@code η > 0}
   */
  public Sgd(double learningRate) {
    super(learningRate);
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  protected void allocate(int[] sizes) {}

  @Override
  protected void update(int p, double[] theta, double[] g, int from, int to, double lr,
      long t, boolean isWeight) {
    for (int k = from; k < to; k++) {
      theta[k] -= lr * g[k];
    }
  }
}
