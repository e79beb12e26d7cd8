package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;

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
  protected Optimizer newInstance(double learningRate) {
    return new Sgd(learningRate);
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  protected void allocate(ParameterLayout layout) {}

  @Override
  protected void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t) {
    for (int k = from; k < to; k++) {
      theta[k] -= lr * g[k];
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>In {@code float} arithmetic, {@code θ ← θ − (float) η · g}, as PyTorch's float32 SGD
   * computes it: a loop the JIT vectorises.
   */
  @Override
  protected void update(Parameter p, float[] theta, float[] g, int from, int to, double lr,
      long t) {
    final float rate = (float) lr;
    for (int k = from; k < to; k++) {
      theta[k] -= rate * g[k];
    }
  }
}
