package io.ffnn.examples;

import io.ffnn.api.Cost;
import io.ffnn.api.Parameters;
import io.ffnn.api.Shapes;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code quantile(tau=0.5)}, a custom cost that ffnn does not ship: the pinball loss of quantile
 * regression. With {@code d = y − ŷ}, the loss is {@code max(τ d, (τ − 1) d)}, and {@code J} is its
 * mean over the entries; the seed is {@code −τ / (n m)} where {@code ŷ < y} and {@code (1 − τ) /
 * (n m)} where {@code ŷ > y} (0 at {@code ŷ = y}). Minimising it makes {@code ŷ} the {@code τ}
 * quantile of {@code y}: {@code τ = 0.5} gives the median. It is registered only in this
 * module's {@code META-INF/services/io.ffnn.api.Cost}.
 */
public final class Quantile implements Cost {

  private final double tau;

  /** The ServiceLoader constructor: the median, {@code τ = 0.5}. */
  public Quantile() {
    this(0.5);
  }

  private Quantile(double tau) {
    this.tau = tau;
  }

  @Override
  public String name() {
    return "quantile";
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {tau=…}}
   */
  @Override
  public Map<String, Double> parameters() {
    return Map.of("tau", tau);
  }

  @Override
  public Quantile withParameters(Map<String, Double> parameters) {
    return new Quantile(Parameters.get(parameters, name(), "tau", t -> t > 0 && t < 1,
        "in (0, 1)"));
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireSameShape(name(), "Ŷ", Yhat, "Y", Y);
    double sum = 0;
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      double d = Y.data[k] - Yhat.data[k];
      sum += Math.max(tau * d, (tau - 1) * d);
    }
    return sum / Yhat.getNumElements();
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    Shapes.requireSameShape(name(), "Ŷ", Yhat, "Y", Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / Yhat.getNumElements();
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      double d = Y.data[k] - Yhat.data[k];
      dYhat.data[k] = (d > 0 ? -tau : d < 0 ? 1 - tau : 0.0) * inv;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantile && ((Quantile) o).tau == tau;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Quantile.class, tau);
  }

  @Override
  public String toString() {
    return spec();
  }
}
