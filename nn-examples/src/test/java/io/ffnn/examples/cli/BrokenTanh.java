package io.ffnn.examples.cli;

import io.ffnn.api.ElementwiseActivation;

/** A deliberately wrong plugin, registered only by this module's tests: g' is off by 2. */
public final class BrokenTanh extends ElementwiseActivation {

  /** ServiceLoader constructor. */
  public BrokenTanh() {}

  @Override
  public String name() {
    return "broken_tanh";
  }

  @Override
  protected double value(double z) {
    return Math.tanh(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return 2 * (1 - a * a);
  }
}
