package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code mish} (Misra 2019): {@code g(z) = z tanh(softplus(z))}; {@code g'(z) = tanh(sp) + z (1 −
 * tanh²(sp)) σ(z)} with {@code sp = softplus(z)}. Its minimum is about −0.30884.
 */
public final class Mish extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Mish() {}

  @Override
  public String name() {
    return "mish";
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.3089, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.3089, true, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected double value(double z) {
    return z * Math.tanh(Stable.softplus(z));
  }

  @Override
  protected double derivative(double z, double a) {
    double t = Math.tanh(Stable.softplus(z));
    return t + z * (1 - t * t) * Stable.sigmoid(z);
  }
}
