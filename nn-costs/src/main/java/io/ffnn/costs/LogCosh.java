package io.ffnn.costs;

import io.ffnn.api.ElementwiseCost;

/**
 * {@code log_cosh}: {@code J = (1/(n m)) Σ log cosh(ŷ − y)}, evaluated as {@code |d| + log1p(e^(−2|d|))
 * − log 2} so that it never overflows; seed {@code tanh(ŷ − y) / (n m)}.
 */
public final class LogCosh extends ElementwiseCost {

  private static final double LOG2 = Math.log(2);

  /** The ServiceLoader constructor. */
  public LogCosh() {}

  @Override
  public String name() {
    return "log_cosh";
  }

  @Override
  protected double loss(double yhat, double y) {
    double d = Math.abs(yhat - y);
    return d + Math.log1p(Math.exp(-2 * d)) - LOG2;
  }

  @Override
  protected double gradient(double yhat, double y) {
    return Math.tanh(yhat - y);
  }
}
