package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code sigmoid}: {@code g(z) = 1 / (1 + e^(−z))}, {@code g'(z) = g(z) (1 − g(z))}.
 *
 * <p>Evaluated as {@code e^z / (1 + e^z)} for negative {@code z}, so that {@code e^(−z)} never
 * overflows: inputs of ±1000 give exactly 0 and 1, never NaN.
 */
public final class Sigmoid extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Sigmoid() {}

  @Override
  public String name() {
    return "sigmoid";
  }

  /**
   * {@inheritDoc}
   *
   * @return (0, 1)
   */
  @Override
  public Range outputRange() {
    return Range.open(0, 1);
  }

  @Override
  protected double value(double z) {
    return Stable.sigmoid(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return a * (1.0 - a);
  }
}
