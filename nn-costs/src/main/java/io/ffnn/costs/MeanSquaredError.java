package io.ffnn.costs;

import io.ffnn.api.ElementwiseCost;

/**
 * {@code mse}: {@code J = (1/m) Σ_i (1/n) Σ_p (ŷ[p,i] − y[p,i])²}, the mean over examples of the
 * mean squared error over the {@code n} outputs; seed {@code ∂J/∂ŷ = 2 (ŷ − y) / (n m)}.
 */
public final class MeanSquaredError extends ElementwiseCost {

  /** The ServiceLoader constructor. */
  public MeanSquaredError() {}

  @Override
  public String name() {
    return "mse";
  }

  @Override
  protected double loss(double yhat, double y) {
    double d = yhat - y;
    return d * d;
  }

  @Override
  protected double gradient(double yhat, double y) {
    return 2 * (yhat - y);
  }
}
