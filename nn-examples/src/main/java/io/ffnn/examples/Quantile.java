package io.ffnn.examples;

import io.ffnn.api.ElementwiseCost;
import io.ffnn.api.PluginParameters;

/**
 * {@code quantile(tau=0.5)}, a custom cost that ffnn does not ship: the pinball loss of quantile
 * regression. With {@code d = y − ŷ}, the loss is {@code max(τ d, (τ − 1) d)}, averaged over the
 * entries; its derivative is {@code −τ} where {@code ŷ < y} and {@code 1 − τ} where {@code ŷ > y}.
 * Minimising it makes {@code ŷ} the {@code τ} quantile of {@code y}: {@code τ = 0.5} gives the
 * median. It is registered only in this module's {@code META-INF/services/io.ffnn.api.Cost}.
 */
public final class Quantile extends ElementwiseCost {

  private final double tau;

  /** The ServiceLoader constructor: the median, {@code τ = 0.5}. */
  public Quantile() {
    this(PluginParameters.of("tau", 0.5, t -> t > 0 && t < 1, "in (0, 1)"));
  }

  private Quantile(PluginParameters parameters) {
    super(parameters);
    this.tau = parameter("tau");
  }

  @Override
  public String name() {
    return "quantile";
  }

  @Override
  protected Quantile create(PluginParameters parameters) {
    return new Quantile(parameters);
  }

  @Override
  protected double loss(double yhat, double y) {
    double d = y - yhat;
    return Math.max(tau * d, (tau - 1) * d);
  }

  @Override
  protected double gradient(double yhat, double y) {
    double d = y - yhat;
    return d > 0 ? -tau : d < 0 ? 1 - tau : 0.0;
  }
}
