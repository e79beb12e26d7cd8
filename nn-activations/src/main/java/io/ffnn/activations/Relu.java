package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code relu}: {@code g(z) = max(0, z)}, {@code g'(z) = 1} for {@code z > 0}, else 0 (the
 * subgradient 0 is taken at {@code z = 0}).
 */
public final class Relu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Relu() {}

  @Override
  public String name() {
    return "relu";
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(0, true, Double.POSITIVE_INFINITY, false);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {0}}
   */
  @Override
  public double[] kinks() {
    return new double[] {0};
  }

  @Override
  protected double value(double z) {
    return z > 0 ? z : 0.0;
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 ? 1.0 : 0.0;
  }
}
