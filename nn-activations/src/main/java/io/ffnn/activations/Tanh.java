package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;

/**
 * {@code tanh}: {@code g(z) = tanh z}, {@code g'(z) = 1 − tanh² z}.
 */
public final class Tanh extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Tanh() {}

  @Override
  public String name() {
    return "tanh";
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

  @Override
  protected double value(double z) {
    return Math.tanh(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return 1.0 - a * a;
  }
}
