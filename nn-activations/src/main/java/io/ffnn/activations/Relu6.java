package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code relu6}: {@code g(z) = min(max(0, z), 6)}; {@code g'(z) = 1} for {@code 0 < z < 6}, else 0.
 */
public final class Relu6 extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Relu6() {}

  @Override
  public String name() {
    return "relu6";
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, 6]
   */
  @Override
  public Range outputRange() {
    return Range.closed(0, 6);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {0, 6}}
   */
  @Override
  public double[] kinks() {
    return new double[] {0, 6};
  }

  @Override
  protected double value(double z) {
    return Math.min(6.0, Math.max(0.0, z));
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 && z < 6 ? 1.0 : 0.0;
  }
}
