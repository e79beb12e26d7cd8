package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code silu} (swish): {@code g(z) = z σ(z)}; {@code g'(z) = σ(z) (1 + z (1 − σ(z)))}. Its minimum is
 * about −0.27846.
 */
public final class Silu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Silu() {}

  @Override
  public String name() {
    return "silu";
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.2785, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.2785, true, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected double value(double z) {
    return z * Stable.sigmoid(z);
  }

  @Override
  protected double derivative(double z, double a) {
    double s = Stable.sigmoid(z);
    return s * (1 + z * (1 - s));
  }
}
