package io.ffnn.costs;

import io.ffnn.api.Parameters;
import java.util.Map;

/**
 * {@code huber(delta=1.0)}: with {@code d = ŷ − y}, the loss is {@code ½ d²} for {@code |d| ≤ δ}
 * and {@code δ (|d| − ½ δ)} beyond: quadratic near the target, linear (robust to outliers) far
 * from it. {@code J} is its mean over entries; seed {@code d / (n m)} inside, {@code δ sign(d) /
 * (n m)} outside.
 */
public final class Huber extends ElementwiseCost {

  private final double delta;

  /** The ServiceLoader constructor: {@code δ = 1}. */
  public Huber() {
    this(1.0);
  }

  private Huber(double delta) {
    this.delta = delta;
  }

  @Override
  public String name() {
    return "huber";
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {delta=…}}
   */
  @Override
  public Map<String, Double> parameters() {
    return Map.of("delta", delta);
  }

  @Override
  public Huber withParameters(Map<String, Double> parameters) {
    return new Huber(Parameters.get(parameters, name(), "delta", v -> v > 0, "> 0"));
  }

  @Override
  double loss(double yhat, double y) {
    double d = Math.abs(yhat - y);
    return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
  }

  @Override
  double gradient(double yhat, double y) {
    double d = yhat - y;
    return Math.abs(d) <= delta ? d : delta * Math.signum(d);
  }
}
