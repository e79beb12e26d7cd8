package io.ffnn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Base class for a cost that adds up a loss per entry: {@code J = (1/(m·d)) Σ_{p,i} loss(ŷ[p,i],
 * y[p,i])} with {@code d = n} when the losses are averaged over the outputs (the regression
 * costs, as in Keras; the default) and {@code d = 1} when they are summed ({@code
 * multilabel_bce}); the seed is {@code loss'(ŷ, y) / (m·d)}. Subclasses supply {@link #loss} and
 * {@link #gradient}, and declare any parameters with {@link PluginParameters}: the base ({@link
 * ParameterizedPlugin}) supplies {@code parameters()}, {@code withParameters} (through {@link
 * #create}), {@code spec()}, {@code equals}, {@code hashCode} and {@code toString}.
 *
 * <pre>{@code
 * public final class Quantile extends ElementwiseCost {
 *   public Quantile() { this(PluginParameters.of("tau", 0.5, t -> t > 0 && t < 1, "in (0, 1)")); }
 *   private Quantile(PluginParameters p) { super(p); }
 *   @Override public String name() { return "quantile"; }
 *   @Override protected Quantile create(PluginParameters p) { return new Quantile(p); }
 *   @Override protected double loss(double yhat, double y) { ... parameter("tau") ... }
 *   @Override protected double gradient(double yhat, double y) { ... }
 * }
 * }</pre>
 */
public abstract class ElementwiseCost extends ParameterizedPlugin<Cost> implements Cost {

  /** For subclasses without parameters. */
  protected ElementwiseCost() {
    super(PluginParameters.none());
  }

  /**
   * For subclasses with parameters.
   *
   * @param parameters the declared parameters with this instance's values
   */
  protected ElementwiseCost(PluginParameters parameters) {
    super(parameters);
  }

  /**
   * The loss of one entry.
   *
   * @param yhat the output {@code ŷ}
   * @param y the target
   * @return {@code loss(ŷ, y)}
   */
  protected abstract double loss(double yhat, double y);

  /**
   * {@code ∂loss/∂ŷ} of one entry.
   *
   * @param yhat the output {@code ŷ}
   * @param y the target
   * @return the derivative
   */
  protected abstract double gradient(double yhat, double y);

  /**
   * Whether the per-example loss is the mean over the outputs (the default) or their sum.
   *
   * @return true to average over the {@code n} outputs
   */
  protected boolean averageOverOutputs() {
    return true;
  }

  /**
   * Checks the shapes of {@code Ŷ} and {@code Y} before a value or seed; by default, one shape
   * with at least one column ({@link CostMath#requireShapes}).
   *
   * @param Yhat the outputs. Not modified.
   * @param Y the targets. Not modified.
   * @throws IllegalArgumentException naming the cost and the shapes
   */
  protected void checkShapes(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    checkShapes(Yhat, Y);
    double sum = 0;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      sum += loss(Yhat.data[k], Y.data[k]);
    }
    return sum / divisor(Yhat);
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    checkShapes(Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / divisor(Yhat);
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      dYhat.data[k] = gradient(Yhat.data[k], Y.data[k]) * inv;
    }
  }

  private double divisor(DMatrixRMaj Yhat) {
    return averageOverOutputs() ? (double) Yhat.numCols * Yhat.numRows : Yhat.numCols;
  }
}
