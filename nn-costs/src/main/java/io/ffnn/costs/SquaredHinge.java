package io.ffnn.costs;

/**
 * {@code squared_hinge}: {@code J = (1/(n m)) Σ max(0, 1 − y ŷ)²} for targets {@code y ∈ {−1,
 * +1}}; seed {@code −2 y max(0, 1 − y ŷ) / (n m)}. Like {@code hinge}, it needs outputs of both
 * signs.
 */
public final class SquaredHinge extends MarginCost {

  /** The ServiceLoader constructor. */
  public SquaredHinge() {}

  @Override
  public String name() {
    return "squared_hinge";
  }

  @Override
  protected double loss(double yhat, double y) {
    double margin = Math.max(0, 1 - y * yhat);
    return margin * margin;
  }

  @Override
  protected double gradient(double yhat, double y) {
    return -2 * y * Math.max(0, 1 - y * yhat);
  }
}
