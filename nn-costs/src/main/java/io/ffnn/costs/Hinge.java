package io.ffnn.costs;

/**
 * {@code hinge}: {@code J = (1/(n m)) Σ max(0, 1 − y ŷ)} for targets {@code y ∈ {−1, +1}} and
 * real-valued scores {@code ŷ}; seed {@code −y / (n m)} where {@code y ŷ < 1}, else 0.
 *
 * <p>The output activation must be able to produce scores of both signs ({@code identity},
 * {@code tanh}): with {@code softmax} or {@code sigmoid} no output is ever negative and a target
 * of −1 can never be met.
 */
public final class Hinge extends MarginCost {

  /** The ServiceLoader constructor. */
  public Hinge() {}

  @Override
  public String name() {
    return "hinge";
  }

  @Override
  protected double loss(double yhat, double y) {
    return Math.max(0, 1 - y * yhat);
  }

  @Override
  protected double gradient(double yhat, double y) {
    return 1 - y * yhat > 0 ? -y : 0.0;
  }
}
