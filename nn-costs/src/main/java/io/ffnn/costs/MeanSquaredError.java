package io.ffnn.costs;

import io.ffnn.api.Cost;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code mse}: {@code J = (1/m) Σ_i (1/n) Σ_p (ŷ[p,i] − y[p,i])²}, the mean over examples of the
 * mean squared error over the {@code n} outputs; seed {@code ∂J/∂ŷ = 2 (ŷ − y) / (n m)}.
 */
public final class MeanSquaredError implements Cost {

  /** The ServiceLoader constructor. */
  public MeanSquaredError() {}

  @Override
  public String name() {
    return "mse";
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
    double sum = 0;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      double d = Yhat.data[k] - Y.data[k];
      sum += d * d;
    }
    return sum / size;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    CostMath.requireShapes(name(), Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final int size = Yhat.getNumElements();
    final double scale = 2.0 / size;
    for (int k = 0; k < size; k++) {
      dYhat.data[k] = scale * (Yhat.data[k] - Y.data[k]);
    }
  }
}
