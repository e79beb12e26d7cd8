package io.ffnn.costs;

import io.ffnn.api.Cost;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A cost that adds up a loss per entry: {@code J = (1/(m·d)) Σ_{p,i} loss(ŷ[p,i], y[p,i])} with
 * {@code d = n} when the losses are averaged over the outputs (the regression costs, as in Keras)
 * and {@code d = 1} when they are summed ({@code multilabel_bce}); the seed is {@code loss'(ŷ,
 * y) / (m·d)}.
 *
 * <p>Two instances are equal when they are of the same class with equal parameters.
 */
abstract class ElementwiseCost implements Cost {

  /** The loss of one entry. */
  abstract double loss(double yhat, double y);

  /** {@code ∂loss/∂ŷ} of one entry. */
  abstract double gradient(double yhat, double y);

  /** Whether the per-example loss is the mean over the outputs (else the sum). */
  boolean averageOverOutputs() {
    return true;
  }

  /** Extra shape rules of the concrete cost. */
  void checkShapes(DMatrixRMaj Yhat, DMatrixRMaj Y) {
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

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && parameters().equals(((Cost) o).parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), parameters());
  }

  /** The spec, e.g. {@code huber(delta=2.0)}. */
  @Override
  public String toString() {
    return spec();
  }
}
