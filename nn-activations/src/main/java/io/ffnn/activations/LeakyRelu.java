package io.ffnn.activations;

import io.ffnn.api.Range;

/**
 * {@code leaky_relu(alpha=0.01)}: {@code g(z) = z} for {@code z > 0}, else {@code α z}; {@code g'(z) =
 * 1} for {@code z > 0}, else {@code α}.
 */
public final class LeakyRelu extends OneParameterActivation {

  private final double alpha;

  /** The ServiceLoader constructor: {@code alpha = 0.01}. */
  public LeakyRelu() {
    this(0.01);
  }

  private LeakyRelu(double alpha) {
    super("alpha", alpha, v -> true, "a finite number");
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "leaky_relu";
  }

  @Override
  LeakyRelu create(double newValue) {
    return new LeakyRelu(newValue);
  }

  /**
   * {@inheritDoc}
   *
   * @return (−∞, ∞) for {@code α > 0}, [0, ∞) otherwise
   */
  @Override
  public Range outputRange() {
    return alpha > 0 ? Range.REAL : Range.interval(0, true, Double.POSITIVE_INFINITY, false);
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
    return z > 0 ? z : alpha * z;
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 ? 1.0 : alpha;
  }
}
