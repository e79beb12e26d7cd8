package io.ffnn.costs;

import io.ffnn.api.ElementwiseCost;
import io.ffnn.api.PluginParameters;

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
    this(PluginParameters.of("delta", 1.0, v -> v > 0, "> 0"));
  }

  private Huber(PluginParameters parameters) {
    super(parameters);
    this.delta = parameter("delta");
  }

  @Override
  public String name() {
    return "huber";
  }

  @Override
  protected Huber create(PluginParameters parameters) {
    return new Huber(parameters);
  }

  @Override
  protected double loss(double yhat, double y) {
    double d = Math.abs(yhat - y);
    return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
  }

  @Override
  protected double gradient(double yhat, double y) {
    double d = yhat - y;
    return Math.abs(d) <= delta ? d : delta * Math.signum(d);
  }
}
