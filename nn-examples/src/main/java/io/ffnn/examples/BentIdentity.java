package io.ffnn.examples;

import io.ffnn.api.ElementwiseActivation;

/**
 * {@code bent_identity}, a custom activation that ffnn does not ship: {@code g(z) = (sqrt(z² + 1) −
 * 1) / 2 + z}, {@code g'(z) = z / (2 sqrt(z² + 1)) + 1}. Smooth everywhere, unbounded both ways,
 * never saturating. It is registered only in this module's {@code
 * META-INF/services/io.ffnn.api.Activation}.
 */
public final class BentIdentity extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public BentIdentity() {}

  @Override
  public String name() {
    return "bent_identity";
  }

  @Override
  protected double value(double z) {
    return (Math.hypot(z, 1) - 1) / 2 + z;
  }

  @Override
  protected double derivative(double z, double a) {
    return z / (2 * Math.hypot(z, 1)) + 1;
  }
}
