package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Parameters;
import io.ffnn.api.Range;
import java.util.Map;

/**
 * {@code leaky_relu(alpha=0.01)}: {@code g(z) = z} for {@code z > 0}, else {@code α z}; {@code g'(z) =
 * 1} for {@code z > 0}, else {@code α}.
 */
public final class LeakyRelu extends ElementwiseActivation {

  private final double alpha;

  /** The ServiceLoader constructor: {@code alpha = 0.01}. */
  public LeakyRelu() {
    this(0.01);
  }

  private LeakyRelu(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "leaky_relu";
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {alpha=…}}
   */
  @Override
  public Map<String, Double> parameters() {
    return Map.of("alpha", alpha);
  }

  @Override
  public LeakyRelu withParameters(Map<String, Double> parameters) {
    return new LeakyRelu(Parameters.get(parameters, name(), "alpha", v -> true, "a finite number"));
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
