package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code hard_tanh}: {@code g(z) = clip(z, −1, 1)}; {@code g'(z) = 1} for {@code −1 < z < 1}, else 0.
 */
public final class HardTanh extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public HardTanh() {}

  @Override
  public String name() {
    return "hard_tanh";
  }

  /**
   * {@inheritDoc}
   *
   * @return [−1, 1]
   */
  @Override
  public Range outputRange() {
    return Range.closed(-1, 1);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {-1, 1}}
   */
  @Override
  public double[] kinks() {
    return new double[] {-1, 1};
  }

  @Override
  protected double value(double z) {
    return Math.min(1.0, Math.max(-1.0, z));
  }

  @Override
  protected double derivative(double z, double a) {
    return z > -1 && z < 1 ? 1.0 : 0.0;
  }
}
