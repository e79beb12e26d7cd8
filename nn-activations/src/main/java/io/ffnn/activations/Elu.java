package io.ffnn.activations;

import io.ffnn.api.Range;

/**
 * {@code elu(alpha=1.0)} (Clevert et al. 2015): {@code g(z) = z} for {@code z > 0}, else {@code α (e^z −
 * 1)}; {@code g'(z) = 1} for {@code z > 0}, else {@code α e^z = g(z) + α}.
 */
public final class Elu extends OneParameterActivation {

  private final double alpha;

  /** The ServiceLoader constructor: {@code alpha = 1.0}. */
  public Elu() {
    this(1.0);
  }

  private Elu(double alpha) {
    super("alpha", alpha, v -> v > 0, "> 0");
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "elu";
  }

  @Override
  Elu create(double newValue) {
    return new Elu(newValue);
  }

  /**
   * {@inheritDoc}
   *
   * @return (−α, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.open(-alpha, Double.POSITIVE_INFINITY);
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
    return z > 0 ? z : alpha * Math.expm1(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 ? 1.0 : alpha * Math.exp(z);
  }
}
