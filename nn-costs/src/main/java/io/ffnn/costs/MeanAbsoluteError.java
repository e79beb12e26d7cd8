package io.ffnn.costs;

import io.ffnn.api.ElementwiseCost;

/**
 * {@code mae}: {@code J = (1/(n m)) Σ |ŷ − y|}; seed {@code sign(ŷ − y) / (n m)} (0 where {@code ŷ =
 * y}).
 */
public final class MeanAbsoluteError extends ElementwiseCost {

  /** The ServiceLoader constructor. */
  public MeanAbsoluteError() {}

  @Override
  public String name() {
    return "mae";
  }

  @Override
  protected double loss(double yhat, double y) {
    return Math.abs(yhat - y);
  }

  @Override
  protected double gradient(double yhat, double y) {
    return Math.signum(yhat - y);
  }
}
