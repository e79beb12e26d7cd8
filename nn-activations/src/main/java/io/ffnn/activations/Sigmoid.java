package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;

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

  @Override
  protected double value(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  @Override
  protected double derivative(double z, double a) {
    return a * (1.0 - a);
  }
}
