package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code softsign}: {@code g(z) = z / (1 + |z|)}; {@code g'(z) = 1 / (1 + |z|)²}.
 */
public final class Softsign extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Softsign() {}

  @Override
  public String name() {
    return "softsign";
  }

  /**
   * {@inheritDoc}
   *
   * @return (−1, 1)
   */
  @Override
  public Range outputRange() {
    return Range.open(-1, 1);
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
    return z / (1 + Math.abs(z));
  }

  @Override
  protected double derivative(double z, double a) {
    double d = 1 + Math.abs(z);
    return 1 / (d * d);
  }
}
